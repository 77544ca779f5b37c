import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KontorError } from '../../shared/errors';
import { openLedger } from './database';
import { appendAudit } from './repos/audit-log';
import { latestVersion, migrate, schemaVersion } from './migrate';
import { migrations, type Migration } from './migrations/index';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tables = (db: BetterSqlite3.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('ledger migrations', () => {
  it('creates the whole domain on a fresh file, with WAL, full sync and foreign keys', () => {
    const db = openLedger(join(dir, 'ledger.sqlite'));
    expect(schemaVersion(db)).toBe(latestVersion());
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'business_entity',
        'bank_access',
        'bank_account',
        'account',
        'payment_instrument',
        'entry',
        'payment',
        'entry_item',
        'payment_order',
        'statement',
        'statement_line',
        'import_file',
        'audit_log',
      ]),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('upgrades a ledger from version N-1 and keeps its data', () => {
    const file = join(dir, 'ledger.sqlite');
    const old = new BetterSqlite3(file);
    migrate(old, migrations.slice(0, -1));
    expect(schemaVersion(old)).toBe(latestVersion() - 1);
    old.prepare("INSERT INTO business_entity (name, country, created_at, updated_at) VALUES ('Muster GmbH', 'DE', 'x', 'x')").run();
    old.close();

    const db = openLedger(file);
    expect(schemaVersion(db)).toBe(latestVersion());
    expect(db.prepare('SELECT name FROM business_entity').all()).toEqual([{ name: 'Muster GmbH' }]);
    db.close();
  });

  it('rebuilds the statement tables at version 4 without losing the links of orders to entries', () => {
    const file = join(dir, 'ledger.sqlite');
    const old = new BetterSqlite3(file);
    old.pragma('foreign_keys = ON');
    migrate(old, migrations.slice(0, 3));
    old.exec(`
      INSERT INTO business_entity (id, name, created_at, updated_at) VALUES (1, 'E', 'x', 'x');
      INSERT INTO account (id, kind, number, name, created_at, updated_at) VALUES (1, 'customer', 'K1', 'K', 'x', 'x');
      INSERT INTO entry (id, entity_id, account_id, type, number, statement_date, amount_cents, open_amount_cents, created_at, updated_at)
        VALUES (1, 1, 1, 'Debit', 'RE-1', '2026-11-01', 100, 100, 'x', 'x');
      INSERT INTO payment (id, entity_id, kind, amount_cents, open_cents, created_at, updated_at) VALUES (1, 1, 'direct_debit', -100, -100, 'x', 'x');
      INSERT INTO entry_item (entry_id, payment_id, amount_cents, expected_amount_cents, created_at) VALUES (1, 1, 0, 100, 'x');`);
    old.close();

    const db = openLedger(file);
    expect(db.prepare('SELECT entry_id AS entry, payment_id AS payment FROM entry_item').all()).toEqual([{ entry: 1, payment: 1 }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const lineColumns = (db.prepare('PRAGMA table_info(statement_line)').all() as { name: string }[]).map((c) => c.name);
    expect(lineColumns).toEqual(expect.arrayContaining(['raw_start', 'raw_end', 'transactions', 'account_iban']));
    db.close();
  });

  it('gives the edited records of a version-14 ledger version 1 and no last editor (migration 15)', () => {
    const file = join(dir, 'ledger.sqlite');
    const old = new BetterSqlite3(file);
    migrate(old, migrations.slice(0, 14));
    old.exec(`
      INSERT INTO business_entity (id, name, created_at, updated_at) VALUES (1, 'E', 'x', 'x');
      INSERT INTO account (id, kind, number, name, created_at, updated_at) VALUES (1, 'supplier', 'L1', 'L', 'x', 'x');
      INSERT INTO entry (id, entity_id, account_id, type, number, statement_date, amount_cents, open_amount_cents, created_at, updated_at)
        VALUES (1, 1, 1, 'Credit', 'ER-1', '2026-11-01', -100, -100, 'x', 'x');`);
    old.close();

    const db = openLedger(file);
    for (const table of ['entry', 'account']) {
      expect(db.prepare(`SELECT version, changed_by AS changedBy, changed_at AS changedAt FROM ${table}`).all()).toEqual([
        { version: 1, changedBy: null, changedAt: null },
      ]);
    }
    for (const table of ['payment_instrument', 'payment_order', 'bank_access']) {
      const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; dflt_value: string | null }[]).filter((c) =>
        ['version', 'changed_by', 'changed_at'].includes(c.name),
      );
      expect(columns.map((c) => [c.name, c.dflt_value])).toEqual([
        ['version', '1'],
        ['changed_by', null],
        ['changed_at', null],
      ]);
    }
    expect(() => db.prepare('UPDATE entry SET version = 0').run()).toThrow(/CHECK/);
    db.close();
  });

  it('refuses a ledger written by a newer Kontor and leaves it untouched', () => {
    const file = join(dir, 'ledger.sqlite');
    const future = new BetterSqlite3(file);
    future.exec('CREATE TABLE from_the_future (x)');
    future.pragma(`user_version = ${latestVersion() + 1}`);
    future.close();

    let error: unknown;
    try {
      openLedger(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KontorError);
    expect((error as KontorError).code).toBe('ledger.tooNew');
    expect((error as KontorError).message).toMatch(/newer version of Kontor/);
    const check = new BetterSqlite3(file);
    expect(schemaVersion(check)).toBe(latestVersion() + 1);
    expect(tables(check)).toEqual(['from_the_future']);
    check.close();
  });

  it('applies all pending migrations or none when one of them fails', () => {
    const file = join(dir, 'ledger.sqlite');
    const db = new BetterSqlite3(file);
    const broken: Migration[] = [
      ...migrations,
      { version: migrations.length + 1, name: 'adds a table', sql: 'CREATE TABLE added_then_rolled_back (x)' },
      { version: migrations.length + 2, name: 'fails', sql: 'CREATE TABLE business_entity (x)' },
    ];
    expect(() => migrate(db, broken)).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('refuses a file that is not a ledger with a clear error', () => {
    const file = join(dir, 'ledger.sqlite');
    writeFileSync(file, 'this is a spreadsheet, not a database '.repeat(200));
    expect(() => openLedger(file)).toThrow(expect.objectContaining({ code: 'ledger.notADatabase' }));
  });

  it('keeps the audit log append-only, and a new row only as the next link of its hash chain', () => {
    const db = openLedger(join(dir, 'ledger.sqlite'));
    expect(() => db.prepare("INSERT INTO audit_log (at, actor, action) VALUES ('2026-01-01T00:00:00Z', 'anna', 'keys.created')").run()).toThrow(/hash chain/);
    appendAudit(db, '2026-01-01T00:00:00Z', { actor: 'anna', action: 'keys.created' });
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT actor FROM audit_log').all()).toEqual([{ actor: 'anna' }]);
    db.close();
  });
});
