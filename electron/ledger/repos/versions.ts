import type { Database } from 'better-sqlite3';
import { KontorError } from '../../../shared/errors';
import { instantParts } from '../../../shared/locale-format';

/**
 * Optimistic versions (migration 15): the tables whose rows people edit in
 * forms carry a version, who changed the row last and when. An edit claims
 * the version it was made on before it writes anything; another edit that
 * came first has moved the version on, and the claim is refused with who
 * did it. Inside the edit's transaction the claim is the first write, so on
 * PostgreSQL the row stays locked until the edit commits and a second edit
 * waits for it and then finds the new version.
 */
export type VersionedTable = 'entry' | 'account' | 'payment_instrument' | 'payment_order' | 'bank_access';

export interface RowVersion {
  version: number;
  changedBy: string | null;
  changedAt: string | null;
}

export function rowVersion(db: Database, table: VersionedTable, id: number): RowVersion {
  const row = db.prepare(`SELECT version, changed_by AS changedBy, changed_at AS changedAt FROM ${table} WHERE id = ?`).get(id) as RowVersion | undefined;
  if (!row) throw new KontorError('notFound', `${table} ${id} does not exist.`, { what: table, id });
  return { ...row, version: Number(row.version) };
}

/** The name a person is shown under: their display name, else their identity. */
function nameOf(db: Database, identity: string): string {
  const row = db.prepare('SELECT display_name AS displayName FROM person WHERE identity = ?').get(identity) as { displayName: string | null } | undefined;
  return row?.displayName || identity;
}

/** The refusal of an edit made on an older version: who changed the row and when, so the person can reload. */
export function changedMeanwhile(db: Database, current: RowVersion): KontorError {
  const name = current.changedBy ? nameOf(db, current.changedBy) : '?';
  const at = current.changedAt ?? '';
  // Local time for the CLI's reader; the window words it in the user's language from `at`.
  const when = instantParts(at, 'en');
  return new KontorError('edit.changedMeanwhile', `Changed by ${name}${when ? ` on ${when.date} at ${when.time}` : ''}, please reload.`, {
    name,
    at,
    version: current.version,
  });
}

/**
 * Moves the row from `expected` to the next version, recording who and when;
 * refused (nothing written) when the row is no longer at `expected`.
 */
export function claimVersion(db: Database, table: VersionedTable, id: number, expected: number, by: string, at: string): number {
  const { changes } = db
    .prepare(`UPDATE ${table} SET version = version + 1, changed_by = ?, changed_at = ? WHERE id = ? AND version = ?`)
    .run(by, at, id, expected);
  if (changes === 0) throw changedMeanwhile(db, rowVersion(db, table, id));
  return expected + 1;
}

/** A change by a person that is no form edit (an approval, a bulk edit, a status decision): it moves the version on, so a form opened before it is refused. */
export function touchVersion(db: Database, table: VersionedTable, id: number, by: string, at: string): void {
  db.prepare(`UPDATE ${table} SET version = version + 1, changed_by = ?, changed_at = ? WHERE id = ?`).run(by, at, id);
}
