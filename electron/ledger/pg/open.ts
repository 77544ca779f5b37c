import type { Database } from 'better-sqlite3';
import { KontorError } from '../../../shared/errors';
import { latestVersion } from '../migrate';
import { PgDatabase, redactUrl } from './database';
import { migratePg, pgSchemaVersion } from './migrate';

export interface TeamOpenOptions {
  /** Migrate when behind; only the database's owner may (`kontor db migrate`). Default false: a person's login checks and refuses. */
  migrate?: boolean;
  waitMs?: number;
}

/**
 * Opens the team ledger at a postgres:// URL for the repositories. A person's
 * login does not change the schema: a ledger behind this Kontor's schema is
 * refused with the command that brings it up to date.
 */
export function openTeamLedger(url: string, o: TeamOpenOptions = {}): Database {
  let db: PgDatabase;
  try {
    db = new PgDatabase({ connectionString: url, ...(o.waitMs ? { waitMs: o.waitMs } : {}) });
    db.prepare('SELECT 1 AS one').get();
  } catch (e) {
    throw new KontorError('ledger.openFailed', `The team ledger ${redactUrl(url)} could not be opened: ${(e as Error).message}`, { file: redactUrl(url) });
  }
  try {
    if (o.migrate) migratePg(db);
    const found = pgSchemaVersion(db);
    const latest = latestVersion();
    if (found > latest)
      throw new KontorError(
        'ledger.tooNew',
        `This team ledger was written by a newer version of Kontor (schema ${found}; this version knows up to ${latest}).`,
        { found, supported: latest },
      );
    if (found < latest) {
      throw new KontorError(
        'ledger.teamNotMigrated',
        `The team ledger is at schema ${found}, this Kontor needs ${latest}: the administrator runs "kontor db migrate" first.`,
        {
          found,
          supported: latest,
        },
      );
    }
    return db.asDatabase();
  } catch (e) {
    db.close();
    throw e;
  }
}

/** The database login the connection was opened with: who acts in a team ledger. */
export function teamLogin(db: Database): string {
  return (db.prepare('SELECT session_user AS login').get() as { login: string }).login;
}
