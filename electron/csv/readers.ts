/**
 * One cell's text to a value: amounts in the file's notation straight into
 * cents, dates in the file's format, currency codes; and the shape tests the
 * sniffer and the column suggestions use. Every test and reader is linear in
 * the cell's length (a cell may be megabytes long in a hostile file).
 */
import { parseBusinessDate, type BusinessDate } from '../../shared/dates';
import type { CsvDateFormat, DecimalSeparator } from '../../shared/entry-import';
import { KontorError } from '../../shared/errors';
import { parseAmount, type Cents } from '../../shared/money';

/** No amount or date is longer: `-1.234.567.890,12 EUR`, `31.01.2026 00:00:00.000+01:00`. */
const MAX_VALUE_LENGTH = 64;

const DATE_PATTERNS: ReadonlyArray<[RegExp, CsvDateFormat | 'slash']> = [
  [/^\d{1,2}\.\d{1,2}\.(\d{4}|\d{2})$/, 'dd.mm.yyyy'],
  [/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd'],
  [/^\d{1,2}\/\d{1,2}\/\d{4}$/, 'slash'],
];

/** A trailing time of day, as some ERPs write dates: `31.01.2026 00:00:00`, `2026-01-31T00:00:00`. */
export function stripTime(s: string): string {
  return s.replace(/(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$/, '');
}

export function looksLikeDate(s: string): boolean {
  if (s.length > MAX_VALUE_LENGTH) return false;
  const v = stripTime(s.trim());
  return DATE_PATTERNS.some(([re]) => re.test(v));
}

/**
 * Sign, currency and digits with `.`, `,`, `'` or spaces between them:
 * `-1.234,56`, `EUR 12.00`, `1 234,56 €`, `12,00-`. Separate non-overlapping
 * parts (the spaces around a currency are trimmed first), so no input makes
 * the pattern backtrack.
 */
const SIGN = /^[+\-\u2212]/;
const TRAILING_SIGN = /[+\-\u2212]$/;
const CURRENCY_START = /^(?:[A-Z]{3}|€)/;
const CURRENCY_END = /(?:[A-Z]{3}|€)$/;
const DIGITS = /^[0-9][0-9.,' \u00a0]*$/;

export function looksLikeAmount(s: string): boolean {
  let v = s.trim();
  if (v === '' || v.length > MAX_VALUE_LENGTH || looksLikeDate(v)) return false;
  if (SIGN.test(v)) v = v.slice(1).trimStart();
  if (TRAILING_SIGN.test(v)) v = v.slice(0, -1).trimEnd();
  if (CURRENCY_START.test(v)) v = v.replace(CURRENCY_START, '').trimStart();
  if (CURRENCY_END.test(v)) v = v.replace(CURRENCY_END, '').trimEnd();
  return DIGITS.test(v);
}

/** Which date format the cells use; slash dates are day-first unless a middle part exceeds 12. */
export function detectDateFormat(cells: Iterable<string>, separator: string): CsvDateFormat {
  const votes = new Map<CsvDateFormat, number>();
  let dayFirst = false;
  let monthFirst = false;
  for (const raw of cells) {
    if (raw.length > MAX_VALUE_LENGTH) continue;
    const v = stripTime(raw.trim());
    for (const [re, format] of DATE_PATTERNS) {
      if (!re.test(v)) continue;
      if (format === 'slash') {
        const [a, b] = v.split('/').map(Number) as [number, number];
        if (a > 12) dayFirst = true;
        if (b > 12) monthFirst = true;
        votes.set('dd/mm/yyyy', (votes.get('dd/mm/yyyy') ?? 0) + 1);
      } else {
        votes.set(format, (votes.get(format) ?? 0) + 1);
      }
      break;
    }
  }
  let best: CsvDateFormat | null = null;
  for (const [format, count] of votes) if (best === null || count > (votes.get(best) ?? 0)) best = format;
  if (best === 'dd/mm/yyyy' && monthFirst && !dayFirst) return 'mm/dd/yyyy';
  return best ?? (separator === ',' ? 'yyyy-mm-dd' : 'dd.mm.yyyy');
}

/**
 * Votes per amount-looking cell: with both `.` and `,` the later one is the
 * decimal separator; a single one followed by one or two digits is too;
 * `1.234` alone says nothing. No votes: `,` for `;`-separated files, else `.`.
 */
export function detectDecimal(cells: Iterable<string>, separator: string): DecimalSeparator {
  let comma = 0;
  let dot = 0;
  for (const raw of cells) {
    if (!looksLikeAmount(raw)) continue;
    const v = raw.replace(/[^0-9.,]/g, '');
    const c = v.lastIndexOf(',');
    const d = v.lastIndexOf('.');
    if (c !== -1 && d !== -1) {
      if (c > d) comma++;
      else dot++;
    } else if (c !== -1 || d !== -1) {
      const sep = c !== -1 ? ',' : '.';
      const first = v.indexOf(sep);
      const after = v.length - first - 1;
      if (first !== v.lastIndexOf(sep)) {
        // Only grouping: `1.234.567` votes for a decimal comma.
        if (sep === '.') comma++;
        else dot++;
      } else if (after === 1 || after === 2) {
        if (sep === ',') comma++;
        else dot++;
      }
    }
  }
  if (comma !== dot) return comma > dot ? ',' : '.';
  return separator === ',' ? '.' : ',';
}

// Module-level, not a closure per call: a preview reads two hundred thousand cells.
function badAmount(text: string, decimal: DecimalSeparator, tooMany: boolean): KontorError {
  return new KontorError(
    'import.badAmount',
    tooMany
      ? `Amount "${text}" has more than two decimal places.`
      : `Not a valid amount: "${text.slice(0, 200)}" (decimal ${decimal === ',' ? 'comma' : 'point'} expected).`,
    { value: text.slice(0, 200), decimal },
  );
}

/** Parses an amount in the file's notation; throws `import.badAmount` with the text. */
export function readAmount(text: string, decimal: DecimalSeparator): { cents: Cents; currency: string | null } {
  if (text.length > MAX_VALUE_LENGTH) throw badAmount(text, decimal, false);
  const currency = /(?:^|[^A-Z])([A-Z]{3})(?:$|[^A-Z])/.exec(text)?.[1] ?? (text.includes('€') ? 'EUR' : null);
  try {
    return { cents: parseAmount(text, { decimal }), currency };
  } catch (e) {
    throw badAmount(text, decimal, e instanceof KontorError && e.code === 'amount.tooManyDecimals');
  }
}

function badDate(text: string, format: CsvDateFormat): KontorError {
  return new KontorError('import.badDate', `Not a valid date: "${text.slice(0, 200)}" (expected ${format}).`, { value: text.slice(0, 200), format });
}

const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const EIGHT_DIGITS = /^\d{8}$/;

/** Parses a date in the file's format (ISO and dd.mm.yyyy are always understood); throws `import.badDate`. */
export function readDate(text: string, format: CsvDateFormat): BusinessDate {
  if (text.length > MAX_VALUE_LENGTH) throw badDate(text, format);
  const trimmed = text.trim();
  // A time of day makes a date longer than ten characters.
  const v = trimmed.length > 10 ? stripTime(trimmed) : trimmed;
  try {
    if (format === 'dd/mm/yyyy' || format === 'mm/dd/yyyy') {
      const m = SLASH_DATE.exec(v);
      if (!m) throw badDate(text, format);
      const [day, month] = format === 'dd/mm/yyyy' ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
      return parseBusinessDate(`${m[3]}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`);
    }
    if (format !== 'yyyymmdd' && EIGHT_DIGITS.test(v)) throw badDate(text, format);
    return parseBusinessDate(v);
  } catch {
    throw badDate(text, format);
  }
}

/** `EUR` from `eur`, `€` or ` EUR `; null if it is no three-letter code. */
export function readCurrency(text: string): string | null {
  const v = text.trim();
  if (v === '€') return 'EUR';
  return /^[A-Za-z]{3}$/.test(v) ? v.toUpperCase() : null;
}
