/**
 * Pass 3: returns, reversals and chargebacks of issued payments, by
 * end-to-end id (the lines pass 1 set aside), else by mandate, amount and the
 * latest collection before the return. They reopen what the payment settled:
 * this run's booking of it, else its entries' expected amounts. Each payment
 * is given back at most once per run.
 */
import { dayNumber } from '../normalise';
import { COLLECTED, closest, done, lineDay, type RunState } from '../run-state';
import { finish, formatCents, note, reason, sign } from '../proposal';
import type { Allocation, IssuedPayment, NoteCode, Reason } from '../types';

export function returnsPass(run: RunState): void {
  returnsByEndToEnd(run);
  returnsByMandate(run);
}

function returnsByEndToEnd(run: RunState): void {
  for (const i of run.returnsByE2e) {
    const line = run.lines[i]!;
    const found = run.byE2e.get(line.endToEndId!.trim().toUpperCase())!;
    const live = found.filter((p) => p.status !== 'Open' && p.status !== 'Canceled' && !run.returned.has(p.id));
    if (live.length === 0) continue;
    const p = closest(run, i, live)[0]!;
    const id = line.endToEndId!.trim();
    reopen(run, i, p, reason('match.return', { id }, returnText(run, `end-to-end id ${id}`, i)), true, live.length);
  }
}

function returnsByMandate(run: RunState): void {
  const { lines, available } = run;
  for (let i = 0; i < lines.length; i++) {
    if (done(run, i) || !run.isReturn[i]) continue;
    const line = lines[i]!;
    const mandate = line.mandateId?.trim().toUpperCase();
    const found = mandate ? run.byMandate.get(mandate) : undefined;
    if (!found) continue;
    const booking = lineDay(run, i);
    const fits = found.filter(
      (p) =>
        !run.returned.has(p.id) &&
        (COLLECTED.has(p.status) || run.bookedInRun.has(p.id)) &&
        p.amountCents === available[i]! &&
        dayNumber(p.executionDate) <= booking,
    );
    if (fits.length === 0) continue;
    // The latest collection before the return.
    fits.sort((a, b) => dayNumber(b.executionDate) - dayNumber(a.executionDate) || a.id - b.id);
    const p = fits[0]!;
    const id = line.mandateId!.trim();
    reopen(
      run,
      i,
      p,
      reason('match.returnMandate', { mandateId: id, date: p.executionDate }, returnText(run, `the collection of ${p.executionDate} under mandate ${id}`, i)),
      false,
      fits.length,
    );
  }
}

function returnText(run: RunState, what: string, i: number): string {
  const code = run.lines[i]!.returnReason?.trim();
  return code ? `return of ${what} (reason ${code})` : `return of ${what}`;
}

/** Line i gives payment p back: reopens what p settled, up to the line's amount. */
function reopen(run: RunState, i: number, p: IssuedPayment, why: Reason, byKey: boolean, ambiguous: number): void {
  run.returned.add(p.id);
  const line = run.lines[i]!;
  const available = run.available[i]!;
  const s = sign(available);
  const notes: Reason<NoteCode>[] = [];
  const allocations: Allocation[] = [];
  let left = Math.abs(available);
  const booked = run.bookedInRun.get(p.id);
  const collected = booked !== undefined || COLLECTED.has(p.status);
  // What the payment settled: this run's allocations, else its entries' expected amounts.
  const settled = booked ?? p.entries.map((r) => ({ entryId: r.entryId, amountCents: r.expectedCents }));
  if (!collected) {
    notes.push(note('note.notCollected', { status: p.status }, 'the payment was never booked as collected; nothing to reopen'));
  } else {
    for (const a of settled) {
      // Reopening moves money against the line: allocation sign −s.
      if (sign(-a.amountCents) !== -s) continue;
      const amount = Math.min(Math.abs(a.amountCents), left);
      if (amount === 0) continue;
      allocations.push({ entryId: a.entryId, amountCents: -s * amount });
      left -= amount;
    }
  }
  const reasonCode = line.returnReason?.trim();
  if (reasonCode) why.params.returnReason = reasonCode;
  const sure = byKey && collected && ambiguous <= 1 && left === 0 && allocations.length > 0 && (!p.currency || p.currency === line.currency);
  if (collected && left !== 0) {
    notes.push(
      note(
        'note.amountDiffers',
        { expectedCents: p.amountCents, amountCents: available },
        `the amount differs from the payment's ${formatCents(p.amountCents)} ${line.currency}`,
      ),
    );
  }
  finish(run, i, allocations, { kind: 'return', why, notes, confidence: sure ? 0.98 : byKey ? 0.7 : 0.55, sure, paymentId: p.id });
}
