import type { Database } from 'better-sqlite3';
import type { Settlement, SettlementKind } from '../../../shared/reconcile';

/**
 * Settlements of entries without a bank line (cash, offset, write-off) and
 * the fees and differences accepted with a bank line. The entry's open
 * amount and the line's assigned amount are moved by the caller in the same
 * transaction (entries.ts, statement-lines.ts).
 */

export interface NewSettlement {
  entryId: number;
  kind: SettlementKind;
  entryCents: number;
  lineCents?: number;
  otherEntryId?: number | null;
  lineId?: number | null;
  assignmentId?: number | null;
  note?: string | null;
  settledOn: string;
  at: string;
  actor: string;
}

export function insertSettlement(db: Database, s: NewSettlement): number {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO entry_settlement (entry_id, kind, entry_cents, line_cents, other_entry_id, statement_line_id, assignment_id, note, settled_on, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      s.entryId,
      s.kind,
      s.entryCents,
      s.lineCents ?? 0,
      s.otherEntryId ?? null,
      s.lineId ?? null,
      s.assignmentId ?? null,
      s.note ?? null,
      s.settledOn,
      s.at,
      s.actor,
    );
  return Number(lastInsertRowid);
}

const SELECT = `SELECT s.id, s.entry_id AS entryId, e.number AS entryNumber, s.kind, s.entry_cents AS entryCents, s.line_cents AS lineCents,
  s.other_entry_id AS otherEntryId, o.number AS otherEntryNumber, s.statement_line_id AS lineId, s.assignment_id AS assignmentId, s.note,
  s.settled_on AS settledOn, s.created_at AS createdAt, s.created_by AS createdBy, s.undone_at AS undoneAt
  FROM entry_settlement s JOIN entry e ON e.id = s.entry_id LEFT JOIN entry o ON o.id = s.other_entry_id`;

/** An entry's settlements without a bank line and the fees/differences booked on it, oldest first, undone ones included. */
export function settlementsOfEntry(db: Database, entryId: number): Settlement[] {
  return db.prepare(`${SELECT} WHERE s.entry_id = ? ORDER BY s.id`).all(entryId) as Settlement[];
}

export function settlementsByIds(db: Database, ids: readonly number[]): Settlement[] {
  if (ids.length === 0) return [];
  return db.prepare(`${SELECT} WHERE s.id IN (${ids.map(() => '?').join(',')}) ORDER BY s.id`).all(...ids) as Settlement[];
}

/** The fees and differences an assignment booked, still in force: undo takes them back with it. */
export function settlementsOfAssignment(db: Database, assignmentId: number): { id: number; entryId: number; entryCents: number; lineCents: number }[] {
  return db
    .prepare(
      'SELECT id, entry_id AS entryId, entry_cents AS entryCents, line_cents AS lineCents FROM entry_settlement WHERE assignment_id = ? AND undone_at IS NULL',
    )
    .all(assignmentId) as { id: number; entryId: number; entryCents: number; lineCents: number }[];
}

export function markSettlementsUndone(db: Database, ids: readonly number[], by: string, at: string): void {
  const stmt = db.prepare('UPDATE entry_settlement SET undone_at = ?, undone_by = ? WHERE id = ?');
  for (const id of ids) stmt.run(at, by, id);
}

/** Payments of the entry that are built or on their way (not yet booked): settling it otherwise would pay it twice. */
export function paymentsInFlightOfEntry(db: Database, entryId: number): number[] {
  return (
    db
      .prepare(`SELECT DISTINCT p.id FROM entry_item i JOIN payment p ON p.id = i.payment_id WHERE i.entry_id = ? AND p.status IN ('Open', 'Issued')`)
      .all(entryId) as { id: number }[]
  ).map((r) => r.id);
}

export interface SettlementRow {
  id: number;
  entryId: number;
  kind: SettlementKind;
  entryCents: number;
  otherEntryId: number | null;
  assignmentId: number | null;
  createdAt: string;
  undoneAt: string | null;
}

const ROW = `SELECT id, entry_id AS entryId, kind, entry_cents AS entryCents, other_entry_id AS otherEntryId, assignment_id AS assignmentId,
  created_at AS createdAt, undone_at AS undoneAt FROM entry_settlement`;

export function settlementRow(db: Database, id: number): SettlementRow | undefined {
  return db.prepare(`${ROW} WHERE id = ?`).get(id) as SettlementRow | undefined;
}

/** The other half of an offset: booked in the same moment on the other entry, against this one. */
export function offsetPartner(db: Database, s: SettlementRow): SettlementRow | undefined {
  return db
    .prepare(`${ROW} WHERE kind = 'offset' AND entry_id = ? AND other_entry_id = ? AND created_at = ? AND undone_at IS NULL AND id <> ? ORDER BY id LIMIT 1`)
    .get(s.otherEntryId, s.entryId, s.createdAt, s.id) as SettlementRow | undefined;
}
