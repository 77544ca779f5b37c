/**
 * The lines filter as the user types it (text fields) and as the API takes
 * it: dates in either notation, amounts as decimal text in the user's
 * language turned into cents. What does not parse is left out of the query
 * and reported, so the table keeps showing something sensible while typing.
 */
import { parseBusinessDate } from '../../../../shared/dates';
import type { Locale } from '../../../../shared/domain';
import { KontorError } from '../../../../shared/errors';
import { parseAmount } from '../../../../shared/money';
import type { LineFilter } from '../../../../shared/statements';

export type MatchedChoice = 'all' | 'matched' | 'unmatched';
export type DirectionChoice = 'all' | 'in' | 'out';

export interface LineFilterValues {
  from: string;
  to: string;
  minAmount: string;
  maxAmount: string;
  text: string;
  counterparty: string;
  matched: MatchedChoice;
  direction: DirectionChoice;
}

export const NO_LINE_FILTER: LineFilterValues = {
  from: '',
  to: '',
  minAmount: '',
  maxAmount: '',
  text: '',
  counterparty: '',
  matched: 'all',
  direction: 'all',
};

export type CheckedField = 'from' | 'to' | 'minAmount' | 'maxAmount';

export interface ParsedLineFilter {
  filter: LineFilter;
  /** Message codes (`date.invalid`, `amount.invalid`, …) of the fields that were left out. */
  invalid: Partial<Record<CheckedField, { code: string; params?: Record<string, string | number> }>>;
}

export function isFiltered(values: LineFilterValues): boolean {
  return (Object.keys(NO_LINE_FILTER) as (keyof LineFilterValues)[]).some((k) => values[k].trim() !== NO_LINE_FILTER[k]);
}

function problemOf(e: unknown): { code: string; params?: Record<string, string | number> } {
  return e instanceof KontorError ? { code: e.code, params: e.params } : { code: 'amount.invalid' };
}

/** The API filter for the typed values; `locale` decides the decimal separator of the amounts. */
export function toLineFilter(values: LineFilterValues, locale: Locale): ParsedLineFilter {
  const filter: LineFilter = {};
  const invalid: ParsedLineFilter['invalid'] = {};
  for (const name of ['from', 'to'] as const) {
    const text = values[name].trim();
    if (!text) continue;
    try {
      filter[name] = parseBusinessDate(text);
    } catch (e) {
      invalid[name] = problemOf(e);
    }
  }
  const amounts = { minAmount: 'minCents', maxAmount: 'maxCents' } as const;
  for (const name of ['minAmount', 'maxAmount'] as const) {
    const text = values[name].trim();
    if (!text) continue;
    try {
      filter[amounts[name]] = parseAmount(text, { decimal: locale === 'de' ? ',' : '.' });
    } catch (e) {
      invalid[name] = problemOf(e);
    }
  }
  const text = values.text.trim().slice(0, 200);
  if (text) filter.text = text;
  const counterparty = values.counterparty.trim().slice(0, 140);
  if (counterparty) filter.counterparty = counterparty;
  if (values.matched !== 'all') filter.matched = values.matched;
  if (values.direction !== 'all') filter.direction = values.direction;
  return { filter, invalid };
}
