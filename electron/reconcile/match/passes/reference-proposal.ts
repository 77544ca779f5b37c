/**
 * The proposal of pass 4 for one line and the entries its text names: one
 * entry (exact, partial, over-payment) or several (consolidated, settled
 * oldest first). Sure only for one entry, exactly its open amount, with
 * nothing to note: ambiguous, weak or from an unknown IBAN lowers confidence.
 */
import { lineIban, settle, type RunState } from '../run-state';
import { finish, formatCents, note, reason, sign } from '../proposal';
import type { Allocation, MatchKind, NoteCode, OpenEntry, Reason } from '../types';

/** An entry a reference in the text stands for. */
export interface Chosen {
  idx: number;
  via: 'number' | 'reference';
  weak: boolean;
  /** Other entries the same reference would fit, oldest first. */
  alternatives: readonly number[];
  /** The line's IBAN is not one the entry's account is known by. */
  otherIban: boolean;
}

function describe(e: OpenEntry, c: Chosen): string {
  return c.via === 'reference' ? (e.paymentReference ?? e.number) : e.number;
}

export function assignReferences(run: RunState, i: number, chosen: Chosen[]): void {
  const { entries } = run;
  const sorted = chosen.length === 1 ? chosen : [...chosen].sort((a, b) => run.byAge(a.idx, b.idx));
  const avail = Math.abs(run.available[i]!);
  let left = avail;
  const allocations: Allocation[] = [];
  let totalOpen = 0;
  for (const c of sorted) totalOpen += Math.abs(run.open[c.idx]!);
  for (const c of sorted) {
    if (left === 0) break;
    const a = settle(run, c.idx, left);
    if (a) {
      allocations.push(a);
      left -= Math.abs(a.amountCents);
    }
  }
  const alternatives: number[] = [];
  for (const c of sorted) for (const idx of c.alternatives) alternatives.push(entries[idx]!.id);
  const named = sorted.length === 1 ? oneEntry(entries[sorted[0]!.idx]!, sorted[0]!, avail, totalOpen) : severalEntries(run, sorted, totalOpen, avail);
  const notes = referenceNotes(run, i, sorted, avail, totalOpen);
  let confidence = named.confidence;
  for (const c of sorted) {
    if (c.alternatives.length > 0) confidence -= 0.25;
    if (c.weak) confidence -= 0.2;
    if (c.otherIban) confidence -= 0.2;
  }
  const sure = named.kind === 'reference' && notes.length === 0 && allocations.length === 1 && left === 0;
  finish(run, i, allocations, { kind: named.kind, why: named.why, notes, confidence, sure, alternatives });
}

function oneEntry(e: OpenEntry, c: Chosen, avail: number, totalOpen: number): { kind: MatchKind; why: Reason; confidence: number } {
  const label = c.via === 'reference' ? 'payment reference' : 'invoice number';
  const shown = describe(e, c);
  const params = { number: e.number, entryId: e.id, via: c.via, reference: shown };
  if (avail === totalOpen) {
    return { kind: 'reference', why: reason('match.reference', params, `${label} ${shown} in the remittance text`), confidence: 0.95 };
  }
  if (avail < totalOpen) {
    return {
      kind: 'partial',
      why: reason('match.partial', { ...params, openCents: totalOpen }, `${label} ${shown} in the remittance text, partial payment`),
      confidence: 0.75,
    };
  }
  return {
    kind: 'overpayment',
    why: reason('match.overpayment', { ...params, openCents: totalOpen }, `${label} ${shown} in the remittance text, over-payment`),
    confidence: 0.75,
  };
}

function severalEntries(run: RunState, sorted: Chosen[], totalOpen: number, avail: number): { kind: MatchKind; why: Reason; confidence: number } {
  const shown = sorted.map((c) => describe(run.entries[c.idx]!, c));
  const why = reason(
    'match.consolidated',
    { numbers: shown.join(', '), count: sorted.length, openCents: totalOpen },
    `invoice numbers ${shown.join(', ')} in the remittance text`,
  );
  return { kind: 'consolidated', why, confidence: avail === totalOpen ? 0.88 : 0.72 };
}

/** What the reviewer should know: amounts that differ, ambiguous, weak or foreign-IBAN references. */
function referenceNotes(run: RunState, i: number, sorted: Chosen[], avail: number, totalOpen: number): Reason<NoteCode>[] {
  const line = run.lines[i]!;
  const notes: Reason<NoteCode>[] = [];
  if (sorted.length > 1 && avail !== totalOpen) {
    const s = sign(run.available[i]!);
    notes.push(
      note(
        'note.amountDiffers',
        { expectedCents: totalOpen * s, amountCents: run.available[i]! },
        `the named entries are open for ${formatCents(totalOpen * s)} ${line.currency}`,
      ),
    );
  }
  for (const c of sorted) {
    const e = run.entries[c.idx]!;
    if (c.alternatives.length > 0) {
      notes.push(
        note(
          'note.ambiguous',
          { number: e.number, count: c.alternatives.length + 1 },
          `${c.alternatives.length + 1} open entries are numbered ${e.number}; the oldest is proposed`,
        ),
      );
    }
    if (c.weak) {
      notes.push(note('note.weakReference', { number: e.number }, `the entry number ${e.number} is short and may be found by chance`));
    }
    if (c.otherIban) {
      const iban = lineIban(run, i);
      notes.push(note('note.otherIban', { iban, accountName: e.accountName }, `IBAN ${iban} is not known for ${e.accountName}`));
    }
  }
  return notes;
}
