/**
 * The state of a data folder as `kontor status` reports it, and bringing its
 * ledger to the current schema (`kontor db migrate`). Kept apart from the
 * service context: status must answer quickly and must not create or migrate
 * anything.
 */
import BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { openLedger } from '../ledger/database';
import { latestVersion, migrate, schemaVersion } from '../ledger/migrate';
import { probeKeychain, type KeychainProbe } from '../vault/keychain';
import { databaseFileIn } from './data-dir';
import { APP_VERSION } from './version';

export interface StatusReport {
  version: string;
  dataDir: string;
  databaseFile: string;
  databaseExists: boolean;
  schemaVersion: number | null;
  latestSchemaVersion: number;
  keychain: KeychainProbe;
}

/** Reads the schema version without changing the file: status must not migrate. */
function readSchemaVersion(file: string): number | null {
  if (!existsSync(file)) return null;
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return schemaVersion(db);
  } finally {
    db.close();
  }
}

export function statusOf(dataDir: string): StatusReport {
  const databaseFile = databaseFileIn(dataDir);
  const version = readSchemaVersion(databaseFile);
  return {
    version: APP_VERSION,
    dataDir,
    databaseFile,
    databaseExists: version !== null,
    schemaVersion: version,
    latestSchemaVersion: latestVersion(),
    keychain: probeKeychain(),
  };
}

/** Creates the ledger of a data folder or brings it to the current schema; refuses one from a newer Kontor. */
export function migrateLedger(dataDir: string): { databaseFile: string; from: number; to: number } {
  const databaseFile = databaseFileIn(dataDir);
  const db = openLedger(databaseFile, { migrate: false });
  try {
    return { databaseFile, ...migrate(db) };
  } finally {
    db.close();
  }
}
