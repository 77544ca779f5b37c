import type { Database } from 'better-sqlite3';
import { KontorError } from '../../shared/errors';
import { migrations as allMigrations, type Migration } from './migrations/index';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: readonly Migration[] = allMigrations): number {
  return migrations.at(-1)?.version ?? 0;
}

/** A ledger written by a newer Kontor is refused rather than half-understood; `what` names the file or the database. */
export function refuseNewer(from: number, to: number, what: 'file' | 'database'): void {
  if (from <= to) return;
  throw new KontorError(
    'ledger.tooNew',
    `This ledger was written by a newer version of Kontor (schema ${from}; this version knows up to ${to}). Update Kontor to open it; the ${what} was left unchanged.`,
    { found: from, supported: to },
  );
}

/**
 * Brings the database to the latest schema. All pending migrations run in one
 * transaction together with the user_version bump, so a failure leaves the
 * file exactly as it was. A file written by a newer Kontor is refused rather
 * than half-understood.
 */
export function migrate(db: Database, migrations: readonly Migration[] = allMigrations): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const from = schemaVersion(db);
  const to = latestVersion(migrations);
  refuseNewer(from, to, 'file');
  if (from === to) return { from, to };
  const pending = migrations.filter((m) => m.version > from);
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${to}`);
  }).immediate();
  return { from, to };
}
