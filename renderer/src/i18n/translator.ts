import type { Locale } from '../../../shared/domain';
import { formatAmount } from '../../../shared/money';
import { formatBusinessDate } from '../../../shared/dates';
import { de } from './de';
import { en, type MessageKey, type Messages } from './en';
import type { Problem } from './problems';

export type Params = Record<string, string | number>;

const dictionaries: Record<Locale, Messages> = { en, de };

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

function interpolate(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A bare code such as `iban.invalid` is no sentence to show a user. */
const looksLikeCode = (s: string) => /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/.test(s);

export interface Translator {
  locale: Locale;
  t: (key: MessageKey, params?: Params) => string;
  /** `one` for 1, `other` otherwise; both keys get `{count}`. */
  plural: (count: number, one: MessageKey, other: MessageKey) => string;
  /** Words for an error or validation code; the server's English message if there is no translation. */
  problem: (p: Problem) => string;
  amount: (cents: number, currency?: string) => string;
  date: (d: string | null | undefined) => string;
}

export function makeTranslator(locale: Locale): Translator {
  const dict = dictionaries[locale];
  const t = (key: MessageKey, params?: Params) => interpolate(dict[key], params);
  return {
    locale,
    t,
    plural: (count, one, other) => t(count === 1 ? one : other, { count }),
    problem(p) {
      const reason = p.params?.reason;
      const keys = [typeof reason === 'string' ? `code.${p.code}.${reason}` : '', `code.${p.code}`];
      for (const key of keys) if (isMessageKey(key)) return interpolate(dict[key], p.params);
      if (p.fallback && !looksLikeCode(p.fallback)) return p.fallback;
      return t('code.unknown');
    },
    amount: (cents, currency) => formatAmount(cents, locale, currency ? { currency } : {}),
    date: (d) => (d ? formatBusinessDate(d, locale) : ''),
  };
}
