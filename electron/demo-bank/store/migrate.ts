/**
 * The bank's own migration runner: its file is not Kontor's ledger and the
 * two schemas move independently. Pending migrations run in one transaction
 * together with the `user_version` bump, so a failure leaves the file as it
 * was; a file written by a newer Kontor is refused rather than guessed at.
 */
import type { Database } from 'better-sqlite3';
import { KontorError } from '../../../shared/errors';

export interface BankMigration {
  /** 1-based: the file's user_version once this migration ran. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export function bankSchemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the bank's database to the last of `migrations`; returns the versions before and after. */
export function migrateBank(db: Database, migrations: readonly BankMigration[]): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`bank migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const from = bankSchemaVersion(db);
  const to = migrations.length;
  if (from > to) {
    throw new KontorError(
      'demoBank.openFailed',
      `The demo bank's database was written by a newer version of Kontor (schema ${from}; this version knows up to ${to}). The file was left unchanged.`,
      { found: from, supported: to },
    );
  }
  if (from === to) return { from, to };
  db.transaction(() => {
    for (const m of migrations.slice(from)) db.exec(m.sql);
    db.pragma(`user_version = ${to}`);
  }).immediate();
  return { from, to };
}
