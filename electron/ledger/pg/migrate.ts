import { latestVersion, refuseNewer } from '../migrate';
import type { Migration } from '../migrations/index';
import type { PgDatabase } from './database';
import { pgMigrations } from './migrations/index';

/** The team ledger's schema number: PostgreSQL has no user_version, one row in schema_version stands for it. */
export function pgSchemaVersion(db: PgDatabase): number {
  const exists = db.prepare("SELECT to_regclass('schema_version') IS NOT NULL AS present").get() as { present: number };
  if (!exists.present) return 0;
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  return row?.version ?? 0;
}

/**
 * Brings the team ledger to the latest schema, like ../migrate.ts does the
 * file: all pending migrations and the version bump in one transaction (DDL
 * is transactional in PostgreSQL), two workstations starting at once wait for
 * each other (the transaction's writer lock), a schema from a newer Kontor is refused.
 */
export function migratePg(db: PgDatabase, migrations: readonly Migration[] = pgMigrations): { from: number; to: number } {
  const to = latestVersion(migrations);
  return db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
    const from = pgSchemaVersion(db);
    refuseNewer(from, to, 'database');
    if (from === to) return { from, to };
    for (const m of migrations.filter((x) => x.version > from)) db.exec(m.sql);
    db.exec('DELETE FROM schema_version');
    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(to);
    return { from, to };
  })();
}
