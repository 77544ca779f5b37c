/**
 * `kontor orders refresh` and `kontor orders export` against the demo bank
 * over HTTP, with the real OS keychain, as a scheduler job and an
 * administrator run them: the status follows the bank, a released file is
 * written again unchanged, and the hand-off ZIP holds the file and its
 * control list.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank } from '../demo-bank';
import { accountsOfPartner } from '../demo-bank/store/accounts';
import { createContext } from '../services/context';
import { dispatch } from '../services/dispatch';
import { probeKeychain } from '../vault/keychain';
import { addTarget2Days } from '../../shared/dates';
import { runCli } from './cli';
import { TEST_NOW, TEST_TODAY, testClock } from '../../test/support/clock';

const probe = probeKeychain(process.env.KONTOR_KEYCHAIN_SERVICE);
const required = Boolean(process.env.CI);
if (!probe.available && !required) console.warn(`Skipping the kontor orders refresh/export test: ${probe.backend} is not available (${probe.reason}).`);

let dir: string;
let bank: DemoBank;
let orderId = 0;
const saved = { user: process.env.KONTOR_TEST_USER, start: process.env.KONTOR_CLOCK_START };
beforeAll(async () => {
  // On a fixed clock a test may name who acts at the terminal: two people on one computer.
  process.env.KONTOR_CLOCK_START = TEST_NOW;
  process.env.KONTOR_TEST_USER = 'bernd.buchhalter';
  dir = mkdtempSync(join(tmpdir(), 'kontor-orders-follow-cli-'));
  bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock: testClock, log: () => undefined });
});
afterAll(async () => {
  for (const [key, value] of [
    ['KONTOR_TEST_USER', saved.user],
    ['KONTOR_CLOCK_START', saved.start],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await bank.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, '--data-dir', join(dir, 'kontor')], { out: (l) => out.push(l), err: (l) => err.push(l) }, undefined, testClock);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A ready demo access, one payable, and its order uploaded (built by one person, approved by another). */
async function uploadedOrder(): Promise<number> {
  const ctx = createContext({ dataDir: join(dir, 'kontor'), host: 'cli', clock: testClock, identity: 'bernd.buchhalter' });
  ctx.demoBank = bank;
  const ok = async <T = { id: number }>(name: string, input: unknown): Promise<T> => {
    const r = await dispatch(ctx, name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  try {
    const access = await ok('bankAccess.create', {
      name: 'Demo',
      hostUrl: bank.url,
      hostId: 'KONTORDEMO',
      partnerId: 'KONTOR01',
      userId: 'USER01',
      ebicsVersion: 'H005',
      isDemo: true,
    });
    await ok('bankAccess.initialise', { id: access.id });
    await ok('bankAccess.demoActivate', { id: access.id });
    const keys = await ok<{ bankKeys: { authenticationHash: string; encryptionHash: string } }>('bankAccess.fetchBankKeys', { id: access.id });
    await ok('bankAccess.acceptBankKeys', { id: access.id, ...keys.bankKeys });
    const entity = await ok('entities.create', { name: 'Muster GmbH' });
    const iban = accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban;
    const account = await ok('bankAccounts.create', { entityId: entity.id, bankAccessId: access.id, name: 'Hausbank', iban });
    await ok('entities.update', { id: entity.id, values: { name: 'Muster GmbH', preferredBankAccountId: account.id } });
    const supplier = await ok('accounts.create', { kind: 'supplier', number: 'L-1', name: 'Papier AG' });
    await ok('instruments.create', {
      accountId: supplier.id,
      entityId: entity.id,
      kind: 'bank_details',
      holderName: 'Papier AG',
      iban: 'DE02120300000000202051',
      direction: 'out',
    });
    await ok('entries.create', {
      entityId: entity.id,
      accountId: supplier.id,
      type: 'Credit',
      number: 'ER-1',
      statementDate: TEST_TODAY,
      dueDate: addTarget2Days(TEST_TODAY, 2),
      amountCents: 4711,
      requestedMethod: 'sepa',
    });
    // Bernd, the first person of the ledger, is its administrator; Erika approves and signs.
    await ok('users.grant', { user: 'erika.freigabe', role: 'approver' });
    await ok('users.grant', { user: 'erika.freigabe', role: 'signer' });
    await ok('users.grant', { user: 'erika.freigabe', role: 'preparer' });
  } finally {
    // The bank belongs to the test, not to this context: closing the context must not stop it.
    ctx.demoBank = null;
    ctx.close();
  }
  const built = await cli('orders', 'build', '--json');
  const id = (JSON.parse(built.out) as { orders: Array<{ id: number }> }).orders[0]!.id;
  const self = await cli('orders', 'approve', String(id));
  expect(self.code).toBe(1);
  expect(self.out).toMatch(/Order \d+: 1 credit transfers, execution date \d{4}-\d\d-\d\d\n\s+total\s+EUR 47\.11\n\s+account\s+Hausbank/);
  expect(self.err).toMatch(/You built this payment run yourself; another person has to approve it/);
  // Another person at the terminal.
  process.env.KONTOR_TEST_USER = 'erika.freigabe';
  return id;
}

describe('kontor orders refresh and export', () => {
  it.runIf(!probe.available && required)('has the OS keychain CI promises', () => {
    expect.fail(`${probe.backend} is not available`);
  });

  it.skipIf(!probe.available)('refresh asks the bank until the signer released the order; export writes the released file again', async () => {
    orderId = await uploadedOrder();
    expect((await cli('orders', 'approve', String(orderId))).code).toBe(0);
    const upload = await cli('orders', 'upload', String(orderId), '--json');
    expect(upload.err).toBe('');
    expect(upload.code).toBe(0);
    const ebicsOrderId = (JSON.parse(upload.out) as { ebicsOrderId: string }).ebicsOrderId;

    const waiting = await cli('orders', 'refresh');
    expect(waiting.code).toBe(0);
    expect(waiting.out).toMatch(/Bank access 1: 1 order\(s\) updated\nStill waiting for the bank:\n\s+\d+\s+uploaded/);

    bank.release(ebicsOrderId);
    const released = await cli('orders', 'refresh', '--json');
    expect(released.code).toBe(0);
    expect(JSON.parse(released.out)).toEqual({ accesses: [{ bankAccessId: 1, updated: 1, expired: 0, error: null }], waiting: [] });
    expect((await cli('orders', 'refresh')).out).toBe('No order waits for the bank’s decision.');

    const listed = JSON.parse((await cli('orders', 'list', '--json')).out) as Array<{ id: number; status: string; sha256: string }>;
    const order = listed.find((o) => o.id === orderId)!;
    expect(order.status).toBe('released');
    const file = join(dir, 'copy.xml');
    const exported = await cli('orders', 'export', String(orderId), file);
    expect(exported.code).toBe(0);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(order.sha256);

    const zipFile = join(dir, 'handoff.zip');
    expect((await cli('orders', 'export', String(orderId), zipFile, '--zip')).code).toBe(0);
    const files = unzipSync(readFileSync(zipFile));
    const names = Object.keys(files);
    expect(names.filter((n) => n.endsWith('.xml')).map((n) => createHash('sha256').update(files[n]!).digest('hex'))).toEqual([order.sha256]);
    expect(Buffer.from(files[names.find((n) => n.endsWith('-control.pdf'))!]!.subarray(0, 5)).toString()).toBe('%PDF-');
    // Still released: a copy hands nothing over again.
    expect((JSON.parse((await cli('orders', 'list', '--json')).out) as Array<{ id: number; status: string }>)[0]).toMatchObject({ status: 'released' });
  });
});
