import type { Database } from 'better-sqlite3';

export interface AuditRecord {
  actor: string;
  action: string;
  subjectType?: string;
  subjectId?: string | number;
  /** Never key material, passwords or whole order files: ids, counts, hashes. */
  details?: Record<string, unknown>;
}

export function appendAudit(db: Database, at: string, r: AuditRecord): void {
  db.prepare('INSERT INTO audit_log (at, actor, action, subject_type, subject_id, details) VALUES (?, ?, ?, ?, ?, ?)').run(
    at,
    r.actor,
    r.action,
    r.subjectType ?? null,
    r.subjectId === undefined ? null : String(r.subjectId),
    JSON.stringify(r.details ?? {}),
  );
}

export function listAudit(
  db: Database,
  limit = 200,
): Array<{ id: number; at: string; actor: string; action: string; subjectType: string | null; subjectId: string | null; details: string }> {
  return db
    .prepare('SELECT id, at, actor, action, subject_type AS subjectType, subject_id AS subjectId, details FROM audit_log ORDER BY id DESC LIMIT ?')
    .all(limit) as never;
}
