import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from './database';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function ledgerFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kontor-ledger-lock-'));
  dirs.push(dir);
  return join(dir, 'kontor.sqlite');
}

/** Another process's connection to the same file (the command line beside the window), not waiting for locks. */
function other(file: string): BetterSqlite3.Database {
  const db = new BetterSqlite3(file);
  db.pragma('busy_timeout = 0');
  return db;
}

describe('ledger transactions on a file two processes write', () => {
  it('take the write lock when they begin: another writer waits its turn instead of the transaction failing at its first write', () => {
    const file = ledgerFile();
    const ledger = openLedger(file);
    const cli = other(file);
    try {
      ledger.exec('CREATE TABLE t (n INTEGER)');
      const otherWrite = () => cli.prepare('INSERT INTO t (n) VALUES (2)').run();
      ledger.transaction(() => {
        ledger.prepare('SELECT count(*) FROM t').get();
        // With a deferred BEGIN this write would succeed, and the ledger's own write below would then fail with SQLITE_BUSY_SNAPSHOT.
        expect(otherWrite).toThrow(/database is locked/);
        ledger.prepare('INSERT INTO t (n) VALUES (1)').run();
      })();
      otherWrite();
      expect(ledger.prepare('SELECT n FROM t ORDER BY rowid').pluck().all()).toEqual([1, 2]);
    } finally {
      cli.close();
      ledger.close();
    }
  });

  it('keep the deferred variant for reading: it holds no write lock', () => {
    const file = ledgerFile();
    const ledger = openLedger(file);
    const cli = other(file);
    try {
      ledger.exec('CREATE TABLE t (n INTEGER)');
      const read = ledger.transaction(() => {
        const before = ledger.prepare('SELECT count(*) FROM t').pluck().get();
        cli.prepare('INSERT INTO t (n) VALUES (1)').run();
        return before;
      });
      expect(read.deferred()).toBe(0);
      expect(ledger.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1);
    } finally {
      cli.close();
      ledger.close();
    }
  });
});
