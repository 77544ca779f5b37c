/**
 * The bank's own state: its database file, its keys across restarts, the
 * default subscriber, demo IBANs, order IDs and the clerk's operations.
 */
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import { isValidIban } from '../../shared/ids';
import { germanIban, orderIdFor } from './ids';
import { startDemoBank } from './server';
import { accountsOfPartner } from './store/accounts';
import { migrateBank } from './store/migrate';
import { BANK_DB_FILE, openBankDatabase } from './store/database';
import { bankMigrations } from './store/migrations/index';
import { listSubscribers } from './store/subscribers';
import { tempDir } from '../../test/support/demo-bank';
import { testClock } from '../../test/support/clock';

const dirs: Array<{ remove: () => void }> = [];
function dir(): string {
  const d = tempDir('kontor-demo-store-');
  dirs.push(d);
  return d.path;
}
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof KontorError) return e.code;
    throw e;
  }
  throw new Error('expected a KontorError');
}

describe('demo identifiers', () => {
  it('computes German IBAN check digits by ISO 13616 mod 97', () => {
    expect(germanIban('0532013000', '37040044')).toBe('DE89370400440532013000');
    for (let n = 1_000_000_001; n < 1_000_000_050; n++) expect(isValidIban(germanIban(n))).toBe(true);
    expect(germanIban(1_000_000_001).slice(4, 12)).toBe('99999999');
    expect(() => germanIban('12345678901')).toThrow(RangeError);
  });

  it('hands out order IDs of the form [A-Z][A-Z0-9]{3}', () => {
    expect([orderIdFor(1), orderIdFor(35), orderIdFor(36), orderIdFor(46_655), orderIdFor(46_656)]).toEqual(['A001', 'A00Z', 'A010', 'AZZZ', 'B000']);
    expect(() => orderIdFor(0)).toThrow(RangeError);
    expect(() => orderIdFor(26 * 46_656)).toThrow(RangeError);
  });
});

describe('the bank’s database', () => {
  it('is its own SQLite file with WAL, full sync and foreign keys, at the latest schema version', () => {
    const db = openBankDatabase(dir());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(bankMigrations.length);
    expect(bankMigrations.length).toBeGreaterThanOrEqual(2);
    db.close();
  });

  it('brings a bank of schema 1 up to date, keeping its subscribers, and adds payment blocks and bookings', async () => {
    const d = dir();
    const old = new BetterSqlite3(join(d, BANK_DB_FILE));
    migrateBank(old, bankMigrations.slice(0, 1));
    old.prepare(`INSERT INTO subscriber (partner_id, user_id, name, state, created_at, updated_at) VALUES ('OLD01', 'U1', 'Old GmbH', 'new', 'x', 'x')`).run();
    old.close();
    const bank = await startDemoBank({ dataDir: d, clock: testClock, log: () => undefined });
    try {
      expect(bank.store.db.pragma('user_version', { simple: true })).toBe(bankMigrations.length);
      expect(listSubscribers(bank.store.db).map((s) => s.partnerId)).toEqual(['OLD01']);
      expect(bank.initialLetter).toBeNull();
      const tables = (bank.store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['payment_block', 'booking']));
    } finally {
      await bank.close();
    }
  });

  it('creates keys and one default subscriber on first start, and keeps them on the next', async () => {
    const d = dir();
    const first = await startDemoBank({ dataDir: d, clock: testClock });
    expect(first.hostId).toBe('KONTORDEMO');
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ebicsweb$/);
    expect(first.initialLetter).toContain('Partner ID:      KONTOR01');
    expect(first.initialLetter).toContain('User ID:         USER01');
    const accounts = accountsOfPartner(first.store.db, 'KONTOR01');
    expect(accounts).toHaveLength(2);
    for (const a of accounts) {
      expect(isValidIban(a.iban)).toBe(true);
      expect(a.bic).toBe('KONTDEMMXXX');
    }
    const keyLetter = first.bankKeyLetter();
    await first.close();

    const second = await startDemoBank({ dataDir: d, clock: testClock });
    expect(second.initialLetter).toBeNull();
    expect(second.bankKeyLetter()).toBe(keyLetter);
    expect(listSubscribers(second.store.db)).toHaveLength(1);
    await second.close();
  });

  it('listens on 127.0.0.1 only', async () => {
    await expect(startDemoBank({ dataDir: dir(), host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow(RangeError);
  });
});

describe('the clerk', () => {
  it('provisions subscribers with accounts and a user letter, and refuses bad or duplicate IDs', async () => {
    const bank = await startDemoBank({ dataDir: dir(), clock: fixedClock('2024-03-01T09:00:00Z') });
    const letter = bank.addSubscriber({ partnerId: 'ACME', userId: 'ANNA', accounts: 3, name: 'ACME & Söhne GmbH' });
    expect(letter).toContain(bank.url);
    expect(letter).toContain('Host ID:         KONTORDEMO');
    expect(letter).toContain('ACME & Söhne GmbH');
    const accounts = accountsOfPartner(bank.store.db, 'ACME');
    expect(accounts).toHaveLength(3);
    for (const a of accounts) expect(letter).toContain(a.iban.replace(/(.{4})(?=.)/g, '$1 '));
    // A second user of the same partner shares its accounts.
    bank.addSubscriber({ partnerId: 'ACME', userId: 'BERT' });
    expect(accountsOfPartner(bank.store.db, 'ACME')).toHaveLength(3);
    expect(errorCode(() => bank.addSubscriber({ partnerId: 'ACME', userId: 'ANNA' }))).toBe('demoBank.subscriberExists');
    expect(errorCode(() => bank.addSubscriber({ partnerId: 'AC ME', userId: 'X' }))).toBe('demoBank.invalidId');
    expect(errorCode(() => bank.activate('ACME', 'ANNA'))).toBe('demoBank.notInitialised');
    expect(errorCode(() => bank.activate('NOPE', 'ANNA'))).toBe('demoBank.unknownSubscriber');
    expect(errorCode(() => bank.release('Z999'))).toBe('demoBank.unknownOrder');
    await bank.close();
  });
});
