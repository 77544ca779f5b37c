import { KontorError } from './errors';

/**
 * A calendar date `YYYY-MM-DD` (booking, value, due, execution date), years
 * 1000 to 9999. Arithmetic goes through Date.UTC day numbers so that the
 * workstation's time zone and DST changes can never shift a day.
 */
export type BusinessDate = string;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^([1-9][0-9]{3})-([0-9]{2})-([0-9]{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isValidYmd(y: number, m: number, d: number): boolean {
  return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function ymd(y: number, m: number, d: number): BusinessDate {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isBusinessDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  return m !== null && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Days since 1970-01-01. Invalid input is a bug here, hence RangeError. */
function dayNumber(d: BusinessDate): number {
  const m = ISO_DATE.exec(d);
  if (m === null || !isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`Not a business date (YYYY-MM-DD): "${d}"`);
  }
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

function fromDayNumber(n: number): BusinessDate {
  const date = new Date(n * MS_PER_DAY);
  const result = ymd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  if (!isBusinessDate(result)) throw new RangeError(`Date out of range: ${result}`);
  return result;
}

/**
 * Accepts `YYYY-MM-DD`, `DD.MM.YYYY`, `D.M.YYYY`, `DD.MM.YY` (20yy) and
 * `YYYYMMDD`; throws `date.invalid` for anything else or an impossible date.
 */
export function parseBusinessDate(text: string): BusinessDate {
  const s = text.trim();
  let y = NaN;
  let m = NaN;
  let d = NaN;
  const iso = /^([0-9]{4})(-?)([0-9]{2})\2([0-9]{2})$/.exec(s);
  const german = /^([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4}|[0-9]{2})$/.exec(s);
  if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[3]), Number(iso[4])];
  } else if (german) {
    const year = german[3] ?? '';
    [y, m, d] = [Number(year.length === 2 ? `20${year}` : year), Number(german[2]), Number(german[1])];
  }
  if (!isValidYmd(y, m, d)) {
    throw new KontorError('date.invalid', `Not a valid date: "${text}"`, { text });
  }
  return ymd(y, m, d);
}

/** `21.11.2026` in German; English shows ISO `2026-11-21`, which no reader misreads. */
export function formatBusinessDate(d: BusinessDate, locale: 'de' | 'en'): string {
  dayNumber(d); // throws RangeError if not a business date
  if (locale === 'en') return d;
  return `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
}

export function addDays(d: BusinessDate, n: number): BusinessDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return fromDayNumber(dayNumber(d) + n);
}

/** b − a in days. */
export function daysBetween(a: BusinessDate, b: BusinessDate): number {
  return dayNumber(b) - dayNumber(a);
}

export function compareDates(a: BusinessDate, b: BusinessDate): -1 | 0 | 1 {
  return Math.sign(daysBetween(b, a)) as -1 | 0 | 1;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: BusinessDate): number {
  return new Date(dayNumber(d) * MS_PER_DAY).getUTCDay();
}

/**
 * Western Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/
 * Butcher); proleptic before 1583, like every other date here.
 */
export function easterSunday(year: number): BusinessDate {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`Year out of range 1000–9999: ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

const TARGET2_FIXED_HOLIDAYS = ['01-01', '05-01', '12-25', '12-26'];

/**
 * TARGET2 is open unless it is a weekend, 1 January, Good Friday, Easter
 * Monday, 1 May, 25 or 26 December.
 */
export function isTarget2Day(d: BusinessDate): boolean {
  const day = weekday(d);
  if (day === 0 || day === 6) return false;
  if (TARGET2_FIXED_HOLIDAYS.includes(d.slice(5))) return false;
  const easter = easterSunday(Number(d.slice(0, 4)));
  return d !== addDays(easter, -2) && d !== addDays(easter, 1);
}

/** d itself if TARGET2 is open that day, else the next day it is. */
export function nextTarget2Day(d: BusinessDate): BusinessDate {
  let day = d;
  while (!isTarget2Day(day)) day = addDays(day, 1);
  return day;
}

/**
 * The n-th TARGET2 day after d (n > 0) or before d (n < 0), not counting d
 * itself; n = 0 gives nextTarget2Day(d). The result is always a TARGET2 day.
 */
export function addTarget2Days(d: BusinessDate, n: number): BusinessDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  if (n === 0) return nextTarget2Day(d);
  const step = n > 0 ? 1 : -1;
  let day = d;
  for (let left = Math.abs(n); left > 0;) {
    day = addDays(day, step);
    if (isTarget2Day(day)) left--;
  }
  return day;
}

/** The only source of "now" and "today"; inject fixedClock in tests. */
export interface Clock {
  now(): Date;
  today(): BusinessDate;
}

/**
 * A clock that reads the instant from `nowMs`; today is the workstation's
 * local calendar date at that instant: what the user calls today.
 */
export function localClock(nowMs: () => number): Clock {
  return {
    now: () => new Date(nowMs()),
    today: () => {
      const now = new Date(nowMs());
      return ymd(now.getFullYear(), now.getMonth() + 1, now.getDate());
    },
  };
}

/** The workstation's clock. */
export const systemClock: Clock = localClock(() => Date.now());

const INSTANT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(Z|([+-])([0-9]{2}):([0-9]{2}))$/;

/** The instant in ms and the offset (minutes east of UTC) it was written with. */
function parseInstant(instantIso: string): { ms: number; offsetMinutes: number } {
  const shape = INSTANT.exec(instantIso);
  const ms = Date.parse(instantIso);
  // Date.parse rolls 30 February over into March, hence the calendar check.
  if (shape === null || !isBusinessDate(instantIso.slice(0, 10)) || Number.isNaN(ms)) {
    throw new RangeError(`Not an ISO instant with zone: "${instantIso}"`);
  }
  const offsetMinutes = shape[1] === 'Z' ? 0 : (shape[2] === '-' ? -1 : 1) * (Number(shape[3]) * 60 + Number(shape[4]));
  return { ms, offsetMinutes };
}

/**
 * A clock stuck at an instant. The instant must carry its zone (`Z` or
 * `±hh:mm`) so that tests do not depend on the machine's zone; today defaults
 * to the instant's UTC date.
 */
export function fixedClock(instantIso: string, today?: BusinessDate): Clock {
  const { ms } = parseInstant(instantIso);
  const day = today ?? toInstantIso(new Date(ms)).slice(0, 10);
  dayNumber(day); // throws RangeError if not a business date
  return { now: () => new Date(ms), today: () => day };
}

/**
 * A clock that starts at an instant and from there runs as `base` runs (the
 * workstation's clock): demonstrations and end-to-end tests on a known date
 * that still see time pass. Today is the calendar date of now() at the offset
 * the instant was written with (`Z`: UTC), never at the machine's zone.
 */
export function startedClock(instantIso: string, base: Clock = systemClock): Clock {
  const { ms, offsetMinutes } = parseInstant(instantIso);
  const began = base.now().getTime();
  const now = () => new Date(ms + base.now().getTime() - began);
  return { now, today: () => toInstantIso(new Date(now().getTime() + offsetMinutes * 60_000)).slice(0, 10) };
}

/**
 * Another clock moved by whole days: a demonstration (or an end-to-end test)
 * of what Kontor and the demo bank do "a few days later" without waiting.
 */
export function shiftedClock(base: Clock, days: number): Clock {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
  return { now: () => new Date(base.now().getTime() + days * 86_400_000), today: () => addDays(base.today(), days) };
}

/** `2026-11-21T09:30:00.000Z`. */
export function toInstantIso(date: Date): string {
  return date.toISOString();
}
