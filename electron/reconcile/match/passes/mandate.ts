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
import type { IssuedPayment } from '../types';

export function mandatePass(run: RunState): void {
  const { lines, available } = run;
  for (let i = 0; i < lines.length; i++) {
    if (done(run, i) || run.isReturn[i]) continue;
    const line = lines[i]!;
    const mandate = line.mandateId?.trim().toUpperCase();
    if (!mandate) continue;
    const found = paymentsOfMandate(run, mandate, -available[i]!);
    if (!found) continue;
    const booking = lineDay(run, i);
    const value = dayNumber(line.valueDate);
    const fits = found.filter((p) => {
      if (run.usedPayments.has(p.id) || !BOOKABLE.has(p.status)) return false;
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

/**
 * The mandate's payments of exactly `amount`, in byMandate's order. A
 * mandate collects every month, so its list grows with the ledger (35
 * payments each at the bench's 1,000,000 lines); grouping it by amount once
 * spares filtering the whole list for every line.
 */
function paymentsOfMandate(run: RunState, mandate: string, amount: number): IssuedPayment[] | undefined {
  // NaN equals no amount (the filter this replaces compared with !==), though a Map key NaN would find NaN.
  if (Number.isNaN(amount)) return undefined;
  let byAmount = run.byMandateAmount.get(mandate);
  if (byAmount === undefined) {
    const list = run.byMandate.get(mandate);
    if (list === undefined) return undefined;
    byAmount = new Map();
    for (const p of list) {
      const same = byAmount.get(p.amountCents);
      if (same) same.push(p);
      else byAmount.set(p.amountCents, [p]);
    }
    run.byMandateAmount.set(mandate, byAmount);
  }
  return byAmount.get(amount);
}
