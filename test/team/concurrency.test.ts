/**
 * Two Kontor processes, two people, one team ledger: both keep building
 * payment runs from overlapping, stale lists of eligible entries at the same
 * time. The build checks and writes in one transaction, and the ledger runs
 * transactions one at a time (electron/ledger/pg/database.ts): every entry
 * ends in at most one live run. Approvals, uploads and recovery by two
 * workstations at once, under the demo bank's fault switches, are in the
 * 100-round suite test/reliability/team-concurrency.test.ts.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin } from '../../electron/ledger/pg/team';
import { startDemoBank, type DemoBank } from '../../electron/demo-bank';
import { accountsOfPartner } from '../../electron/demo-bank/store/accounts';
import { createContext, type ServiceContext } from '../../electron/services/context';
import { memorySecretStore } from '../../electron/vault/keychain';
import { fixedClock } from '../../shared/dates';
import { ok } from '../integration/helpers';
import { asLogin, freshTeamLedger, onTeamLedger, withSuperuser } from '../support/pg-ledger';

const NOW = '2026-11-23T08:00:00Z';
const ENTRIES = 24;
const ROUNDS = 30;
const repo = resolve(import.meta.dirname, '../..');
let dir: string;
let url: string;
let bank: DemoBank;
let anna: ServiceContext;
// Logins belong to the whole cluster, which other test files share: names of this test's own.
const suffix = randomBytes(3).toString('hex');
const ANNA = `anna_${suffix}`;
const BERND = `bernd_${suffix}`;

async function setUp(): Promise<void> {
  const clock = fixedClock(NOW);
  anna = createContext({ dataDir: join(dir, 'anna'), host: 'cli', clock, secretStore: memorySecretStore(), databaseUrl: asLogin(url, ANNA, 'pw-anna-1') });
  bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock, log: () => undefined, directDebitReturnPercent: 0 });
  anna.demoBank = bank;
  const access = await ok(anna, 'bankAccess.create', {
    name: 'Demo',
    hostUrl: bank.url,
    hostId: 'KONTORDEMO',
    partnerId: 'KONTOR01',
    userId: 'USER01',
    ebicsVersion: 'H005',
    isDemo: true,
  });
  const entity = await ok(anna, 'entities.create', { name: 'Kontor Demo GmbH', creditorId: 'DE98ZZZ09999999999' });
  const own = accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban;
  const account = await ok(anna, 'bankAccounts.create', { entityId: entity.id, bankAccessId: access.id, name: 'Demo-Konto', iban: own });
  await ok(anna, 'entities.update', { id: entity.id, values: { name: entity.name, creditorId: 'DE98ZZZ09999999999', preferredBankAccountId: account.id } });
  const supplier = await ok(anna, 'accounts.create', { kind: 'supplier', number: 'L-1', name: 'Papier Müller AG' });
  await ok(anna, 'instruments.create', {
    accountId: supplier.id,
    entityId: entity.id,
    kind: 'bank_details',
    holderName: 'Papier Müller AG',
    iban: 'DE02120300000000202051',
    direction: 'out',
  });
  await ok(anna, 'users.grant', { user: BERND, role: 'preparer' });
  for (let i = 1; i <= ENTRIES; i++) {
    const due = `2026-11-${String(23 + (i % 3)).padStart(2, '0')}`;
    const input = { entityId: entity.id, accountId: supplier.id, type: 'Credit' as const, number: `ER-${i}`, statementDate: '2026-11-01', dueDate: due };
    await ok(anna, 'entries.create', { ...input, amountCents: 1000 + i, requestedMethod: 'sepa' });
  }
}

function builder(login: string, password: string): Promise<{ built: number; refused: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(repo, 'node_modules/tsx/dist/cli.mjs'), join(import.meta.dirname, 'fixtures/build-child.ts')], {
      env: { ...process.env, URL: asLogin(url, login, password), DATA_DIR: join(dir, login), NOW, ROUNDS: String(ROUNDS) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => (code === 0 ? done(JSON.parse(out) as { built: number; refused: number }) : fail(new Error(`builder ${login} exited ${code}`))));
  });
}

beforeAll(async () => {
  if (!onTeamLedger) return;
  dir = mkdtempSync(join(tmpdir(), 'kontor-team-race-'));
  url = freshTeamLedger();
  withSuperuser(url, (db) => {
    createLogin(db, ANNA, 'pw-anna-1');
    createLogin(db, BERND, 'pw-bernd-1');
  });
  await setUp();
});
afterAll(async () => {
  await bank?.close();
  anna?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!onTeamLedger)('two workstations building payment runs at once (PostgreSQL)', () => {
  it('puts no entry into two live runs, however the two processes interleave', async () => {
    const eligible = (await ok(anna, 'orders.eligibility', {})).eligible.length;
    expect(eligible).toBe(ENTRIES);
    const [a, b] = await Promise.all([builder(ANNA, 'pw-anna-1'), builder(BERND, 'pw-bernd-1')]);
    expect(a.built + b.built).toBeGreaterThan(1);
    const twice = withSuperuser(url, (db) =>
      db
        .prepare(
          `SELECT ei.entry_id AS entry, count(DISTINCT p.payment_order_id) AS runs
           FROM entry_item ei JOIN payment p ON p.id = ei.payment_id JOIN payment_order o ON o.id = p.payment_order_id
           WHERE o.status <> 'canceled' GROUP BY ei.entry_id HAVING count(DISTINCT p.payment_order_id) > 1`,
        )
        .all(),
    );
    expect(twice).toEqual([]);
    const inRuns = withSuperuser(url, (db) =>
      db
        .prepare('SELECT count(DISTINCT ei.entry_id) AS n FROM entry_item ei JOIN payment p ON p.id = ei.payment_id WHERE p.payment_order_id IS NOT NULL')
        .get(),
    );
    expect(inRuns).toEqual({ n: ENTRIES });
  });
});
