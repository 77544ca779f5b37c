/**
 * Booking a line as one of the payments Kontor issued (passes 1 and 2): the
 * payment's entries are settled with their expected amounts. Sure only when
 * everything fits: every entry open, the amount, the status, the currency, and
 * no other payment equally likely.
 */
import { BOOKABLE, settle, settleable, type RunState } from '../run-state';
import { finish, formatCents, note, sign, type Decision } from '../proposal';
import type { Allocation, IssuedPayment, NoteCode, Reason } from '../types';

export function bookPayment(
  run: RunState,
  i: number,
  p: IssuedPayment,
  kind: 'endToEnd' | 'mandate' | 'consolidated',
  why: Reason,
  ambiguous: IssuedPayment[],
  /** The payment the proposal names; null for several (a batch booking). */
  paymentId: number | null = p.id,
): void {
  const line = run.lines[i]!;
  const available = run.available[i]!;
  const s = sign(available);
  const notes: Reason<NoteCode>[] = [];
  let left = Math.abs(available);
  const allocations: Allocation[] = [];
  let complete = true;
  for (const ref of p.entries) {
    const idx = run.entryById.get(ref.entryId);
    if (idx === undefined || !settleable(run, idx, s, line.currency) || sign(ref.expectedCents) !== -s) {
      complete = false;
      notes.push(note('note.entryNotOpen', { entryId: ref.entryId }, `entry ${ref.entryId} of the payment is not open`));
      continue;
    }
    const want = Math.min(Math.abs(ref.expectedCents), left);
    if (want < Math.abs(ref.expectedCents) || want > Math.abs(run.open[idx]!)) complete = false;
    const a = settle(run, idx, want);
    if (a) {
      allocations.push(a);
      left -= Math.abs(a.amountCents);
    }
  }
  const amountOk = p.amountCents === -available;
  if (!amountOk) {
    notes.push(
      note(
        'note.amountDiffers',
        { expectedCents: -p.amountCents, amountCents: available },
        `the amount differs from the payment's ${formatCents(-p.amountCents)} ${line.currency}`,
      ),
    );
  }
  const statusOk = BOOKABLE.has(p.status);
  if (!statusOk) notes.push(note('note.paymentStatus', { status: p.status }, `the payment is ${p.status}`));
  const currencyOk = !p.currency || p.currency === line.currency;
  if (ambiguous.length > 1) {
    notes.push(note('note.ambiguous', { count: ambiguous.length }, `${ambiguous.length} issued payments fit; the closest is proposed`));
  }
  const sure = complete && amountOk && statusOk && currencyOk && ambiguous.length <= 1 && allocations.length > 0 && left === 0;
  run.bookedInRun.set(p.id, allocations);
  const alternatives = ambiguous.length > 1 ? ambiguous.filter((q) => q !== p).flatMap((q) => q.entries.map((r) => r.entryId)) : [];
  const decision: Decision = { kind, why, notes, confidence: sure ? 1 : kind === 'endToEnd' ? 0.7 : 0.6, sure, alternatives };
  if (paymentId !== null) decision.paymentId = paymentId;
  finish(run, i, allocations, decision);
}
