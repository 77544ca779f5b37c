/**
 * `kontor veu …` and the demo bank's signer commands, against the demo bank
 * over real HTTP with the OS keychain: signer classes given at
 * `demo-bank add-subscriber --class`, an order listed, shown, signed only
 * with its total typed, cancelled, and released by A then B at the bank.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank } from '../demo-bank';
import { accountsOfPartner } from '../demo-bank/store/accounts';
import { getOrder } from '../demo-bank/store/orders';
import type { EbicsClient } from '../ebics/client';
import { createContext, type ServiceContext } from '../services/context';
import { dispatch } from '../services/dispatch';
import { formatAmount } from '../../shared/money';
import { readySubscriber, tempLedger } from '../../test/support/demo-bank';
import { samplePain } from '../../test/support/pain-files';
import { TEST_TODAY, testClock } from '../../test/support/clock';
import { runCli } from './cli';

let dir: string;
let bank: DemoBank;
let ctx: ServiceContext;
let submitter: EbicsClient;
let accessId = 0;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, undefined, testClock);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const kontor = (...argv: string[]) => cli(...argv, '--data-dir', join(dir, 'kontor'));
const atBank = (...argv: string[]) => cli('demo-bank', ...argv, '--data-dir', join(dir, 'bank'));

async function ok(name: string, input: unknown) {
  const r = await dispatch(ctx, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as Record<string, unknown> & { id: number };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-veu-cli-'));
  bank = await startDemoBank({ dataDir: join(dir, 'bank', 'demo-bank'), clock: testClock, log: () => undefined });
  for (const [user, c] of [
    ['SIGE', 'E'],
    ['SIGA', 'A'],
    ['SIGB', 'B'],
  ]) {
    const added = await atBank('add-subscriber', '--partner', 'KONTOR01', '--user', user!, '--class', c!, '--accounts', '0');
    expect(added.code, added.err).toBe(0);
  }
  ctx = createContext({ dataDir: join(dir, 'kontor'), host: 'cli', clock: testClock });
  ctx.demoBank = bank;
  const a = await ok('bankAccess.create', {
    name: 'Demo E',
    hostUrl: bank.url,
    hostId: 'KONTORDEMO',
    partnerId: 'KONTOR01',
    userId: 'SIGE',
    ebicsVersion: 'H004',
    isDemo: true,
  });
  accessId = a.id;
  await ok('bankAccess.initialise', { id: a.id });
  await ok('bankAccess.demoActivate', { id: a.id });
  const fetched = (await ok('bankAccess.fetchBankKeys', { id: a.id })) as unknown as { bankKeys: { authenticationHash: string; encryptionHash: string } };
  await ok('bankAccess.acceptBankKeys', { id: a.id, authenticationHash: fetched.bankKeys.authenticationHash, encryptionHash: fetched.bankKeys.encryptionHash });
  // The bank belongs to this test, not to the context: closing the context must leave it running.
  ctx.demoBank = null;
  ctx.close();
  submitter = (await readySubscriber(bank, 'H004', tempLedger(dir))).client;
}, 120_000);
afterAll(async () => {
  await bank.close();
  rmSync(dir, { recursive: true, force: true });
});

async function upload(count: number): Promise<string> {
  const ownIban = accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban;
  return (await submitter.upload('credit_transfer', samplePain('credit_transfer', { ownIban, date: TEST_TODAY, count, version: 'old' }))).orderId!;
}

describe('kontor veu', () => {
  it('lists and shows a waiting order, signs only with its total typed, and reports the release', async () => {
    const orderId = await upload(2);
    const listed = await kontor('veu', 'list', '--access', String(accessId), '--json');
    expect(listed.code, listed.err).toBe(0);
    const order = (JSON.parse(listed.out) as Array<{ orderId: string; totalCents: number; label: string }>).find((o) => o.orderId === orderId)!;
    expect(order.label).toBe('CCT');
    const shown = await kontor('veu', 'show', orderId, '--access', String(accessId));
    expect(shown.out.split('\n').filter((l) => l.startsWith('  '))).toHaveLength(2);

    const unconfirmed = await kontor('veu', 'sign', orderId, '--access', String(accessId));
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.err).toMatch(/--total/);
    const wrong = await kontor('veu', 'sign', orderId, '--access', String(accessId), '--total', '0,01');
    expect(wrong.code).toBe(1);
    expect(getOrder(bank.store.db, orderId)?.state).toBe('awaiting_signature');

    const signed = await kontor('veu', 'sign', orderId, '--access', String(accessId), '--total', formatAmount(order.totalCents, 'de'));
    expect(signed.code, signed.err).toBe(0);
    expect(signed.out).toMatch(/released/);
    expect(getOrder(bank.store.db, orderId)?.state).toBe('released');
  });

  it('cancels an order', async () => {
    const orderId = await upload(1);
    const total = (
      JSON.parse((await kontor('veu', 'list', '--access', String(accessId), '--json')).out) as Array<{ orderId: string; totalCents: number }>
    ).find((o) => o.orderId === orderId)!.totalCents;
    const r = await kontor('veu', 'cancel', orderId, '--access', String(accessId), '--total', formatAmount(total, 'en'), '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ orderId, outcome: 'cancelled' });
    expect(getOrder(bank.store.db, orderId)?.state).toBe('rejected');
  });

  it('lets two signers (A then B) release an order at the demo bank', async () => {
    const orderId = await upload(1);
    expect((await atBank('sign', orderId, '--partner', 'KONTOR01', '--user', 'SIGA')).out).toMatch(/waiting/);
    expect((await atBank('sign', orderId, '--partner', 'KONTOR01', '--user', 'SIGB')).out).toMatch(/released/);
    expect(getOrder(bank.store.db, orderId)?.state).toBe('released');
  });
});
