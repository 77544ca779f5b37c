/**
 * A match that leaves a difference (docs/sepa.md): the bank took a
 * fee, or the customer paid a few cents less or more. When the reviewer
 * accepts it with a difference, the part of the line no entry took, or what
 * the one entry still has open, is booked as a fee or a difference, in the
 * same transaction as the assignment, on the entry and in the audit log.
 * Only one of the two can be left: a line with money left over and entries
 * still open at the same time is a partial match, not a difference.
 */
import type { Database } from 'better-sqlite3';
import { KontorError } from '../../../shared/errors';
import type { Allocation, DifferenceChoice } from '../../../shared/reconcile';
import { appendAudit } from '../../ledger/repos/audit-log';
import { entryBalance, moveOpenAmount } from '../../ledger/repos/entries';
import { insertSettlement } from '../../ledger/repos/settlements';

export interface DifferenceBooking {
  assignmentId: number;
  lineId: number;
  /** What the line still has after the allocations, in the line's sign. */
  lineRestCents: number;
  allocations: readonly Allocation[];
  settledOn: string;
  at: string;
  actor: string;
}

/** Books the difference; returns the part of the line it took (in the line's sign), to add to the line's assigned amount. */
export function bookDifference(db: Database, d: DifferenceChoice, b: DifferenceBooking): number {
  // Read after the allocations moved the open amounts.
  const stillOpen = b.allocations.map((a) => entryBalance(db, a.entryId)).filter((e) => e.openAmountCents !== 0);
  if (b.lineRestCents !== 0 && stillOpen.length > 0) {
    throw new KontorError('reconcile.differenceAmbiguous', 'Both the bank line and an entry have something left; assign the whole line first.');
  }
  if (b.lineRestCents === 0 && stillOpen.length > 1) {
    throw new KontorError('reconcile.differenceAmbiguous', 'More than one entry stays open; a difference can be booked on one entry only.');
  }
  const onLine = b.lineRestCents !== 0;
  const entry = onLine ? entryBalance(db, b.allocations[b.allocations.length - 1]!.entryId) : stillOpen[0];
  if (!entry) throw new KontorError('reconcile.noDifference', 'The line and the entries match exactly; there is no difference to book.');
  const entryCents = onLine ? 0 : -entry.openAmountCents;
  const lineCents = onLine ? b.lineRestCents : 0;
  const amount = Math.abs(onLine ? lineCents : entryCents);
  if (amount !== d.amountCents) {
    throw new KontorError('reconcile.differenceChanged', 'The difference is not what was shown any more; look at the match again.', {
      expectedCents: d.amountCents,
      amountCents: amount,
    });
  }
  const note = d.note?.trim() || null;
  const id = insertSettlement(db, {
    entryId: entry.id,
    kind: d.kind,
    entryCents,
    lineCents,
    lineId: b.lineId,
    assignmentId: b.assignmentId,
    note,
    settledOn: b.settledOn,
    at: b.at,
    actor: b.actor,
  });
  if (entryCents !== 0) moveOpenAmount(db, entry.id, entryCents, b.at);
  appendAudit(db, b.at, {
    actor: b.actor,
    action: `reconcile.${d.kind}Booked`,
    subjectType: 'entry',
    subjectId: entry.id,
    details: { settlementId: id, assignmentId: b.assignmentId, lineId: b.lineId, entryCents, lineCents, note },
  });
  return lineCents;
}
