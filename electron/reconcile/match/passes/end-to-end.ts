/**
 * Pass 1: the end-to-end id of a payment Kontor issued. A line that moves
 * money the way the payment did gives it back: it is marked a return and
 * left to pass 3.
 */
import { BOOKABLE, closest, done, type RunState } from '../run-state';
import { reason, sign } from '../proposal';
import { bookPayment } from './book-payment';
import type { IssuedPayment } from '../types';

export function endToEndPass(run: RunState): void {
  const { lines, available, isReturn } = run;
  for (let i = 0; i < lines.length; i++) {
    if (done(run, i)) continue;
    const line = lines[i]!;
    const key = line.endToEndId?.trim().toUpperCase();
    if (!key || key === 'NOTPROVIDED') continue;
    const found = run.byE2e.get(key);
    if (!found) continue;
    const s = sign(available[i]!);
    // A line that moves money the way the payment did (collection −, line −) gives it back: a return.
    if (isReturn[i] || allMove(found, s)) {
      isReturn[i] = 1;
      run.returnsByE2e.push(i);
      continue;
    }
    const live = found.length === 1 ? (isLive(found[0]!, s) ? found : []) : found.filter((p) => isLive(p, s));
    const pool = closest(run, i, live.length > 0 ? live : found);
    const p = pool[0]!;
    run.usedPayments.add(p.id);
    const id = line.endToEndId!.trim();
    bookPayment(run, i, p, 'endToEnd', reason('match.endToEnd', { id }, `end-to-end id ${id}`), live.length > 0 ? live : [p]);
  }
}

/** Do all the payments move money in direction s? (A loop, not every(): no closure per line.) */
function allMove(found: readonly IssuedPayment[], s: number): boolean {
  for (const p of found) if (sign(p.amountCents) !== s) return false;
  return true;
}

/** Is p bookable by a line moving money in direction s (against the payment)? */
function isLive(p: IssuedPayment, s: number): boolean {
  return BOOKABLE.has(p.status) && sign(p.amountCents) === -s;
}
