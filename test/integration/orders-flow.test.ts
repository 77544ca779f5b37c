/**
 * From entries to the bank and back, over real HTTP to the demo bank with a
 * real ledger file: eligibility, a draft order per file, approval, upload
 * under the transport signature, the bank's verdict from HAC, the booking on
 * the next statement, and no second upload of the same file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actingContext, approveAsSecondPerson, movableClock, ok } from './helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank } from '../../electron/demo-bank';
import { accountsOfPartner } from '../../electron/demo-bank/store/accounts';
import { dispatch } from '../../electron/services/dispatch';
import { memorySecretStore } from '../../electron/vault/keychain';
import { addDays } from '../../shared/dates';
import { readyDemoAccess } from '../support/ready-access';

let dir: string;
let ctx: ReturnType<typeof actingContext>;
let accessId: number;
let entityId: number;
let supplierId: number;
let bank: DemoBank;
const clock = movableClock('2026-11-23T08:00:00Z');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-orders-'));
  ctx = actingContext({ dataDir: join(dir, 'kontor'), host: 'cli', clock, secretStore: memorySecretStore() });
  bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock, log: () => undefined, directDebitReturnPercent: 0 });
  ctx.demoBank = bank;
});
afterAll(async () => {
  await bank.close();
  ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('payment orders through the demo bank', () => {
  it('builds, approves, uploads once, learns the verdict and finds the booking on the statement', async () => {
    accessId = await readyDemoAccess(ctx, { url: bank.url, hostId: 'KONTORDEMO', ebicsVersion: 'H005' });

    const ownIban = accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban;
    const entity = await ok(ctx, 'entities.create', { name: 'Kontor Demo GmbH', creditorId: 'DE98ZZZ09999999999' });
    const account = await ok(ctx, 'bankAccounts.create', { entityId: entity.id, bankAccessId: accessId, name: 'Demo-Konto', iban: ownIban });
    await ok(ctx, 'entities.update', { id: entity.id, values: { name: entity.name, creditorId: 'DE98ZZZ09999999999', preferredBankAccountId: account.id } });
    const customer = await ok(ctx, 'accounts.create', { kind: 'customer', number: 'K-1', name: 'Müller & Söhne KG' });
    const mandate = await ok(ctx, 'instruments.create', {
      accountId: customer.id,
      entityId: entity.id,
      kind: 'sepa_mandate',
      holderName: 'Müller & Söhne KG',
      iban: 'DE02120300000000202051',
      mandateId: 'MANDAT-1',
      mandateSignedOn: '2026-01-15',
      scheme: 'CORE',
      mandateType: 'recurring',
      direction: 'in',
    });
    const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: 'L-1', name: 'Café Crème SARL' });
    entityId = entity.id;
    supplierId = supplier.id;
    await ok(ctx, 'instruments.create', {
      accountId: supplier.id,
      entityId: entity.id,
      kind: 'bank_details',
      holderName: 'Café Crème SARL',
      iban: 'FR1420041010050500013M02606',
      direction: 'out',
    });
    await ok(ctx, 'entries.create', {
      entityId: entity.id,
      accountId: customer.id,
      type: 'Debit',
      number: 'RE-1',
      statementDate: '2026-11-01',
      dueDate: '2026-11-27',
      amountCents: 123456,
      requestedMethod: 'sepa',
      requestedInstrumentId: mandate.id,
    });
    await ok(ctx, 'entries.create', {
      entityId: entity.id,
      accountId: supplier.id,
      type: 'Credit',
      number: 'ER-1',
      statementDate: '2026-11-01',
      dueDate: '2026-11-25',
      amountCents: 50000,
      requestedMethod: 'sepa',
    });
    await ok(ctx, 'entries.create', {
      entityId: entity.id,
      accountId: supplier.id,
      type: 'Credit',
      number: 'ER-2',
      statementDate: '2026-11-01',
      dueDate: '2027-01-30',
      amountCents: 1,
      requestedMethod: 'sepa',
    });

    const eligibility = await ok(ctx, 'orders.eligibility', {});
    expect(eligibility.eligible.map((e) => e.number).sort()).toEqual(['ER-1', 'RE-1']);
    expect(eligibility.notEligible).toEqual([expect.objectContaining({ number: 'ER-2', reasons: ['dueTooLate'] })]);
    // The horizon the rule ran with travels with the report, so the words for dueTooLate cannot say another number.
    expect(eligibility.horizonDays).toBe(14);
    expect(eligibility.notEligible[0]?.messages[0]).toContain('14 days');

    const { orders } = await ok(ctx, 'orders.build', {});
    expect(orders.map((o) => [o.kind, o.format, o.txCount, o.controlSumCents, o.status]).sort()).toEqual([
      ['credit_transfer', 'pain.001.001.09', 1, 50000, 'draft'],
      ['direct_debit', 'pain.008.001.08', 1, 123456, 'draft'],
    ]);
    // Built once: the same entries do not go into a second order.
    expect((await ok(ctx, 'orders.build', {})).orders).toEqual([]);

    const ct = orders.find((o) => o.kind === 'credit_transfer')!;
    const dd = orders.find((o) => o.kind === 'direct_debit')!;
    // Warnings are codes with parameters, and say which texts changed, before and after.
    expect(ct.warnings).toEqual([
      {
        code: 'sepa.transliterated',
        params: { count: 1, cut: 0 },
        changes: [{ field: 'blocks[0].transactions[0].creditor.name', before: 'Café Crème SARL', after: 'Cafe Creme SARL', truncated: false }],
        message: '1 text was changed to fit the SEPA character set.',
      },
    ]);
    expect(ct.signatures).toBeNull();
    expect((await dispatch(ctx, 'orders.upload', { id: ct.id })) as object).toMatchObject({ ok: false, error: { code: 'order.wrongStatus' } });
    await approveAsSecondPerson(ctx, ct.id);
    await approveAsSecondPerson(ctx, dd.id);
    const uploaded = await ok(ctx, 'orders.upload', { id: ct.id });
    expect(uploaded).toMatchObject({ status: 'uploaded', ebicsOrderId: expect.any(String) });
    await ok(ctx, 'orders.upload', { id: dd.id });
    expect((await ok(ctx, 'orders.get', { id: ct.id })).payments.map((p) => p.status)).toEqual(['Issued']);

    // The same file never goes out twice without an explicit, logged override.
    const again = await dispatch(ctx, 'orders.upload', { id: ct.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'order.alreadySent' } });
    const atBank = bank.store.db.prepare('SELECT count(*) AS n FROM bank_order WHERE data_sha256 = ?').get(ct.sha256) as { n: number };
    expect(atBank.n).toBe(1);

    // Before the signer acts: the VEU overview (HVU) lists both, waiting for 1 signature, none done.
    expect(await ok(ctx, 'orders.refreshStatus', { bankAccessId: accessId })).toEqual({ updated: 2 });
    for (const id of [ct.id, dd.id]) {
      expect(await ok(ctx, 'orders.get', { id })).toMatchObject({ status: 'uploaded', signatures: { done: 0, required: 1, checkedAt: expect.any(String) } });
    }
    // Asked again with nothing new: nothing changes.
    expect(await ok(ctx, 'orders.refreshStatus', { bankAccessId: accessId })).toEqual({ updated: 0 });

    bank.release(uploaded.ebicsOrderId!);
    bank.reject((await ok(ctx, 'orders.get', { id: dd.id })).ebicsOrderId!);
    expect(await ok(ctx, 'orders.refreshStatus', { bankAccessId: accessId })).toEqual({ updated: 2 });
    expect(await ok(ctx, 'orders.get', { id: ct.id })).toMatchObject({ status: 'released', signatures: { done: 1, required: 1 } });
    const rejected = await ok(ctx, 'orders.get', { id: dd.id });
    expect(rejected.status).toBe('rejected');
    expect(rejected.payments.map((p) => p.status)).toEqual(['Rejected']);

    // After the execution date the transfer is on the next statement with its end-to-end id: Kontor fetches it and the payment is Collected.
    clock.advanceDays(4);
    const payment = (await ok(ctx, 'orders.get', { id: ct.id })).payments[0]!;
    expect(payment.status).toBe('Issued');
    const statements = await ok(ctx, 'statements.fetch', { bankAccessId: accessId, from: '2026-11-23' });
    expect(statements.accesses[0]).toMatchObject({ error: null });
    expect(statements.accesses[0]!.paymentsUpdated).toBe(1);
    const booking = await ok(ctx, 'statements.lines', { text: payment.endToEndId });
    expect(booking.total).toBe(1);
    expect(booking.rows[0]!.amountCents).toBe(-50000);
    expect((await ok(ctx, 'orders.get', { id: ct.id })).payments[0]!.status).toBe('Collected');
  });

  it('turns an upload whose answer was lost into "uploaded" once the bank lists it in the VEU overview, never sending it twice', async () => {
    await ok(ctx, 'entries.create', {
      entityId,
      accountId: supplierId,
      type: 'Credit',
      number: 'ER-3',
      statementDate: clock.today(),
      dueDate: addDays(clock.today(), 3),
      amountCents: 7700,
      requestedMethod: 'sepa',
    });
    // (The receivable of the rejected direct debit is eligible again and gets an order of its own.)
    const { orders } = await ok(ctx, 'orders.build', {});
    const order = orders.find((o) => o.kind === 'credit_transfer')!;
    expect(order).toMatchObject({ txCount: 1, controlSumCents: 7700 });
    await approveAsSecondPerson(ctx, order.id);

    // The bank takes the last segment, but its answer never arrives: Kontor cannot know the outcome.
    bank.faults.set('upload-last-transfer', 'drop-response', { times: 1 });
    expect(await dispatch(ctx, 'orders.upload', { id: order.id })).toMatchObject({ ok: false });
    expect((await ok(ctx, 'orders.get', { id: order.id })).status).toBe('uploading');
    expect(await dispatch(ctx, 'orders.upload', { id: order.id })).toMatchObject({ ok: false, error: { code: 'order.alreadySent' } });

    expect(await ok(ctx, 'orders.refreshStatus', { bankAccessId: accessId })).toEqual({ updated: 1 });
    const atBank = bank.store.db.prepare('SELECT order_id AS orderId FROM bank_order WHERE data_sha256 = ?').all(order.sha256) as Array<{ orderId: string }>;
    expect(atBank).toHaveLength(1);
    const found = await ok(ctx, 'orders.get', { id: order.id });
    expect(found).toMatchObject({ status: 'uploaded', ebicsOrderId: atBank[0]!.orderId, signatures: { done: 0, required: 1 } });
    expect(found.payments.map((p) => p.status)).toEqual(['Issued']);

    bank.release(atBank[0]!.orderId);
    expect(await ok(ctx, 'orders.refreshStatus', { bankAccessId: accessId })).toEqual({ updated: 1 });
    expect((await ok(ctx, 'orders.get', { id: order.id })).status).toBe('released');
  });
});
