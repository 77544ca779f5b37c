import type { Database } from 'better-sqlite3';
import { KontorError } from '../../../shared/errors';

/** Reads one row or throws the user-facing "not found" for that kind of thing. */
export function one<T>(db: Database, sql: string, params: unknown[], what: string, id: number | string): T {
  const row = db.prepare(sql).get(...params) as T | undefined;
  if (!row) throw new KontorError('notFound', `${what} ${id} does not exist.`, { what, id });
  return row;
}

/**
 * Turns SQLite constraint failures into errors a user understands. Anything
 * else is re-thrown unchanged.
 */
export function explainConstraint(e: unknown, uniqueMessage: { code: string; message: string }): never {
  const err = e as { code?: string; message?: string };
  if (err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    throw new KontorError(uniqueMessage.code, uniqueMessage.message);
  }
  if (err.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    throw new KontorError('reference.missing', 'A referenced record (entity, account, mandate or bank account) does not exist.');
  }
  throw e;
}

/** For LIKE searches typed by users: % and _ are literal there. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
