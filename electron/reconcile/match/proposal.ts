/**
 * How a pass turns its decision into a proposal: reasons and notes with their
 * English text, the confidence band of sure and unsure proposals, and the
 * rest of the line noted when the allocations do not use all of it.
 */
import type { RunState } from './run-state';
import type { Allocation, MatchKind, NoteCode, Reason, ReasonCode } from './types';

export function sign(n: number): number {
  return n > 0 ? 1 : n < 0 ? -1 : 0;
}

export function formatCents(c: number): string {
  const abs = Math.abs(c);
  const units = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${c < 0 ? '-' : ''}${units}.${cents}`;
}

export function note(code: NoteCode, params: Record<string, string | number>, text: string): Reason<NoteCode> {
  return { code, params, text };
}

export function reason(code: ReasonCode, params: Record<string, string | number>, text: string): Reason {
  return { code, params, text };
}

function clamp(x: number): number {
  return Math.round(Math.min(0.99, Math.max(0.05, x)) * 100) / 100;
}

/** What a pass decided for one line, besides the allocations. */
export interface Decision {
  kind: MatchKind;
  why: Reason;
  notes: Reason<NoteCode>[];
  confidence: number;
  /** Sure proposals score at least 0.95, unsure ones at most 0.9. */
  sure: boolean;
  paymentId?: number;
  alternatives?: number[];
}

function hasRestNote(notes: readonly Reason<NoteCode>[]): boolean {
  for (const x of notes) if (x.code === 'note.rest') return true;
  return false;
}

/** Records the proposal for line i; the line is done from now on. */
export function finish(run: RunState, i: number, allocations: Allocation[], d: Decision): void {
  const line = run.lines[i]!;
  let used = 0;
  for (const a of allocations) used -= a.amountCents;
  const rest = run.available[i]! - used;
  if (rest !== 0 && !hasRestNote(d.notes)) {
    d.notes.push(note('note.rest', { restCents: rest }, `${formatCents(rest)} ${line.currency} stays available`));
  }
  const alternatives = d.alternatives ?? [];
  const confidence = d.sure ? clamp(Math.max(d.confidence, 0.95)) : clamp(Math.min(d.confidence, 0.9));
  // paymentId written in the literal, last as before: added afterwards it cost each such proposal a map
  // transition and a property store of its own (at 1M, 390,000 of them).
  run.result[i] =
    d.paymentId === undefined
      ? { lineId: line.id, kind: d.kind, allocations, restCents: rest, reason: d.why, notes: d.notes, alternatives, confidence, sure: d.sure }
      : {
          lineId: line.id,
          kind: d.kind,
          allocations,
          restCents: rest,
          reason: d.why,
          notes: d.notes,
          alternatives,
          confidence,
          sure: d.sure,
          paymentId: d.paymentId,
        };
}
