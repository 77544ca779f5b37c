/**
 * Setting up and keeping the team ledger on PostgreSQL (`kontor db …`): run
 * by the database's owner, outside the service context like `db migrate` of
 * the file (status.ts) — the owner is no Kontor user, and a person's login
 * may not change the schema. docs/teams.md walks through it.
 */
import { KontorError } from '../../shared/errors';
import { PgDatabase, redactUrl } from '../ledger/pg/database';
import { migratePg } from '../ledger/pg/migrate';
import { createLogin, grantTeamPrivileges, hasTeamGroups, initTeam, pingTeamLedger } from '../ledger/pg/team';
import { openKeychain } from '../vault/keychain';
import { teamLedgerAccount } from './context';

export function isTeamUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

function connect(url: string): PgDatabase {
  const db = new PgDatabase({ connectionString: url });
  try {
    pingTeamLedger(db);
    return db;
  } catch (e) {
    db.close();
    throw new KontorError('ledger.openFailed', `The team ledger ${redactUrl(url)} could not be opened: ${(e as Error).message}`, { file: redactUrl(url) });
  }
}

function withOwner<T>(url: string, fn: (db: PgDatabase) => T): T {
  const db = connect(url);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Brings the team ledger to the current schema and renews the groups' privileges for new tables. */
export function migrateTeamLedger(url: string): { database: string; from: number; to: number } {
  return withOwner(url, (db) => {
    const r = migratePg(db);
    if (hasTeamGroups(db)) grantTeamPrivileges(db);
    return { database: redactUrl(url), ...r };
  });
}

export function initTeamLedger(
  url: string,
  o: { admin: string; adminPassword?: string; at: string },
): { database: string; from: number; to: number; admin: string } {
  return withOwner(url, (db) => {
    const r = initTeam(db, o);
    return { database: redactUrl(url), ...r.schema, admin: o.admin };
  });
}

export function addTeamLogin(url: string, login: string, password: string): { database: string; login: string } {
  withOwner(url, (db) => createLogin(db, login, password));
  return { database: redactUrl(url), login };
}

/**
 * Keeps a person's own database password in this computer's keychain (never in
 * the data folder), after checking it opens the ledger; Kontor then connects
 * with a URL without password.
 */
export function rememberTeamPassword(url: string, password: string, keychainService = process.env.KONTOR_KEYCHAIN_SERVICE ?? 'Kontor'): { account: string } {
  const u = new URL(url);
  if (!u.username) throw new KontorError('team.noLogin', 'Name your database login in the URL: postgres://LOGIN@host/database');
  u.password = encodeURIComponent(password);
  withOwner(u.toString(), () => undefined);
  const account = teamLedgerAccount(url);
  openKeychain(keychainService).set(account, password);
  return { account };
}
