/** The signer's buttons in demo mode: orders uploaded to the demo bank, released or rejected through the API. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank } from '../../electron/demo-bank';
import { samplePain } from '../support/pain-files';
import { readySubscriber } from '../support/demo-bank';
import { accountsOfPartner } from '../../electron/demo-bank/store/accounts';
import { createContext, type ServiceContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { memorySecretStore } from '../../electron/vault/keychain';
import { addTarget2Days } from '../../shared/dates';
import { testClock } from '../support/clock';

let dir: string;
let bank: DemoBank;
let ctx: ServiceContext;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-signer-'));
  bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock: testClock, log: () => undefined });
  ctx = createContext({ dataDir: join(dir, 'kontor'), host: 'cli', clock: testClock, secretStore: memorySecretStore() });
  ctx.demoBank = bank;
});
afterAll(async () => {
  await bank.close();
  ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo bank signer', () => {
  it('lists uploaded orders awaiting signature and releases or rejects them', async () => {
    const { client } = await readySubscriber(bank, 'H004', ctx.db);
    const own = accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban;
    // Business days, so the bank takes both orders whatever weekday the test lives on.
    const date = addTarget2Days(ctx.clock.today(), 3);
    const a = await client.upload('credit_transfer', samplePain('credit_transfer', { ownIban: own, date, count: 3 }));
    const b = await client.upload('direct_debit_core', samplePain('direct_debit_core', { ownIban: own, date: addTarget2Days(date, 2), count: 2 }));

    const listed = await dispatch(ctx, 'demoBank.orders', {});
    expect(listed.ok).toBe(true);
    const orders = (listed as { value: Array<{ orderId: string; state: string; transactions: number }> }).value;
    expect(orders.map((o) => [o.orderId, o.state, o.transactions])).toEqual([
      [b.orderId, 'awaiting_signature', 2],
      [a.orderId, 'awaiting_signature', 3],
    ]);

    const released = await dispatch(ctx, 'demoBank.decide', { orderId: a.orderId!, decision: 'release' });
    const rejected = await dispatch(ctx, 'demoBank.decide', { orderId: b.orderId!, decision: 'reject' });
    expect(released.ok && rejected.ok).toBe(true);
    const states = Object.fromEntries((rejected as { value: Array<{ orderId: string; state: string }> }).value.map((o) => [o.orderId, o.state]));
    expect(states).toEqual({ [a.orderId!]: 'released', [b.orderId!]: 'rejected' });

    const twice = await dispatch(ctx, 'demoBank.decide', { orderId: a.orderId!, decision: 'reject' });
    expect(twice.ok).toBe(false);
  });
});
