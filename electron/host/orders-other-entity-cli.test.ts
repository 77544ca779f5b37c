/**
 * `kontor orders approve` with a payout to bank details registered for
 * another business entity: the printed summary warns and names the payment,
 * and the approval needs --confirm-other-entity. Two people on one computer
 * (KONTOR_TEST_USER on a fixed clock): one builds, the other approves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW, testClock } from '../../test/support/clock';
import { ok } from '../../test/integration/helpers';
import { createContext } from '../services/context';
import { memorySecretStore } from '../vault/keychain';
import { runCli } from './cli';

let dir: string;
let orderId: number;
const saved = { user: process.env.KONTOR_TEST_USER, start: process.env.KONTOR_CLOCK_START };

beforeAll(async () => {
  process.env.KONTOR_CLOCK_START = TEST_NOW;
  process.env.KONTOR_TEST_USER = 'erika.freigabe';
  dir = mkdtempSync(join(tmpdir(), 'kontor-other-entity-cli-'));
  const ctx = createContext({ dataDir: dir, host: 'cli', clock: testClock, secretStore: memorySecretStore(), identity: 'bernd.buchhalter' });
  try {
    await ok(ctx, 'users.grant', { user: 'erika.freigabe', role: 'approver' });
    const ours = (await ok(ctx, 'entities.create', { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999' })).id;
    const sister = (await ok(ctx, 'entities.create', { name: 'Muster Service GmbH' })).id;
    const account = await ok(ctx, 'bankAccounts.create', { entityId: ours, name: 'Hausbank', iban: 'DE89370400440532013000' });
    await ok(ctx, 'entities.update', {
      id: ours,
      values: { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999', preferredBankAccountId: account.id },
    });
    const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: '70003', name: 'Papier Braun' });
    await ok(ctx, 'instruments.create', {
      accountId: supplier.id,
      entityId: sister,
      kind: 'bank_details',
      holderName: 'Papier Braun',
      iban: 'DE02120300000000202051',
      direction: 'out',
    });
    await ok(ctx, 'entries.create', {
      entityId: ours,
      accountId: supplier.id,
      type: 'Credit',
      number: 'ER-1',
      statementDate: '2026-11-01',
      dueDate: '2026-11-27',
      amountCents: 4711,
      requestedMethod: 'sepa',
    });
    orderId = (await ok(ctx, 'orders.build', {})).orders[0]!.id;
  } finally {
    ctx.close();
  }
});
afterAll(() => {
  for (const [key, value] of [
    ['KONTOR_TEST_USER', saved.user],
    ['KONTOR_CLOCK_START', saved.start],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, '--data-dir', dir], { out: (l) => out.push(l), err: (l) => err.push(l) }, undefined, testClock);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kontor orders approve with another entity’s bank details', () => {
  it('warns in the summary and approves only with --confirm-other-entity', async () => {
    const refused = await cli('orders', 'approve', String(orderId));
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('WARNING  1 payment(s) go to bank details registered for another business entity:');
    expect(refused.out).toContain("Papier Braun  DE02120300000000202051  registered for Muster Service GmbH, the entry is Muster Handels GmbH's");
    expect(refused.err).toMatch(/confirm them explicitly/);

    const approved = await cli('orders', 'approve', String(orderId), '--confirm-other-entity', '--json');
    expect(approved.err).toBe('');
    expect(JSON.parse(approved.out)).toMatchObject({ id: orderId, status: 'approved', approvedBy: 'erika.freigabe' });
  });
});
