/**
 * Pass 0: a batch booking of payments Kontor issued (a `PmtInf` block booked
 * as one line, its items with their end-to-end ids). One proposal settles
 * every item's entries with their expected amounts; sure when each item is
 * exactly one bookable payment, every entry is open and the items sum to the
 * line. A batch with an item Kontor did not issue is left to the other passes.
 */
import { BOOKABLE, done, settle, settleable, type RunState } from '../run-state';
import { finish, note, reason, sign } from '../proposal';
import type { Allocation, IssuedPayment, NoteCode, Reason } from '../types';

/** The one bookable payment each id names, or null when an id names none or several. */
function paymentsOfBatch(run: RunState, ids: readonly string[], lineSign: number): IssuedPayment[] | null {
  const out: IssuedPayment[] = [];
  for (const id of ids) {
    const found = (run.byE2e.get(id.trim().toUpperCase()) ?? []).filter((p) => BOOKABLE.has(p.status) && sign(p.amountCents) === -lineSign);
    if (found.length !== 1 || run.usedPayments.has(found[0]!.id)) return null;
    out.push(found[0]!);
  }
  return out;
}

export function batchPass(run: RunState): void {
  const { lines, available } = run;
  for (let i = 0; i < lines.length; i++) {
    const ids = lines[i]!.batchEndToEndIds;
    if (!ids || ids.length < 2 || done(run, i)) continue;
    const s = sign(available[i]!);
    const payments = paymentsOfBatch(run, ids, s);
    if (!payments) continue;
    const allocations: Allocation[] = [];
    const notes: Reason<NoteCode>[] = [];
    let complete = payments.reduce((sum, p) => sum - p.amountCents, 0) === available[i];
    for (const p of payments) {
      run.usedPayments.add(p.id);
      const booked: Allocation[] = [];
      for (const ref of p.entries) {
        const idx = run.entryById.get(ref.entryId);
        if (idx === undefined || !settleable(run, idx, s, lines[i]!.currency) || Math.abs(run.open[idx]!) < Math.abs(ref.expectedCents)) {
          complete = false;
          notes.push(note('note.entryNotOpen', { entryId: ref.entryId }, `entry ${ref.entryId} of the payment is not open`));
          continue;
        }
        const a = settle(run, idx, Math.abs(ref.expectedCents));
        if (a) booked.push(a);
      }
      run.bookedInRun.set(p.id, booked);
      allocations.push(...booked);
    }
    if (allocations.length === 0) {
      for (const p of payments) run.usedPayments.delete(p.id);
      continue;
    }
    const why = reason('match.batch', { count: payments.length }, `batch booking of ${payments.length} payments Kontor issued, each by its end-to-end id`);
    finish(run, i, allocations, { kind: 'endToEnd', why, notes, confidence: complete ? 1 : 0.7, sure: complete });
  }
}
