import { randomBytes } from 'node:crypto';
import { PgDatabase } from '../../electron/ledger/pg/database';
import { initTeam } from '../../electron/ledger/pg/team';

/**
 * Team-ledger tests: `npm run test:team` starts a throwaway PostgreSQL
 * cluster (test/config/pg-cluster.mjs) and names its superuser's URL in
 * KONTOR_TEST_DATABASE_URL. Each test ledger is a fresh database in it, set up
 * by `initTeam` with this computer's OS account as the first administrator.
 */
export function teamTestUrl(): string | null {
  return process.env.KONTOR_TEST_DATABASE_URL || null;
}

/** True when the suite runs against PostgreSQL (the same test files run on SQLite under test:unit). */
export const onTeamLedger = teamTestUrl() !== null;

export const ENGINE = onTeamLedger ? 'postgres' : 'sqlite';

function urlOf(database: string): string {
  const base = teamTestUrl();
  if (!base) throw new Error('KONTOR_TEST_DATABASE_URL is not set: run the team tests with npm run test:team');
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

function createDatabase(name: string, template?: string): void {
  const admin = new PgDatabase({ connectionString: urlOf('postgres') });
  try {
    admin.exec(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template} STRATEGY FILE_COPY` : ''}`);
  } finally {
    admin.close();
  }
}

/** A new, empty database in the test cluster (superuser's URL); nothing set up yet. */
export function emptyTeamDatabase(): string {
  const name = `kontor_t_${randomBytes(6).toString('hex')}`;
  createDatabase(name);
  return urlOf(name);
}

/** Set up once per test process (schema and privileges); each fresh ledger is a copy, which takes a tenth of the time. */
let template: string | null = null;

function setUpTemplate(): string {
  if (template) return template;
  const name = `kontor_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
  createDatabase(name);
  const db = new PgDatabase({ connectionString: urlOf(name) });
  try {
    initTeam(db, { at: '2026-11-21T09:00:00.000Z' });
  } finally {
    db.close();
  }
  template = name;
  return name;
}

/**
 * A new team ledger: schema, group roles and privileges; `admin` holding every role when named, else (like a new
 * ledger file) the first person who acts becomes its administrator.
 */
export function freshTeamLedger(admin?: string, at = '2026-11-21T09:00:00.000Z'): string {
  const name = `kontor_t_${randomBytes(6).toString('hex')}`;
  createDatabase(name, setUpTemplate());
  const url = urlOf(name);
  if (admin === undefined) return url;
  const db = new PgDatabase({ connectionString: url });
  try {
    initTeam(db, { admin, adminPassword: randomBytes(12).toString('hex'), at });
  } finally {
    db.close();
  }
  return url;
}

/** The URL of the same database for one login and password (a person's own connection). */
export function asLogin(url: string, login: string, password: string): string {
  const u = new URL(url);
  u.username = login;
  u.password = password;
  return u.toString();
}

/** Runs SQL on one connection of the test superuser; for arranging and inspecting, never for what Kontor does. */
export function withSuperuser<T>(url: string, fn: (db: PgDatabase) => T): T {
  const db = new PgDatabase({ connectionString: url });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/**
 * Makes the superuser's connection act as `identity`, the way that person's
 * own login would: SET SESSION AUTHORIZATION changes session_user (what the
 * ledger's triggers compare with) and the privileges to that login's. The
 * login is created on first use and holds the group roles of its Kontor roles.
 */
export function sessionAs(db: { exec(sql: string): unknown }, identity: string): void {
  const q = `"${identity.replace(/"/g, '""')}"`;
  const lit = `'${identity.replace(/'/g, "''")}'`;
  db.exec(`RESET SESSION AUTHORIZATION;
DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${lit}) THEN CREATE ROLE ${q} LOGIN; END IF; END $$;
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT role FROM person_role WHERE identity = ${lit} LOOP
    EXECUTE format('GRANT %I TO %I', 'kontor_' || CASE r.role WHEN 'administrator' THEN 'admin' ELSE r.role END, ${lit});
  END LOOP;
END $$;
SET SESSION AUTHORIZATION ${q}`);
}
