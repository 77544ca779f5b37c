/**
 * Pass 1: the end-to-end id of a payment Kontor issued. A line that moves
 * money the way the payment did gives it back: it is marked a return and
 * left to pass 3.
 */
import { BOOKABLE, closest, done, type RunState } from '../run-state';
import { reason, sign } from '../proposal';
import { bookPayment } from './book-payment';

export function endToEndPass(run: RunState): void {
  const { lines, available, isReturn } = run;
  for (let i = 0; i < lines.length; i++) {
    if (done(run, i)) continue;
    const line = lines[i]!;
    const key = line.endToEndId?.trim().toUpperCase();
    if (!key || key === 'NOTPROVIDED') continue;
    const found = run.byE2e.get(key);
    if (!found) continue;
    // A line that moves money the way the payment did (collection −, line −) gives it back: a return.
    if (isReturn[i] || found.every((p) => sign(p.amountCents) === sign(available[i]!))) {
      isReturn[i] = 1;
      run.returnsByE2e.push(i);
      continue;
    }
    const live = found.filter((p) => BOOKABLE.has(p.status) && sign(p.amountCents) === -sign(available[i]!));
    const pool = closest(run, i, live.length > 0 ? live : found);
    const p = pool[0]!;
    run.usedPayments.add(p.id);
    const id = line.endToEndId!.trim();
    bookPayment(run, i, p, 'endToEnd', reason('match.endToEnd', { id }, `end-to-end id ${id}`), live.length > 0 ? live : [p]);
  }
}
