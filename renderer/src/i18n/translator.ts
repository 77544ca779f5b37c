import type { Locale } from '../../../shared/domain';
import { formatAmount } from '../../../shared/money';
import { formatBusinessDate } from '../../../shared/dates';
import { collatorFor, formatCount, formatInstant, instantParts, sortByText } from '../../../shared/locale-format';
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

/**
 * A state named in an error's params (`order.wrongStatus` carries `status:
 * 'draft'`) in the glossary's word for it, so no English state word reaches
 * a German sentence (docs/glossary.md).
 */
const STATE_WORDS: readonly [codePrefix: string, keyPrefix: string][] = [
  ['order.', 'orders.status.'],
  ['demoBank.', 'demoSigner.state.'],
  ['bankAccess.', 'access.state.'],
  ['payment.', 'words.payment.'],
];

function withStateWords(dict: Messages, p: Problem): Params | undefined {
  const family = STATE_WORDS.find(([code]) => p.code.startsWith(code));
  if (!family || !p.params) return p.params;
  const out: Params = { ...p.params };
  for (const name of ['status', 'state']) {
    const key = `${family[1]}${String(out[name])}`;
    if (typeof out[name] === 'string' && isMessageKey(key)) out[name] = dict[key];
  }
  return out;
}

/** An instant in an error's params (`at`, as `edit.changedMeanwhile` carries it) as local `date` and `time` for the sentence. */
function withInstantWords(params: Params | undefined, locale: Locale): Params | undefined {
  const at = params?.at;
  const parts = typeof at === 'string' ? instantParts(at, locale) : null;
  return parts ? { ...params, ...parts } : params;
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
  /** An instant (UTC ISO) as local date and time, e.g. `07.12.2026, 14:05`. */
  instant: (iso: string | null | undefined) => string;
  /** A count with the language's grouping. */
  count: (n: number) => string;
  /** The language's alphabetical order (Ä with A): for every list sorted by text. */
  compareText: (a: string, b: string) => number;
  sortByText: <T>(items: readonly T[], key: (item: T) => string) => T[];
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
      for (const key of keys) if (isMessageKey(key)) return interpolate(dict[key], withInstantWords(withStateWords(dict, p), locale));
      if (p.fallback && !looksLikeCode(p.fallback)) return p.fallback;
      return t('code.unknown');
    },
    amount: (cents, currency) => formatAmount(cents, locale, currency ? { currency } : {}),
    date: (d) => (d ? formatBusinessDate(d, locale) : ''),
    instant: (iso) => (iso ? formatInstant(iso, locale) : ''),
    count: (n) => formatCount(n, locale),
    compareText: collatorFor(locale).compare,
    sortByText: (items, key) => sortByText(items, key, locale),
  };
}
