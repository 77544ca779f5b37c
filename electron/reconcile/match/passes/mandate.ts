/**
 * Pass 2: mandate id + collection date (± the mandate TARGET2 days, booking
 * or value date) with exactly the payment's amount, for direct debits booked
 * without their end-to-end id. A payment already booked in pass 1 is not
 * booked again.
 */
import { dayNumber } from '../normalise';
import { BOOKABLE, closest, collectionWindow, done, lineDay, type RunState } from '../run-state';
import { reason } from '../proposal';
import { bookPayment } from './book-payment';

export function mandatePass(run: RunState): void {
  const { lines, available } = run;
  for (let i = 0; i < lines.length; i++) {
    if (done(run, i) || run.isReturn[i]) continue;
    const line = lines[i]!;
    const mandate = line.mandateId?.trim().toUpperCase();
    if (!mandate) continue;
    const found = run.byMandate.get(mandate);
    if (!found) continue;
    const booking = lineDay(run, i);
    const value = dayNumber(line.valueDate);
    const fits = found.filter((p) => {
      if (run.usedPayments.has(p.id) || !BOOKABLE.has(p.status) || p.amountCents !== -available[i]!) return false;
      if (p.currency && p.currency !== line.currency) return false;
      const [lo, hi] = collectionWindow(run, p.executionDate);
      return (booking >= lo && booking <= hi) || (!Number.isNaN(value) && value >= lo && value <= hi);
    });
    if (fits.length === 0) continue;
    const pool = closest(run, i, fits);
    const p = pool[0]!;
    run.usedPayments.add(p.id);
    const id = line.mandateId!.trim();
    bookPayment(
      run,
      i,
      p,
      'mandate',
      reason('match.mandate', { mandateId: id, date: p.executionDate }, `mandate ${id} and collection date ${p.executionDate}`),
      pool,
    );
  }
}
