import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

export interface AuditRecord {
  actor: string;
  action: string;
  subjectType?: string;
  subjectId?: string | number;
  /** Never key material, passwords or whole order files: ids, counts, hashes. */
  details?: Record<string, unknown>;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  osAccount: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  details: string;
  prevHash: string | null;
  hash: string | null;
}

const COLUMNS = `id, at, actor, os_account AS osAccount, action, subject_type AS subjectType, subject_id AS subjectId, details,
  prev_hash AS prevHash, hash`;

/** The operating-system account of the process writing through each connection: recorded beside the acting identity. */
const writers = new WeakMap<Database, string>();

export function setWriterAccount(db: Database, osAccount: string): void {
  writers.set(db, osAccount);
}

/** What a row's hash covers: every column but the hash itself, the previous row's hash included. */
export function rowHash(r: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([r.id, r.at, r.actor, r.osAccount, r.action, r.subjectType, r.subjectId, r.details, r.prevHash]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * Appends one row to the chain: the next id, the last row's hash, its own.
 * Runs in a transaction of its own (or the caller's), so two writers cannot
 * both follow the same row; the ledger's trigger refuses a row that does not.
 */
export function appendAudit(db: Database, at: string, r: AuditRecord): void {
  db.transaction(() => {
    const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string | null } | undefined;
    const row: Omit<AuditRow, 'hash'> = {
      id: (last?.id ?? 0) + 1,
      at,
      actor: r.actor,
      osAccount: writers.get(db) ?? null,
      action: r.action,
      subjectType: r.subjectType ?? null,
      subjectId: r.subjectId === undefined ? null : String(r.subjectId),
      details: JSON.stringify(r.details ?? {}),
      prevHash: last?.hash ?? null,
    };
    db.prepare(
      `INSERT INTO audit_log (id, at, actor, os_account, action, subject_type, subject_id, details, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(row.id, row.at, row.actor, row.osAccount, row.action, row.subjectType, row.subjectId, row.details, row.prevHash, rowHash(row));
  })();
}

export interface AuditFilter {
  /** Business dates, both inclusive, compared with the day of the UTC instant. */
  from?: string;
  to?: string;
  actor?: string;
  limit?: number;
  offset?: number;
}

function where(f: AuditFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    parts.push(sql);
    params.push(value);
  };
  if (f.from) add('substr(at, 1, 10) >= ?', f.from);
  if (f.to) add('substr(at, 1, 10) <= ?', f.to);
  if (f.actor) add('actor = ?', f.actor);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Newest first. */
export function listAudit(db: Database, f: AuditFilter = {}): { rows: AuditRow[]; total: number } {
  const w = where(f);
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM audit_log ${w.sql} ORDER BY id DESC LIMIT ? OFFSET ?`)
    .all(...w.params, f.limit ?? 200, f.offset ?? 0) as AuditRow[];
  const { total } = db.prepare(`SELECT count(*) AS total FROM audit_log ${w.sql}`).get(...w.params) as { total: number };
  return { rows, total };
}

export type ChainBreak = 'hashMismatch' | 'linkBroken' | 'rowMissing' | 'unchainedRow';

export interface ChainReport {
  rows: number;
  /** Rows written before the chain existed (schema 8): unchained, and reported as such. */
  unchained: number;
  broken: { id: number; reason: ChainBreak } | null;
}

/**
 * Walks the log from its first row: every row after the first chained one
 * must carry the hash of the row before it and a hash of its own content; an
 * id skipped means a row was deleted. Stops at the first break.
 */
export function verifyAuditChain(db: Database): ChainReport {
  let rows = 0;
  let unchained = 0;
  let previous: AuditRow | null = null;
  for (const row of db.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY id`).iterate() as Iterable<AuditRow>) {
    rows++;
    const broken = checkRow(row, previous);
    if (broken) return { rows, unchained, broken: { id: row.id, reason: broken } };
    if (row.hash === null) unchained++;
    previous = row;
  }
  return { rows, unchained, broken: null };
}

function checkRow(row: AuditRow, previous: AuditRow | null): ChainBreak | null {
  if (row.id !== (previous?.id ?? 0) + 1) return 'rowMissing';
  if (row.hash === null) return previous?.hash ? 'unchainedRow' : null;
  if (row.prevHash !== (previous?.hash ?? null)) return 'linkBroken';
  return rowHash(row) === row.hash ? null : 'hashMismatch';
}
