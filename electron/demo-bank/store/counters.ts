import type { Database } from 'better-sqlite3';

/** The next value of a named counter, starting at 1. Call inside the caller's transaction. */
export function nextValue(db: Database, name: string): number {
  const row = db.prepare('INSERT INTO counter (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value').get(name) as {
    value: number;
  };
  return row.value;
}
