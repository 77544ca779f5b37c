/**
 * The ledger layer on PostgreSQL: migrations, the repositories through the
 * synchronous bridge, transactions that leave nothing partial, and the one
 * writer at a time that keeps workstations from interleaving their
 * read-check-write sequences. The SQLite counterparts are
 * electron/ledger/migrate.test.ts and electron/ledger/repos/ebics-journal.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { latestVersion } from '../../electron/ledger/migrate';
import { PgDatabase } from '../../electron/ledger/pg/database';
import { migratePg, pgSchemaVersion } from '../../electron/ledger/pg/migrate';
import { openTeamLedger } from '../../electron/ledger/pg/open';
import { closeTransfer, openTransfer, stepSending, unfinishedTransfers } from '../../electron/ledger/repos/ebics-journal';
import { readSetting, writeSetting } from '../../electron/ledger/repos/settings';
import { appendAudit, verifyAuditChain } from '../../electron/ledger/repos/audit-log';
import { emptyTeamDatabase, freshTeamLedger, onTeamLedger } from '../support/pg-ledger';

const opened: Array<{ close(): void }> = [];
afterEach(() => {
  while (opened.length) opened.pop()?.close();
});
function connect(url: string): PgDatabase {
  const db = new PgDatabase({ connectionString: url });
  opened.push(db);
  return db;
}

const transfer = {
  hostId: 'KONTORDEMO',
  partnerId: 'P1',
  userId: 'U1',
  ebicsVersion: 'H004' as const,
  direction: 'upload' as const,
  purpose: 'credit_transfer',
  orderType: 'CCT',
  dataSha256: 'ab'.repeat(32),
  dataBytes: 2_000_000,
  numSegments: 2,
};

describe.skipIf(!onTeamLedger)('the ledger on PostgreSQL', () => {
  it('migrates an empty database to the latest schema in one go, and a second run changes nothing', () => {
    const db = connect(emptyTeamDatabase());
    expect(migratePg(db)).toEqual({ from: 0, to: latestVersion() });
    expect(migratePg(db)).toEqual({ from: latestVersion(), to: latestVersion() });
    expect(pgSchemaVersion(db)).toBe(latestVersion());
  });

  it('a failing migration leaves the database as it was; a person’s login refuses a ledger behind this Kontor', () => {
    const url = emptyTeamDatabase();
    const db = connect(url);
    const broken = [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (id bigint)' },
      { version: 2, name: 'two', sql: 'CREATE TABLE b (id bigint REFERENCES nowhere(id))' },
    ];
    expect(() => migratePg(db, broken)).toThrow(/nowhere/);
    expect(db.prepare("SELECT to_regclass('a') IS NULL AS gone").get()).toEqual({ gone: 1 });
    expect(() => openTeamLedger(url)).toThrow(/administrator runs "kontor db migrate"/);
  });

  it('refuses a team ledger written by a newer Kontor', () => {
    const url = freshTeamLedger();
    connect(url).exec(`UPDATE schema_version SET version = ${latestVersion() + 1}`);
    expect(() => openTeamLedger(url)).toThrow(/newer version of Kontor/);
  });

  it('has the journal’s step committed, visible to another workstation, before the request is sent', () => {
    const url = freshTeamLedger();
    const db = connect(url).asDatabase();
    const id = openTransfer(db, transfer, '2026-11-21T10:00:00Z');
    stepSending(db, id, { phase: 'initialisation', nonce: 'N1' }, '2026-11-21T10:00:00Z');
    const other = connect(url);
    expect(other.prepare('SELECT phase, state, nonce FROM ebics_transfer_step').all()).toEqual([{ phase: 'initialisation', state: 'sending', nonce: 'N1' }]);
    expect(unfinishedTransfers(other.asDatabase()).map((t) => t.id)).toEqual([id]);
    closeTransfer(db, id, 'completed', '2026-11-21T10:01:00Z');
    expect(unfinishedTransfers(other.asDatabase())).toEqual([]);
  });

  it('a transaction that fails leaves nothing behind; a failing nested one only undoes its own part', () => {
    const db = connect(freshTeamLedger());
    const write = (key: string) => writeSetting(db.asDatabase(), key, key);
    expect(() =>
      db.transaction(() => {
        write('a');
        throw new Error('stop');
      })(),
    ).toThrow('stop');
    db.transaction(() => {
      write('b');
      try {
        db.transaction(() => {
          write('c');
          db.prepare('INSERT INTO nowhere VALUES (1)').run();
        })();
      } catch {
        // the inner part is undone, the outer goes on
      }
      write('d');
    })();
    const keys = ['a', 'b', 'c', 'd'].filter((k) => readSetting(db.asDatabase(), k, null) !== null);
    expect(keys).toEqual(['b', 'd']);
  });

  it('one writer at a time across workstations: a second transaction waits for the first one’s lock', () => {
    const url = freshTeamLedger();
    const first = connect(url);
    const second = connect(url);
    // The second workstation gives up at once instead of waiting (the bridge would wait, this thread holds the first).
    second.exec("SET lock_timeout = '50ms'");
    first.transaction(() => {
      writeSetting(first.asDatabase(), 'owner', 'first');
      expect(() => second.transaction(() => writeSetting(second.asDatabase(), 'owner', 'second'))()).toThrow(/lock timeout/);
    })();
    second.transaction(() => writeSetting(second.asDatabase(), 'owner', 'second'))();
    expect(readSetting(first.asDatabase(), 'owner', null)).toBe('second');
  });

  it('chains the audit log across workstations, and the server refuses a row that does not follow the last one', () => {
    const url = freshTeamLedger();
    const a = connect(url).asDatabase();
    const b = connect(url).asDatabase();
    for (let i = 0; i < 5; i++) {
      appendAudit(a, '2026-11-21T10:00:00Z', { actor: 'anna', action: 'test.a', details: { i } });
      appendAudit(b, '2026-11-21T10:00:00Z', { actor: 'bernd', action: 'test.b', details: { i } });
    }
    expect(verifyAuditChain(a)).toEqual({ rows: 10, unchained: 0, broken: null });
    const stale = "INSERT INTO audit_log (id, at, actor, action, details, prev_hash, hash) VALUES (11, 'x', 'x', 'x', '{}', 'bad', ?)";
    expect(() => a.prepare(stale).run('f'.repeat(64))).toThrow(/hash chain/);
  });
});
