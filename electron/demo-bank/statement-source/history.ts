/**
 * The seeded history of a demo account, generated on demand and never
 * stored: from 90 days before the account was opened, in windows of 91 days
 * (window 0 ends on the opening day, window k ≥ 1 covers the k-th 91 days
 * after it). Each window is `seedHistory` with a seed from the IBAN and the
 * window number and its own range of invoice numbers, so a window's bookings
 * never depend on the bank's clock or on other windows: the history of a past
 * day is the same on every call, and the windows after the opening keep the
 * account busy for as long as the bank's clock runs. Callers only ever see
 * bookings up to a date they name (`upTo`), never the window's future.
 */
import { addDays, compareDates, daysBetween, isBusinessDate, type BusinessDate } from '../../../shared/dates';
import { normalizeIban } from '../../../shared/ids';
import type { Cents } from '../../../shared/money';
import { seedHistory } from '../statements/history';
import type { DemoAccount, DemoBooking } from '../statements/model';
import { seedOf } from '../statements/random';

export const HISTORY_DAYS_BEFORE_OPENING = 90;
export const HISTORY_WINDOW_DAYS = 91;
/** Invoice numbers per window: window k starts at 1 + k × this. */
const INVOICES_PER_WINDOW = 500;

export interface HistoryAccount extends DemoAccount {
  /** When the bank opened the account (UTC ISO instant). */
  createdAt: string;
}

/** The business date the account was opened. */
export function openingDate(account: HistoryAccount): BusinessDate {
  const day = account.createdAt.slice(0, 10);
  if (!isBusinessDate(day)) throw new RangeError(`Account ${account.iban} has no opening date: "${account.createdAt}"`);
  return day;
}

/** The first day of the account's history. */
export function historyStart(account: HistoryAccount): BusinessDate {
  return addDays(openingDate(account), -HISTORY_DAYS_BEFORE_OPENING);
}

/** The balance before the first day of the history: 15,000.00 to 74,999.99 EUR, seeded by the IBAN. */
export function startingBalance(account: HistoryAccount): Cents {
  return 1_500_000 + (seedOf(`balance/${normalizeIban(account.iban)}`) % 6_000_000);
}

function windowRange(opened: BusinessDate, k: number): { from: BusinessDate; to: BusinessDate } {
  if (k === 0) return { from: addDays(opened, -HISTORY_DAYS_BEFORE_OPENING), to: opened };
  return { from: addDays(opened, 1 + HISTORY_WINDOW_DAYS * (k - 1)), to: addDays(opened, HISTORY_WINDOW_DAYS * k) };
}

/** The last window that starts on or before `date`, or -1 before the history. */
function lastWindow(opened: BusinessDate, date: BusinessDate): number {
  if (compareDates(date, addDays(opened, -HISTORY_DAYS_BEFORE_OPENING)) < 0) return -1;
  if (compareDates(date, opened) <= 0) return 0;
  return Math.ceil(daysBetween(opened, date) / HISTORY_WINDOW_DAYS);
}

const cache = new Map<string, readonly DemoBooking[]>();
const CACHE_LIMIT = 2_000;

function window(account: HistoryAccount, opened: BusinessDate, k: number): readonly DemoBooking[] {
  const iban = normalizeIban(account.iban);
  const key = `${iban}|${account.bic}|${account.currency}|${account.ownerName}|${opened}|${k}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const { from, to } = windowRange(opened, k);
  const bookings = seedHistory({ ...account, iban }, { seed: seedOf(`history/${iban}/${k}`), from, to, firstInvoiceNumber: 1 + INVOICES_PER_WINDOW * k });
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, bookings);
  return bookings;
}

/** The account's seeded bookings booked on or before `upTo`, in date order. */
export function seededHistory(account: HistoryAccount, upTo: BusinessDate): DemoBooking[] {
  const opened = openingDate(account);
  const last = lastWindow(opened, upTo);
  const out: DemoBooking[] = [];
  for (let k = 0; k <= last; k++) {
    for (const b of window(account, opened, k)) if (compareDates(b.bookingDate, upTo) <= 0) out.push(b);
  }
  return out;
}
