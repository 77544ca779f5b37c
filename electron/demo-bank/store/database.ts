import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { KontorError } from '../../../shared/errors';
import { migrateBank } from './migrate';
import { bankMigrations } from './migrations/index';

export type { Database };

/** The demo bank's file inside its data folder; never Kontor's ledger. */
export const BANK_DB_FILE = 'demo-bank.sqlite';

/**
 * Opens (and creates) the demo bank's own SQLite file in `dataDir` with
 * durable settings (WAL, synchronous=FULL, foreign keys) and
 * brings it to the latest schema.
 */
export function openBankDatabase(dataDir: string): Database {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, BANK_DB_FILE);
  let db: Database;
  try {
    db = new BetterSqlite3(file);
  } catch (e) {
    throw new KontorError('demoBank.openFailed', `The demo bank's database ${file} could not be opened: ${(e as Error).message}`, { file });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrateBank(db, bankMigrations);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
