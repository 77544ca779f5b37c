/**
 * Assigning a bank line to entries, and taking it back, each in one
 * transaction (docs/sepa.md, Reconciliation): entry items are created, the entries'
 * open amounts and statuses, the line's assigned amount and match state, and
 * the payment's amounts and status move together (every payment of a batch
 * booking, each by its own entries' part). Undo removes exactly the items one
 * assignment created and restores the payments as they were.
 *
 * Allocation sign (shared/reconcile.ts): entry open + allocation = new open.
 * The line pays the opposite: −Σ allocations, which must fit in what is
 * still available on it, in the same direction.
 */
import type { Database } from 'better-sqlite3';
import { KontorError } from '../../../shared/errors';
import type { Allocation, DifferenceChoice } from '../../../shared/reconcile';
import { appendAudit } from '../../ledger/repos/audit-log';
import { entryBalance, moveOpenAmount, type EntryBalance } from '../../ledger/repos/entries';
import { markPaymentReversed, paymentAmounts, restorePaymentAmounts, settlePayment, type PaymentAmounts } from '../../ledger/repos/payments';
import { reopenProposal } from '../../ledger/repos/reconcile-proposals';
import {
  getAssignmentRow,
  insertAssignedItems,
  insertAssignment,
  itemsOfAssignment,
  laterAssignmentOnSame,
  markUndone,
} from '../../ledger/repos/reconcile-assignments';
import { markSettlementsUndone, settlementsOfAssignment } from '../../ledger/repos/settlements';
import { lineBalance, releaseLineAmount, setLineAssigned, type LineBalance } from '../../ledger/repos/statement-lines';
import { bookDifference } from './difference';

export interface AssignMeta {
  proposalId: number | null;
  paymentId: number | null;
  /** `return` reopens entries (allocations in the entries' own sign); anything else settles them. */
  kind: string;
  at: string;
  actor: string;
  /** Books what the match leaves as a fee or difference (not with a return). */
  difference?: DifferenceChoice;
}

/** An allocation as the matcher stores it: a batch booking's name the payment each belongs to. */
export type PaymentAllocation = Allocation & { paymentId?: number };

const sign = (n: number) => Math.sign(n);

/** The entry's signed amount as the ledger keeps it: receivables positive, payables negative. */
const signedAmount = (e: EntryBalance) => (e.type === 'Credit' ? -Math.abs(e.amountCents) : Math.abs(e.amountCents));

function checkAllocations(db: Database, l: LineBalance, allocations: readonly Allocation[], kind: string): number {
  const available = l.amountCents - l.assignedCents;
  const pays = -allocations.reduce((s, a) => s + a.amountCents, 0);
  if (available === 0) throw new KontorError('reconcile.lineExhausted', 'This bank line is fully assigned already.', { lineId: l.id });
  if (sign(pays) !== sign(available) || Math.abs(pays) > Math.abs(available)) {
    throw new KontorError('reconcile.lineExhausted', 'The amounts to assign are more than this bank line has left.', {
      lineId: l.id,
      availableCents: available,
      requestedCents: pays,
    });
  }
  const seen = new Set<number>();
  for (const a of allocations) {
    if (seen.has(a.entryId)) throw new KontorError('reconcile.duplicateEntry', 'An entry appears twice in one assignment.', { entryId: a.entryId });
    seen.add(a.entryId);
    const e = entryBalance(db, a.entryId);
    if (e.currency !== l.currency) {
      throw new KontorError('reconcile.currencyMismatch', `Entry ${e.number} is in ${e.currency}, the bank line in ${l.currency}.`, { number: e.number });
    }
    const newOpen = e.openAmountCents + a.amountCents;
    if (kind === 'return') {
      // A return reopens what was settled, no more: the open amount moves back toward the entry's amount.
      const full = signedAmount(e);
      if (sign(a.amountCents) !== sign(full) || Math.abs(newOpen) > Math.abs(full)) {
        throw new KontorError('reconcile.overAllocated', `Entry ${e.number} cannot be reopened by more than was paid.`, { number: e.number });
      }
    } else {
      if (e.status !== 'Open' || e.openAmountCents === 0)
        throw new KontorError('reconcile.notOpen', `Entry ${e.number} is not open any more.`, { number: e.number });
      if (sign(a.amountCents) === sign(e.openAmountCents) || Math.abs(a.amountCents) > Math.abs(e.openAmountCents)) {
        throw new KontorError('reconcile.overAllocated', `Entry ${e.number} has less open than is to be assigned to it.`, {
          number: e.number,
          openCents: e.openAmountCents,
        });
      }
    }
  }
  return pays;
}

export function assignLine(db: Database, lineId: number, allocations: readonly PaymentAllocation[], meta: AssignMeta): number {
  const l = lineBalance(db, lineId);
  const pays = checkAllocations(db, l, allocations, meta.kind);
  if (meta.difference && meta.kind === 'return') {
    throw new KontorError('reconcile.differenceOnReturn', 'A return reopens entries; there is no fee or difference to book with it.');
  }

  const shares = paymentShares(allocations, meta.paymentId);
  const before = [...shares.keys()].map((id) => paymentAmounts(db, id));
  const assignmentId = insertAssignment(db, {
    lineId,
    proposalId: meta.proposalId,
    paymentId: meta.paymentId,
    kind: meta.kind,
    // One payment as one object (as always); a batch booking's several as an array.
    paymentBefore: before.length === 0 ? null : before.length === 1 ? before[0] : before,
    at: meta.at,
    actor: meta.actor,
  });
  insertAssignedItems(db, assignmentId, { lineId, paymentId: meta.paymentId, at: meta.at }, allocations);
  for (const a of allocations) moveOpenAmount(db, a.entryId, a.amountCents, meta.at);
  let assigned = l.assignedCents + pays;
  if (meta.difference) {
    const booking = { assignmentId, lineId, lineRestCents: l.amountCents - assigned, allocations, settledOn: l.bookingDate, at: meta.at, actor: meta.actor };
    assigned += bookDifference(db, meta.difference, booking);
  }
  setLineAssigned(db, lineId, assigned, assigned === l.amountCents ? 'matched' : 'unmatched');

  for (const p of before) movePayment(db, p, shares.get(p.id) ?? 0, { kind: meta.kind, lineId, at: meta.at });
  appendAudit(db, meta.at, {
    actor: meta.actor,
    action: 'reconcile.assigned',
    subjectType: 'statement_line',
    subjectId: lineId,
    details: { assignmentId, kind: meta.kind, allocations: allocations.map((a) => ({ entryId: a.entryId, amountCents: a.amountCents })) },
  });
  return assignmentId;
}

/**
 * The payments an assignment moves and what of the allocations each gets:
 * the one the proposal names gets all of them; a batch booking's
 * allocations name their own payments.
 */
function paymentShares(allocations: readonly PaymentAllocation[], paymentId: number | null): Map<number, number> {
  const total = allocations.reduce((s, a) => s + a.amountCents, 0);
  if (paymentId) return new Map([[paymentId, total]]);
  const shares = new Map<number, number>();
  for (const a of allocations) if (a.paymentId) shares.set(a.paymentId, (shares.get(a.paymentId) ?? 0) + a.amountCents);
  return shares;
}

function movePayment(db: Database, before: PaymentAmounts, total: number, o: { kind: string; lineId: number; at: string }): void {
  if (o.kind === 'return') {
    markPaymentReversed(db, before.id, o.at);
    return;
  }
  // The booking proves the money moved, also where no statement said so before (a CSV without end-to-end ids).
  const settled = before.status === 'Issued' ? before.amountCents : before.settledCents;
  const assignedOnPayment = before.assignedCents + total;
  settlePayment(
    db,
    before.id,
    // Final comes with the end of the scheme's return window (payment-lifecycle.ts), not with the assignment.
    { status: before.status === 'Final' ? 'Final' : 'Collected', settledCents: settled, assignedCents: assignedOnPayment, lineId: o.lineId },
    o.at,
  );
}

/** What undo puts back: one payment's amounts as an object, several (a batch booking) as an array. */
function paymentsBefore(json: string | null): PaymentAmounts[] {
  if (!json) return [];
  const parsed = JSON.parse(json) as PaymentAmounts | PaymentAmounts[];
  return Array.isArray(parsed) ? parsed : [parsed];
}

export function undoAssignmentRows(db: Database, assignmentId: number, at: string, actor: string): void {
  const a = getAssignmentRow(db, assignmentId);
  if (a.undoneAt) throw new KontorError('reconcile.alreadyUndone', 'This assignment was taken back already.', { id: assignmentId });
  const items = itemsOfAssignment(db, assignmentId);
  // A later assignment on the same entries or payment built on this one: it has to go first.
  const later = laterAssignmentOnSame(db, a);
  if (later !== null) throw new KontorError('reconcile.undoNotLast', 'A later assignment builds on this one; take that one back first.', { later });

  for (const i of items) moveOpenAmount(db, i.entryId, -i.amountCents, at);
  const differences = settlementsOfAssignment(db, assignmentId);
  for (const d of differences) if (d.entryCents !== 0) moveOpenAmount(db, d.entryId, -d.entryCents, at);
  markSettlementsUndone(
    db,
    differences.map((d) => d.id),
    actor,
    at,
  );
  const pays = -items.reduce((s, i) => s + i.amountCents, 0) + differences.reduce((s, d) => s + d.lineCents, 0);
  releaseLineAmount(db, a.lineId, pays);
  for (const p of paymentsBefore(a.paymentBefore)) restorePaymentAmounts(db, p, at);
  markUndone(db, assignmentId, actor, at);
  if (a.proposalId) reopenProposal(db, a.proposalId);
  appendAudit(db, at, { actor, action: 'reconcile.undone', subjectType: 'statement_line', subjectId: a.lineId, details: { assignmentId } });
}
