/**
 * `kontor payments list` and `kontor payments link-refund` on a ledger file
 * with a booked collection from a customer and a transfer back to them (the
 * payments written as the orders service leaves them): the link is made
 * through the API, checked as the window's, and audited.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testClock } from '../../test/support/clock';
import { ok } from '../../test/integration/helpers';
import { createContext } from '../services/context';
import { memorySecretStore } from '../vault/keychain';
import { runCli } from './cli';

let dir: string;
let dataDir: string;
let ids: { collection: number; refund: number; otherRefund: number };
const at = '2026-10-05T09:00:00.000Z';

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-payments-cli-'));
  dataDir = join(dir, 'data');
  const ctx = createContext({ dataDir, host: 'cli', clock: testClock, secretStore: memorySecretStore() });
  try {
    const entityId = (await ok(ctx, 'entities.create', { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999' })).id;
    const bank = (await ok(ctx, 'bankAccounts.create', { entityId, name: 'Hausbank', iban: 'DE02120300000000202051', currency: 'EUR' })).id;
    const customer = async (name: string) => (await ok(ctx, 'accounts.create', { kind: 'customer', number: name, name })).id;
    const entry = async (accountId: number, number: string, type: 'Debit' | 'Credit') =>
      (await ok(ctx, 'entries.create', { entityId, accountId, type, number, statementDate: '2026-09-01', amountCents: 5000 })).id;
    let seq = 0;
    const payment = (kind: 'direct_debit' | 'credit_transfer', cents: number, status: string, entryId: number) => {
      const order = ctx.db
        .prepare(
          `INSERT INTO payment_order (bank_account_id, kind, format, scheme, file_bytes, sha256, message_id, tx_count, control_sum_cents, execution_date, status, created_at, updated_at)
           VALUES (?, ?, 'pain', ?, x'00', 'h', ?, 1, 5000, '2026-10-01', 'uploaded', ?, ?)`,
        )
        .run(bank, kind, kind === 'direct_debit' ? 'CORE' : null, `MSG-${++seq}`, at, at).lastInsertRowid;
      const id = Number(
        ctx.db
          .prepare(
            `INSERT INTO payment (entity_id, payment_order_id, kind, amount_cents, open_cents, status, end_to_end_id, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(entityId, order, kind, cents, cents, status, `E2E-${seq}`, at, at).lastInsertRowid,
      );
      ctx.db
        .prepare('INSERT INTO entry_item (entry_id, payment_id, amount_cents, expected_amount_cents, created_at) VALUES (?, ?, 0, ?, ?)')
        .run(entryId, id, cents, at);
      return id;
    };
    const mueller = await customer('Müller');
    const schmidt = await customer('Schmidt');
    ids = {
      collection: payment('direct_debit', -5000, 'Collected', await entry(mueller, 'RE-1', 'Debit')),
      refund: payment('credit_transfer', 5000, 'Issued', await entry(mueller, 'GS-1', 'Credit')),
      otherRefund: payment('credit_transfer', 5000, 'Issued', await entry(schmidt, 'GS-2', 'Credit')),
    };
  } finally {
    ctx.close();
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, '--data-dir', dataDir], { out: (l) => out.push(l), err: (l) => err.push(l) }, undefined, testClock);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kontor payments link-refund', () => {
  it('links a transfer to the customer as the refund of their collection, and the list shows it', async () => {
    const linked = await cli('payments', 'link-refund', String(ids.refund), '--original', String(ids.collection), '--json');
    expect(linked.err).toBe('');
    expect(linked.code).toBe(0);
    expect(JSON.parse(linked.out)).toMatchObject({ id: ids.refund, refundOfPaymentId: ids.collection });
    const list = await cli('payments', 'list');
    expect(list.out).toMatch(new RegExp(`^\\s*${ids.refund}\\s+credit_transfer\\s+Issued\\s+50\\.00 EUR\\s+.*refund of ${ids.collection}$`, 'm'));
  });

  it('refuses a transfer to another customer with exit code 1 and the reason', async () => {
    const refused = await cli('payments', 'link-refund', String(ids.otherRefund), '--original', String(ids.collection));
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('Error: The refund goes to another customer than the one who paid.');
    const rows = JSON.parse((await cli('payments', 'list', '--json')).out) as { refundOfPaymentId: number | null }[];
    expect(rows.every((r) => r.refundOfPaymentId === null)).toBe(true);
  });
});
