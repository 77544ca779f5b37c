/**
 * Assigning a bank line to entries, and taking it back, each in one
 * transaction (docs/sepa.md, Reconciliation): entry items are created, the entries'
 * open amounts and statuses, the line's assigned amount and match state, and
 * the payment's amounts and status move together. Undo removes exactly the
 * items one assignment created and restores the payment as it was.
 *
 * Allocation sign (shared/reconcile.ts): entry open + allocation = new open.
 * The line pays the opposite: −Σ allocations, which must fit in what is
 * still available on it, in the same direction.
 */
import type { Database } from 'better-sqlite3';
import { KontorError } from '../../../shared/errors';
import type { Allocation } from '../../../shared/reconcile';
import { appendAudit } from '../../ledger/repos/audit-log';

export interface AssignMeta {
  proposalId: number | null;
  paymentId: number | null;
  /** `return` reopens entries (allocations in the entries' own sign); anything else settles them. */
  kind: string;
  at: string;
  actor: string;
}

interface LineRow {
  id: number;
  amountCents: number;
  assignedCents: number;
  currency: string;
}

interface EntryRow {
  id: number;
  number: string;
  amountCents: number;
  openAmountCents: number;
  currency: string;
  status: string;
  type: 'Debit' | 'Credit';
}

interface PaymentRow {
  id: number;
  status: string;
  amountCents: number;
  openCents: number;
  settledCents: number;
  assignedCents: number;
}

const sign = (n: number) => Math.sign(n);

function line(db: Database, id: number): LineRow {
  const row = db
    .prepare('SELECT id, amount_cents AS amountCents, assigned_cents AS assignedCents, currency FROM statement_line WHERE id = ?')
    .get(id) as LineRow | undefined;
  if (!row) throw new KontorError('statement.lineNotFound', 'This statement line does not exist (any more).', { id });
  return row;
}

function entry(db: Database, id: number): EntryRow {
  const row = db
    .prepare('SELECT id, number, amount_cents AS amountCents, open_amount_cents AS openAmountCents, currency, status, type FROM entry WHERE id = ?')
    .get(id) as EntryRow | undefined;
  if (!row) throw new KontorError('notFound', 'This entry does not exist (any more).', { id });
  return row;
}

/** The entry's signed amount as the ledger keeps it: receivables positive, payables negative. */
const signedAmount = (e: EntryRow) => (e.type === 'Credit' ? -Math.abs(e.amountCents) : Math.abs(e.amountCents));

function payment(db: Database, id: number): PaymentRow {
  return db
    .prepare('SELECT id, status, amount_cents AS amountCents, open_cents AS openCents, settled_cents AS settledCents, assigned_cents AS assignedCents FROM payment WHERE id = ?')
    .get(id) as PaymentRow;
}

export function assignLine(db: Database, lineId: number, allocations: readonly Allocation[], meta: AssignMeta): number {
  const l = line(db, lineId);
  const available = l.amountCents - l.assignedCents;
  const pays = -allocations.reduce((s, a) => s + a.amountCents, 0);
  if (available === 0) throw new KontorError('reconcile.lineExhausted', 'This bank line is fully assigned already.', { lineId });
  if (sign(pays) !== sign(available) || Math.abs(pays) > Math.abs(available)) {
    throw new KontorError('reconcile.lineExhausted', 'The amounts to assign are more than this bank line has left.', { lineId, availableCents: available, requestedCents: pays });
  }
  const seen = new Set<number>();
  for (const a of allocations) {
    if (seen.has(a.entryId)) throw new KontorError('reconcile.duplicateEntry', 'An entry appears twice in one assignment.', { entryId: a.entryId });
    seen.add(a.entryId);
    const e = entry(db, a.entryId);
    if (e.currency !== l.currency) {
      throw new KontorError('reconcile.currencyMismatch', `Entry ${e.number} is in ${e.currency}, the bank line in ${l.currency}.`, { number: e.number });
    }
    const newOpen = e.openAmountCents + a.amountCents;
    if (meta.kind === 'return') {
      // A return reopens what was settled, no more: the open amount moves back toward the entry's amount.
      const full = signedAmount(e);
      if (sign(a.amountCents) !== sign(full) || Math.abs(newOpen) > Math.abs(full)) {
        throw new KontorError('reconcile.overAllocated', `Entry ${e.number} cannot be reopened by more than was paid.`, { number: e.number });
      }
    } else {
      if (e.status !== 'Open' || e.openAmountCents === 0) throw new KontorError('reconcile.notOpen', `Entry ${e.number} is not open any more.`, { number: e.number });
      if (sign(a.amountCents) === sign(e.openAmountCents) || Math.abs(a.amountCents) > Math.abs(e.openAmountCents)) {
        throw new KontorError('reconcile.overAllocated', `Entry ${e.number} has less open than is to be assigned to it.`, {
          number: e.number,
          openCents: e.openAmountCents,
        });
      }
    }
  }

  const before = meta.paymentId ? payment(db, meta.paymentId) : null;
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO reconcile_assignment (statement_line_id, proposal_id, payment_id, kind, payment_before, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(lineId, meta.proposalId, meta.paymentId, meta.kind, before ? JSON.stringify(before) : null, meta.at, meta.actor);
  const assignmentId = Number(lastInsertRowid);
  const item = db.prepare(
    'INSERT INTO entry_item (entry_id, payment_id, statement_line_id, amount_cents, created_at, assignment_id) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const moveEntry = db.prepare(
    `UPDATE entry SET open_amount_cents = open_amount_cents + ?, status = CASE WHEN open_amount_cents + ? = 0 THEN 'Balanced' ELSE 'Open' END, updated_at = ? WHERE id = ?`,
  );
  for (const a of allocations) {
    item.run(a.entryId, meta.paymentId, lineId, a.amountCents, meta.at, assignmentId);
    moveEntry.run(a.amountCents, a.amountCents, meta.at, a.entryId);
  }
  const assigned = l.assignedCents + pays;
  db.prepare(`UPDATE statement_line SET assigned_cents = ?, match_state = ? WHERE id = ?`).run(assigned, assigned === l.amountCents ? 'matched' : 'unmatched', lineId);

  if (before) {
    const total = allocations.reduce((s, a) => s + a.amountCents, 0);
    if (meta.kind === 'return') {
      db.prepare(`UPDATE payment SET status = 'Reversed', settled_cents = 0, assigned_cents = 0, open_cents = amount_cents, updated_at = ? WHERE id = ?`).run(meta.at, before.id);
    } else {
      // The booking proves the money moved, also where no statement said so before (a CSV without end-to-end ids).
      const settled = before.status === 'Issued' ? before.amountCents : before.settledCents;
      const assignedOnPayment = before.assignedCents + total;
      db.prepare(`UPDATE payment SET status = ?, settled_cents = ?, open_cents = 0, assigned_cents = ?, statement_line_id = COALESCE(statement_line_id, ?), updated_at = ? WHERE id = ?`).run(
        assignedOnPayment === settled ? 'Final' : 'Collected',
        settled,
        assignedOnPayment,
        lineId,
        meta.at,
        before.id,
      );
    }
  }
  appendAudit(db, meta.at, {
    actor: meta.actor,
    action: 'reconcile.assigned',
    subjectType: 'statement_line',
    subjectId: lineId,
    details: { assignmentId, kind: meta.kind, allocations: allocations.map((a) => ({ entryId: a.entryId, amountCents: a.amountCents })) },
  });
  return assignmentId;
}

export function undoAssignmentRows(db: Database, assignmentId: number, at: string, actor: string): void {
  const a = db
    .prepare('SELECT id, statement_line_id AS lineId, proposal_id AS proposalId, payment_id AS paymentId, payment_before AS paymentBefore, undone_at AS undoneAt FROM reconcile_assignment WHERE id = ?')
    .get(assignmentId) as { id: number; lineId: number; proposalId: number | null; paymentId: number | null; paymentBefore: string | null; undoneAt: string | null } | undefined;
  if (!a) throw new KontorError('notFound', 'This assignment does not exist.', { id: assignmentId });
  if (a.undoneAt) throw new KontorError('reconcile.alreadyUndone', 'This assignment was taken back already.', { id: assignmentId });
  const items = db.prepare('SELECT entry_id AS entryId, amount_cents AS amountCents FROM entry_item WHERE assignment_id = ?').all(assignmentId) as { entryId: number; amountCents: number }[];
  // A later assignment on the same entries or payment built on this one: it has to go first.
  const later = db
    .prepare(
      `SELECT ra.id FROM reconcile_assignment ra WHERE ra.id > ? AND ra.undone_at IS NULL AND (
         (ra.payment_id IS NOT NULL AND ra.payment_id = ?) OR
         EXISTS (SELECT 1 FROM entry_item i WHERE i.assignment_id = ra.id AND i.entry_id IN (SELECT entry_id FROM entry_item WHERE assignment_id = ?)))
       LIMIT 1`,
    )
    .get(assignmentId, a.paymentId, assignmentId) as { id: number } | undefined;
  if (later) throw new KontorError('reconcile.undoNotLast', 'A later assignment builds on this one; take that one back first.', { later: later.id });

  const moveEntry = db.prepare(
    `UPDATE entry SET open_amount_cents = open_amount_cents - ?, status = CASE WHEN open_amount_cents - ? = 0 THEN 'Balanced' ELSE 'Open' END, updated_at = ? WHERE id = ?`,
  );
  for (const i of items) moveEntry.run(i.amountCents, i.amountCents, at, i.entryId);
  db.prepare('DELETE FROM entry_item WHERE assignment_id = ?').run(assignmentId);
  const pays = -items.reduce((s, i) => s + i.amountCents, 0);
  db.prepare(`UPDATE statement_line SET assigned_cents = assigned_cents - ?, match_state = 'unmatched' WHERE id = ?`).run(pays, a.lineId);
  if (a.paymentBefore) {
    const p = JSON.parse(a.paymentBefore) as PaymentRow;
    db.prepare('UPDATE payment SET status = ?, open_cents = ?, settled_cents = ?, assigned_cents = ?, updated_at = ? WHERE id = ?').run(
      p.status,
      p.openCents,
      p.settledCents,
      p.assignedCents,
      at,
      p.id,
    );
  }
  db.prepare('UPDATE reconcile_assignment SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, actor, assignmentId);
  if (a.proposalId) db.prepare(`UPDATE reconcile_proposal SET state = 'proposed', decided_at = NULL, decided_by = NULL WHERE id = ?`).run(a.proposalId);
  appendAudit(db, at, { actor, action: 'reconcile.undone', subjectType: 'statement_line', subjectId: a.lineId, details: { assignmentId } });
}
