/**
 * Date helpers for the statement parsers. Business dates are `YYYY-MM-DD`
 * strings as the bank wrote them; timestamps become UTC ISO instants.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 31;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Result of a date that had to be moved to exist (30 February → 28/29 February). */
export const dateFlags = { adjusted: false };

/**
 * Builds a date from parts, clamping an impossible day to the month's last
 * (sets `dateFlags.adjusted`); undefined when month or day is out of any range.
 */
export function clampedDate(year: number, month: number, day: number): string | undefined {
  dateFlags.adjusted = false;
  if (!(month >= 1 && month <= 12) || !(day >= 1 && day <= 31) || !(year >= 1900 && year <= 2999)) return undefined;
  const last = daysInMonth(year, month);
  if (day > last) {
    dateFlags.adjusted = true;
    day = last;
  }
  return isoDate(year, month, day);
}

/** Two-digit SWIFT year: 70–99 → 19xx, 00–69 → 20xx. */
export function swiftYear(yy: number): number {
  return yy >= 70 ? 1900 + yy : 2000 + yy;
}

/**
 * The date part of an ISO date or date-time as written (`2014-12-31`,
 * `2014-12-31T23:30:00+01:00` → `2014-12-31`: the bank's business date, not
 * converted to UTC). Clamps 30 February (dateFlags.adjusted); undefined when
 * the text does not start with a date.
 */
export function datePart(text: string): string | undefined {
  dateFlags.adjusted = false;
  const t = text.trim();
  if (t.length < 10 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return undefined;
  const y = digits(t, 0, 4);
  const m = digits(t, 5, 7);
  const d = digits(t, 8, 10);
  if (y < 0 || m < 0 || d < 0) return undefined;
  if (t.length > 10) {
    const c = t.charCodeAt(10);
    if (c !== 84 /* T */ && c !== 116 && c !== 32 && c !== 43 && c !== 45 && c !== 90 /* Z */) return undefined;
  }
  if (m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) return t.slice(0, 10);
  return clampedDate(y, m, d);
}

/** Non-negative integer from the digits in text[from, to); -1 when any is not a digit. */
export function digits(text: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const LENIENT_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,:](\d+))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A timestamp as a UTC ISO instant. Lenient: `2019-08-09T11:17:11:735`
 * (colon before the milliseconds), nine fraction digits, missing seconds;
 * a timestamp without offset is taken as UTC. A bare date is midnight UTC.
 * undefined when it cannot be read.
 */
export function instant(text: string): string | undefined {
  const t = text.trim();
  const m = LENIENT_TIMESTAMP.exec(t);
  let iso: string;
  const day = t.slice(0, 10);
  const y = digits(day, 0, 4);
  const mo = digits(day, 5, 7);
  const d = digits(day, 8, 10);
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo))) return undefined;
  if (m) {
    const ms = ((m[5] ?? '') + '000').slice(0, 3);
    let zone = m[6] ?? 'Z';
    if (zone.length === 5) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
    iso = `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}.${ms}${zone.toUpperCase()}`;
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    iso = `${t}T00:00:00.000Z`;
  } else {
    return undefined;
  }
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
