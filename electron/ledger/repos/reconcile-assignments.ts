import type { Database } from 'better-sqlite3';
import { KontorError } from '../../../shared/errors';
import type { Assignment } from '../../../shared/reconcile';

/**
 * Assignments of bank lines to entries and the entry items each creates. An
 * assignment keeps the payment as it was before (JSON) so undo can restore
 * it; undone assignments stay, without items, for the record.
 */

export interface NewAssignment {
  lineId: number;
  proposalId: number | null;
  paymentId: number | null;
  kind: string;
  /** The payment before the assignment, restored by undo. */
  paymentBefore: unknown;
  at: string;
  actor: string;
}

export function insertAssignment(db: Database, a: NewAssignment): number {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO reconcile_assignment (statement_line_id, proposal_id, payment_id, kind, payment_before, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(a.lineId, a.proposalId, a.paymentId, a.kind, a.paymentBefore ? JSON.stringify(a.paymentBefore) : null, a.at, a.actor);
  return Number(lastInsertRowid);
}

/** The items of one assignment: what each entry got of the line (and of the payment, if any: the item's own in a batch booking). */
export function insertAssignedItems(
  db: Database,
  assignmentId: number,
  o: { lineId: number; paymentId: number | null; at: string },
  items: readonly { entryId: number; amountCents: number; paymentId?: number }[],
): void {
  const item = db.prepare(
    'INSERT INTO entry_item (entry_id, payment_id, statement_line_id, amount_cents, created_at, assignment_id) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const i of items) item.run(i.entryId, i.paymentId ?? o.paymentId, o.lineId, i.amountCents, o.at, assignmentId);
}

export interface AssignmentRow {
  id: number;
  lineId: number;
  proposalId: number | null;
  paymentId: number | null;
  /** JSON of the payment's amounts before (an array for a batch booking's several), or null. */
  paymentBefore: string | null;
  undoneAt: string | null;
}

export function getAssignmentRow(db: Database, id: number): AssignmentRow {
  const row = db
    .prepare(
      'SELECT id, statement_line_id AS lineId, proposal_id AS proposalId, payment_id AS paymentId, payment_before AS paymentBefore, undone_at AS undoneAt FROM reconcile_assignment WHERE id = ?',
    )
    .get(id) as AssignmentRow | undefined;
  if (!row) throw new KontorError('notFound', 'This assignment does not exist.', { id });
  return row;
}

export function itemsOfAssignment(db: Database, id: number): { entryId: number; amountCents: number }[] {
  return db.prepare('SELECT entry_id AS entryId, amount_cents AS amountCents FROM entry_item WHERE assignment_id = ?').all(id) as {
    entryId: number;
    amountCents: number;
  }[];
}

/** A later assignment, still in force, on the same payment or on one of the same entries: it builds on this one. */
export function laterAssignmentOnSame(db: Database, a: Pick<AssignmentRow, 'id' | 'paymentId'>): number | null {
  const later = db
    .prepare(
      `SELECT ra.id FROM reconcile_assignment ra WHERE ra.id > ? AND ra.undone_at IS NULL AND (
         (ra.payment_id IS NOT NULL AND ra.payment_id = ?) OR
         EXISTS (SELECT 1 FROM entry_item i WHERE i.assignment_id = ra.id AND i.entry_id IN (SELECT entry_id FROM entry_item WHERE assignment_id = ?)))
       LIMIT 1`,
    )
    .get(a.id, a.paymentId, a.id) as { id: number } | undefined;
  return later?.id ?? null;
}

/** Undo: the items go, the assignment stays marked with who took it back and when. */
export function markUndone(db: Database, id: number, by: string, at: string): void {
  db.prepare('DELETE FROM entry_item WHERE assignment_id = ?').run(id);
  db.prepare('UPDATE reconcile_assignment SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, by, id);
}

/** An assignment with its items as the API shows it; undone ones have no items left (their audit record keeps what they were). */
export function getAssignment(db: Database, id: number): Assignment {
  const a = db
    .prepare(
      `SELECT id, statement_line_id AS lineId, proposal_id AS proposalId, created_at AS createdAt, created_by AS createdBy, undone_at AS undoneAt
       FROM reconcile_assignment WHERE id = ?`,
    )
    .get(id) as Omit<Assignment, 'items'> | undefined;
  if (!a) throw new KontorError('notFound', 'This assignment does not exist.', { id });
  const items = db
    .prepare(
      `SELECT i.entry_id AS entryId, e.number, i.amount_cents AS amountCents FROM entry_item i JOIN entry e ON e.id = i.entry_id WHERE i.assignment_id = ? ORDER BY i.id`,
    )
    .all(id) as Assignment['items'];
  return { ...a, items };
}

export function assignmentIdsOfLine(db: Database, lineId: number): number[] {
  return (db.prepare('SELECT id FROM reconcile_assignment WHERE statement_line_id = ? ORDER BY id').all(lineId) as { id: number }[]).map((r) => r.id);
}
