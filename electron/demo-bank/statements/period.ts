/**
 * Which bookings a statement holds, and the balances around them. Both
 * builders (camt, MT940/942) select their lines here, so the formats always
 * agree on what a period contains.
 */
import { assertCents, sumCents, type Cents } from '../../../shared/money';
import { compareDates, isBusinessDate, type BusinessDate } from '../../../shared/dates';
import { normalizeIban } from '../../../shared/ids';
import type { DemoAccount, DemoBooking } from './model';

/**
 * The account's bookings with `from <= bookingDate <= to`, in booking-date
 * order (stable, so same-day bookings keep the caller's order). Bookings of
 * other accounts are left out; a booking of this account in another currency
 * or with inconsistent batch details is a bug and throws.
 */
export function bookingsInPeriod(account: DemoAccount, bookings: readonly DemoBooking[], from: BusinessDate, to: BusinessDate): DemoBooking[] {
  for (const d of [from, to]) {
    if (!isBusinessDate(d)) throw new RangeError(`Not a business date (YYYY-MM-DD): "${d}"`);
  }
  if (compareDates(from, to) > 0) throw new RangeError(`Period starts after it ends: ${from} > ${to}`);
  const iban = normalizeIban(account.iban);
  const selected = bookings.filter(
    (b) => normalizeIban(b.accountIban) === iban && compareDates(b.bookingDate, from) >= 0 && compareDates(b.bookingDate, to) <= 0,
  );
  selected.forEach((b) => checkBooking(account, b));
  return selected
    .map((b, index) => ({ b, index }))
    .sort((x, y) => compareDates(x.b.bookingDate, y.b.bookingDate) || x.index - y.index)
    .map(({ b }) => b);
}

/** `startCents` plus every booking of the account booked before `date`. */
export function balanceBefore(account: DemoAccount, bookings: readonly DemoBooking[], date: BusinessDate, startCents: Cents = 0): Cents {
  const iban = normalizeIban(account.iban);
  const earlier = bookings.filter((b) => normalizeIban(b.accountIban) === iban && compareDates(b.bookingDate, date) < 0);
  return sumCents([startCents, ...earlier.map((b) => b.amountCents)]);
}

export function sumAmounts(bookings: readonly DemoBooking[]): Cents {
  return sumCents(bookings.map((b) => b.amountCents));
}

function checkBooking(account: DemoAccount, b: DemoBooking): void {
  assertCents(b.amountCents);
  if (b.amountCents === 0) throw new RangeError(`Booking ${b.id} has amount 0`);
  if (b.currency !== account.currency) {
    throw new RangeError(`Booking ${b.id} is in ${b.currency}, the account in ${account.currency}`);
  }
  if (!isBusinessDate(b.valueDate)) throw new RangeError(`Booking ${b.id} has a bad value date "${b.valueDate}"`);
  const batch = b.batch;
  if (batch === undefined || batch.items.length === 0) return;
  if (batch.items.length !== batch.count) {
    throw new RangeError(`Booking ${b.id}: batch count ${batch.count} but ${batch.items.length} items`);
  }
  const total = sumCents(batch.items.map((i) => i.amountCents));
  if (total !== b.amountCents) {
    throw new RangeError(`Booking ${b.id}: batch items sum to ${total}, the booking is ${b.amountCents}`);
  }
}
