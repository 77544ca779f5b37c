import { KontorError } from '../../../shared/errors';
import type { PgDatabase } from './database';
import { migratePg } from './migrate';

/** Kontor's roles and the PostgreSQL group role each one is (a login holds the group roles of its Kontor roles). */
export const GROUP_ROLES = {
  viewer: 'kontor_viewer',
  preparer: 'kontor_preparer',
  approver: 'kontor_approver',
  signer: 'kontor_signer',
  administrator: 'kontor_admin',
} as const;
export type TeamRole = keyof typeof GROUP_ROLES;

const ALL_GROUPS = Object.values(GROUP_ROLES);
const WRITERS = [GROUP_ROLES.preparer, GROUP_ROLES.approver, GROUP_ROLES.signer, GROUP_ROLES.administrator];
/** Tables with rules of their own below; every other table is the books, written by the writing roles. */
const GUARDED = new Set(['audit_log', 'person', 'person_role', 'schema_version']);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A login is a plain PostgreSQL role name; refusing anything else keeps it out of quoting trouble and typos. */
export function checkLoginName(login: string): string {
  if (!/^[a-z_][a-z0-9_.-]{0,62}$/.test(login)) {
    throw new KontorError('team.badLogin', `"${login}" cannot be a database login: use lower-case letters, digits, "_", "." or "-".`, { login });
  }
  return login;
}

function createGroups(db: PgDatabase): void {
  for (const g of ALL_GROUPS) {
    db.exec(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${g}') THEN CREATE ROLE ${g} NOLOGIN; END IF; END $$`);
  }
}

/**
 * What each group may do at the server, whatever client it uses: everyone
 * reads; the writing roles write the books; only administrators grant roles;
 * nobody updates, deletes or truncates the audit log (its triggers refuse it
 * as well). Run again after every migration, so new tables are covered.
 */
export function grantTeamPrivileges(db: PgDatabase): void {
  const tables = (db.prepare("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").all() as Array<{ name: string }>).map(
    (t) => t.name,
  );
  const books = tables.filter((t) => !GUARDED.has(t));
  const everyone = ALL_GROUPS.join(', ');
  const sql = [
    'REVOKE ALL ON SCHEMA public FROM PUBLIC',
    `GRANT USAGE ON SCHEMA public TO ${everyone}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${everyone}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${everyone}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${everyone}`,
    `GRANT INSERT, UPDATE, DELETE ON ${books.map(quote).join(', ')} TO ${WRITERS.join(', ')}`,
    // Someone without a role yet still logs in, is recorded and sees who they are (and the first person of a
    // ledger nobody holds a role in becomes its administrator); the triggers decide who may grant roles.
    'GRANT USAGE ON SCHEMA public TO PUBLIC',
    'GRANT SELECT, INSERT ON person, person_role, audit_log TO PUBLIC',
    'GRANT UPDATE (display_name) ON person TO PUBLIC',
    'GRANT SELECT ON schema_version, setting TO PUBLIC',
    `GRANT DELETE ON person_role TO ${GROUP_ROLES.administrator}`,
  ];
  db.exec(sql.join(';\n'));
}

/** Creates the login (or sets its password) and gives it the group roles its Kontor roles name. */
export function createLogin(db: PgDatabase, login: string, password: string): void {
  checkLoginName(login);
  const literal = `'${password.replace(/'/g, "''")}'`;
  const exists = db.prepare('SELECT 1 AS one FROM pg_roles WHERE rolname = ?').get(login);
  db.exec(`${exists ? 'ALTER' : 'CREATE'} ROLE ${quote(login)} LOGIN PASSWORD ${literal}`);
  const roles = db.prepare('SELECT role FROM person_role WHERE identity = ?').all(login) as Array<{ role: TeamRole }>;
  for (const r of roles) db.exec(`GRANT ${GROUP_ROLES[r.role]} TO ${quote(login)}`);
}

export interface InitTeamOptions {
  /** The first administrator's database login; holds every role afterwards. Without one, the first person to log in becomes it. */
  admin?: string;
  /** Its password; omitted when the login exists already. */
  adminPassword?: string;
  at: string;
}

/**
 * Sets up a team ledger in an empty database, connected as its owner (a
 * database superuser or the owner with CREATEROLE): the group roles, the
 * schema, the privileges, and the first administrator holding every role.
 * Run again, it changes nothing that exists and adds what is missing.
 */
export function initTeam(db: PgDatabase, o: InitTeamOptions): { schema: { from: number; to: number }; admin: string | null } {
  createGroups(db);
  const schema = migratePg(db);
  grantTeamPrivileges(db);
  if (o.admin !== undefined) makeAdministrator(db, checkLoginName(o.admin), o);
  return { schema, admin: o.admin ?? null };
}

function makeAdministrator(db: PgDatabase, admin: string, o: InitTeamOptions): void {
  if (o.adminPassword !== undefined) createLogin(db, admin, o.adminPassword);
  else if (!db.prepare('SELECT 1 AS one FROM pg_roles WHERE rolname = ?').get(admin)) {
    throw new KontorError('team.noAdminLogin', `There is no database login "${admin}"; give a password to create it.`, { login: admin });
  }
  db.transaction(() => {
    db.prepare('INSERT INTO person (identity, first_seen_at) VALUES (?, ?) ON CONFLICT (identity) DO NOTHING').run(admin, o.at);
    for (const role of Object.keys(GROUP_ROLES)) {
      db.prepare('INSERT INTO person_role (identity, role, granted_by, granted_at) VALUES (?, ?, ?, ?) ON CONFLICT (identity, role) DO NOTHING').run(
        admin,
        role,
        admin,
        o.at,
      );
    }
  })();
}

/** The server answers at all (a cheap statement before anything else is asked). */
export function pingTeamLedger(db: PgDatabase): void {
  db.prepare('SELECT 1 AS one').get();
}

/** Whether `kontor db init-team` has created the Kontor group roles on this cluster. */
export function hasTeamGroups(db: PgDatabase): boolean {
  const groups = db.prepare("SELECT count(*) AS n FROM pg_roles WHERE rolname LIKE 'kontor\\_%'").get() as { n: number };
  return groups.n > 0;
}
