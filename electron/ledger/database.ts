import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { KontorError } from '../../shared/errors';
import { migrate } from './migrate';
import { isTeamLedger } from './pg/database';

export type { Database };

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
  readonly?: boolean;
  /** Default true. The CLI's `db migrate` turns it off to report what it did. */
  migrate?: boolean;
}

/**
 * Opens (and creates) the ledger with its durability settings
 * (docs/architecture.md, The ledger) and migrates it. WAL keeps readers off the writer's back; FULL sync
 * means a booking the user saw as saved survives a power cut.
 */
export function openLedger(file: string, options: OpenOptions = {}): Database {
  mkdirSync(dirname(file), { recursive: true });
  let db: Database;
  try {
    db = new BetterSqlite3(file, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.readonly ? { readonly: true, fileMustExist: true } : {}),
    });
  } catch (e) {
    throw new KontorError('ledger.openFailed', `The ledger file ${file} could not be opened: ${(e as Error).message}`, { file });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) immediateByDefault(db);
    if (!options.readonly && options.migrate !== false) migrate(db);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof KontorError) throw e;
    const message = (e as Error).message;
    if (/file is not a database|malformed/i.test(message)) {
      throw new KontorError('ledger.notADatabase', `The file ${file} is not a Kontor ledger or is damaged.`, { file });
    }
    throw e;
  }
}

/**
 * Makes `db.transaction(fn)()` begin IMMEDIATE: the transaction takes the
 * write lock when it starts, and waits its turn (busy_timeout) while the
 * window, the command line or a worker is writing the same file. A deferred
 * transaction that has read first and then writes while another connection
 * committed meanwhile is refused at once with `database is locked`
 * (SQLITE_BUSY_SNAPSHOT, which no timeout waits for): the same race the
 * demo bank had (its transactions are IMMEDIATE too). `.deferred` stays
 * available for a transaction that only reads.
 */
function immediateByDefault(db: Database): void {
  const transaction = db.transaction.bind(db);
  // better-sqlite3 gives each variant the others as properties: `.deferred` of the returned function is still the deferred one.
  db.transaction = ((fn: (...args: never[]) => unknown) => transaction(fn).immediate) as Database['transaction'];
}

/**
 * A consistent copy of the ledger while it stays open (SQLite's online
 * backup, page by page); `progress` hears of every step.
 */
export async function backupLedger(db: Database, file: string, progress: (done: number, total: number) => void): Promise<{ pages: number }> {
  if (isTeamLedger(db)) {
    throw new KontorError('ledger.teamBackup', 'A team ledger is backed up on its database server (pg_dump), not by Kontor on a workstation.');
  }
  const result = await db.backup(file, {
    progress({ totalPages, remainingPages }) {
      progress(totalPages - remainingPages, totalPages);
      return 100;
    },
  });
  return { pages: result.totalPages };
}
