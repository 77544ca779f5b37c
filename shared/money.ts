import { KontorError } from './errors';

/** A safe integer number of minor units (cents). Never a fraction, never -0. */
export type Cents = number;

/** ±999,999,999,999.99: far above any SEPA amount, far below 2^53. */
export const MAX_ABS_CENTS = 99_999_999_999_999;

export interface ParseAmountOptions {
  /** Decimal separator; 'auto' (default) guesses it, see parseAmount. */
  decimal?: ',' | '.' | 'auto';
  /** Most decimals allowed (0 to 2, default 2); extra trailing zeros are fine. */
  maxDecimals?: number;
}

// Spaces (plain, no-break, narrow no-break, thin) and apostrophes (Swiss) only
// ever group digits; ',' and '.' can be either grouping or decimal.
const SPACE_GROUPING = ' \u00A0\u202F\u2009';
const APOSTROPHES = "'\u2019";
const MINUS = '-\u2212';
const CURRENCY = /^(?:[A-Z]{3}|€)$/;

/**
 * Parses decimal text such as `1.234,56`, `-0,01`, `1'234.56`, `1.234,56-`
 * or `EUR 12,00` straight into integer cents, without floating point.
 *
 * A currency code or `€` before or after the number is accepted and ignored:
 * callers that care about the currency must check it themselves.
 *
 * With `decimal: 'auto'`, if both `,` and `.` occur the last one is the
 * decimal separator. If only one of them occurs, once, followed by exactly
 * three digits, after an integer part that does not start with 0 and has no
 * other grouping, it is taken as a thousands separator: `1.234` and `1,234`
 * are both 1234.00, as in German and English bank exports, whereas `0,500`
 * is 0.50. Pass an explicit `decimal` where the convention is known.
 */
export function parseAmount(text: string, options: ParseAmountOptions = {}): Cents {
  const decimal = options.decimal ?? 'auto';
  const maxDecimals = options.maxDecimals ?? 2;
  if (!Number.isInteger(maxDecimals) || maxDecimals < 0 || maxDecimals > 2) {
    throw new RangeError(`maxDecimals must be 0, 1 or 2, got ${maxDecimals}`);
  }
  const invalid = (): KontorError => new KontorError('amount.invalid', `Not a valid amount: "${text}"`, { text });

  const { negative, body } = splitSignAndCurrency(text.trim(), invalid);
  const decimalSep = pickDecimalSeparator(body, decimal);

  let intPart = body;
  let fracPart = '';
  if (decimalSep !== null) {
    const at = body.indexOf(decimalSep);
    if (at !== -1) {
      intPart = body.slice(0, at);
      fracPart = body.slice(at + 1);
      if (!/^[0-9]+$/.test(fracPart)) throw invalid();
    }
  }
  const intDigits = ungroup(intPart, decimalSep);
  if (intDigits === null || (intDigits === '' && fracPart === '')) throw invalid();

  const significant = fracPart.replace(/0+$/, '');
  if (significant.length > maxDecimals) {
    throw new KontorError('amount.tooManyDecimals', `Amount "${text}" has more than ${maxDecimals} decimal places`, { text, maxDecimals });
  }
  const magnitude = BigInt((intDigits || '0') + significant.padEnd(2, '0'));
  if (magnitude > BigInt(MAX_ABS_CENTS)) {
    throw new KontorError('amount.outOfRange', `Amount "${text}" is too large`, { text });
  }
  const cents = Number(magnitude);
  // Checking for 0 keeps "-0,00" from becoming -0.
  return negative && cents !== 0 ? -cents : cents;
}

/** Peels an optional sign (leading or trailing) and one currency marker off. */
function splitSignAndCurrency(s: string, invalid: () => KontorError): { negative: boolean; body: string } {
  let signs = '';
  let currencies = 0;
  const tokens = s.split(/([+\-\u2212]|[A-Z]{3}|€)/).map((t) => t.trim());
  // tokens alternate: text, delimiter, text, delimiter, …; the number is the
  // one non-empty text token, delimiters around it are signs or currencies.
  let body: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    if (i % 2 === 0) {
      if (t === '') continue;
      if (body !== null) throw invalid();
      body = t;
    } else if (CURRENCY.test(t)) {
      currencies++;
    } else {
      signs += t;
    }
  }
  if (body === null || signs.length > 1 || currencies > 1) throw invalid();
  return { negative: signs !== '' && MINUS.includes(signs), body };
}

function pickDecimalSeparator(body: string, decimal: ',' | '.' | 'auto'): ',' | '.' | null {
  if (decimal !== 'auto') return decimal;
  const comma = body.lastIndexOf(',');
  const dot = body.lastIndexOf('.');
  if (comma === -1 && dot === -1) return null;
  if (comma !== -1 && dot !== -1) return comma > dot ? ',' : '.';
  const sep = comma !== -1 ? ',' : '.';
  const first = body.indexOf(sep);
  if (first !== body.lastIndexOf(sep)) return null; // `1.234.567`: only grouping
  const before = body.slice(0, first);
  const after = body.slice(first + 1);
  const looksGrouped = /^[1-9][0-9]{0,2}$/.test(before) && /^[0-9]{3}$/.test(after);
  return looksGrouped ? null : sep;
}

/**
 * Removes grouping from the integer part; returns null if grouping is
 * inconsistent (mixed separators, or groups that are not 3 digits after the
 * first 1–3). The decimal separator may not appear here.
 */
function ungroup(intPart: string, decimalSep: ',' | '.' | null): string | null {
  const sep = [...intPart].find((c) => c < '0' || c > '9');
  if (sep === undefined) return intPart;
  // A second kind of separator would end up inside a group and fail below.
  if (sep === decimalSep || !(',.' + SPACE_GROUPING + APOSTROPHES).includes(sep)) return null;
  const groups = intPart.split(sep);
  const [head, ...tail] = groups;
  if (head === undefined || !/^[0-9]{1,3}$/.test(head)) return null;
  if (!tail.every((g) => /^[0-9]{3}$/.test(g))) return null;
  return groups.join('');
}

export interface FormatAmountOptions {
  /** Thousands grouping, default true. */
  grouping?: boolean;
  /** Currency code to show: after the number in German, before it in English. */
  currency?: string;
}

/**
 * `1.234,56` (de) / `1,234.56` (en), minus sign first. With a currency:
 * `-1.234,56 EUR` (de, as German banks print it) and `EUR -1,234.56` (en).
 * Both forms parse back with parseAmount.
 */
export function formatAmount(cents: Cents, locale: 'de' | 'en', options: FormatAmountOptions = {}): string {
  const [groupSep, decimalSep] = locale === 'de' ? ['.', ','] : [',', '.'];
  const number = formatPlain(cents, (options.grouping ?? true) ? groupSep : '', decimalSep);
  if (options.currency === undefined) return number;
  return locale === 'de' ? `${number} ${options.currency}` : `${options.currency} ${number}`;
}

/** `1234.56`, `-0.01`: the form SEPA XML wants (no grouping, two decimals). */
export function formatAmountXml(cents: Cents): string {
  return formatPlain(cents, '', '.');
}

// String arithmetic: `cents / 100` in floating point is not exact near 2^53.
function formatPlain(cents: Cents, groupSep: string, decimalSep: string): string {
  const value = assertCents(cents);
  const digits = String(Math.abs(value)).padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(?:[0-9]{3})+$)/g, groupSep);
  return `${value < 0 ? '-' : ''}${whole}${decimalSep}${digits.slice(-2)}`;
}

/**
 * Checks that a number is a safe integer and returns it (-0 becomes 0).
 * A failure is a bug, not bad user input, so it throws RangeError.
 */
export function assertCents(value: number): Cents {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`Not a whole number of cents: ${value}`);
  }
  return value === 0 ? 0 : value;
}

/** Sums exactly; throws `amount.outOfRange` rather than lose precision. */
export function sumCents(values: Iterable<Cents>): Cents {
  let sum = 0;
  for (const v of values) {
    sum += assertCents(v);
    // Past 2^53 the running sum may already be rounded: stop at once.
    if (!Number.isSafeInteger(sum)) {
      throw new KontorError('amount.outOfRange', 'Sum of amounts is too large');
    }
  }
  return sum === 0 ? 0 : sum;
}
