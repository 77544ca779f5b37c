/**
 * Everything booked on a demo account up to a date: the seeded history and
 * what the bank booked for released orders and returns, in booking-date
 * order (within a day the history first, then the bank's bookings in the
 * order they were made), with the balance the history starts from.
 */
import type { Database } from 'better-sqlite3';
import { compareDates, type BusinessDate } from '../../../shared/dates';
import { sumCents, type Cents } from '../../../shared/money';
import type { DemoBooking } from '../statements/model';
import type { AccountRow } from '../store/accounts';
import { bookingsOfAccount } from '../store/bookings';
import { seededHistory, startingBalance } from './history';

export interface AccountLedger {
  account: AccountRow;
  /** Balance before the first booking. */
  startCents: Cents;
  bookings: DemoBooking[];
}

export function accountLedger(db: Database, account: AccountRow, upTo: BusinessDate): AccountLedger {
  const all = [...seededHistory(account, upTo), ...bookingsOfAccount(db, account.iban, upTo)];
  const bookings = all
    .map((b, index) => ({ b, index }))
    .sort((x, y) => compareDates(x.b.bookingDate, y.b.bookingDate) || x.index - y.index)
    .map(({ b }) => b);
  return { account, startCents: startingBalance(account), bookings };
}

/** The booked balance at the end of `date`. */
export function balanceAt(ledger: AccountLedger, date: BusinessDate): Cents {
  return sumCents([ledger.startCents, ...ledger.bookings.filter((b) => compareDates(b.bookingDate, date) <= 0).map((b) => b.amountCents)]);
}
