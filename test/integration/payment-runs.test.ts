/**
 * Payment runs the clerk controls and follows, with a real ledger file and
 * the demo bank over real HTTP: choosing entries, changing a draft, the split
 * at the access's amount limit, four eyes, the status that follows the bank
 * when the clock moves (no button), entries "in payment", the copy of a
 * released file, the archive, and the ZIP hand-off.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank } from '../../electron/demo-bank';
import { accountsOfPartner } from '../../electron/demo-bank/store/accounts';
import { decideDemoOrderAtDesk } from '../../electron/services/demo-bank-desk';
import type { ServiceContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { followOrders } from '../../electron/services/orders/follow';
import { FOLLOW_BACKOFF_MS } from '../../electron/services/orders/follow-schedule';
import { memorySecretStore } from '../../electron/vault/keychain';
import { addTarget2Days, toInstantIso, type Clock } from '../../shared/dates';
import { actingContext, ok } from './helpers';
import type { ApiInput } from '../../shared/api';
import { readyDemoAccess } from '../support/ready-access';

/** Kontor's and the bank's clock, moved by the test in milliseconds or days. */
function steppingClock(start: string): Clock & { advanceMs(n: number): void; advanceDays(n: number): void } {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    today: () => toInstantIso(new Date(t)).slice(0, 10),
    advanceMs: (n) => (t += n),
    advanceDays: (n) => (t += n * 86_400_000),
  };
}

const clock = steppingClock('2026-11-23T08:00:00Z');
let dir: string;
let ctx: ServiceContext & { actAs(identity: string): void };
let bank: DemoBank;
let accessId: number;
let entityId: number;
let supplierId: number;

/** Another person at another workstation: the administrator (the first person) grants the roles, then that person acts. */
async function actAs(name: string, roles: ReadonlyArray<ApiInput<'users.grant'>['role']> = ['approver', 'signer', 'preparer']): Promise<void> {
  for (const role of roles) await ok(ctx, 'users.grant', { user: name, role });
  ctx.actAs(name);
}

async function payable(number: string, amountCents: number, dueInDays = 2): Promise<number> {
  const e = await ok(ctx, 'entries.create', {
    entityId,
    accountId: supplierId,
    type: 'Credit',
    number,
    statementDate: clock.today(),
    dueDate: addTarget2Days(clock.today(), dueInDays),
    amountCents,
    requestedMethod: 'sepa',
  });
  return e.id;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-runs-'));
  ctx = actingContext({ dataDir: join(dir, 'kontor'), host: 'cli', clock, secretStore: memorySecretStore(), identity: 'Bernd Buchhalter' });
  bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock, log: () => undefined, directDebitReturnPercent: 0 });
  ctx.demoBank = bank;
  accessId = await readyDemoAccess(ctx, { url: bank.url, hostId: 'KONTORDEMO', ebicsVersion: 'H005' });
  const ownIban = accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban;
  const entity = await ok(ctx, 'entities.create', { name: 'Kontor Demo GmbH', creditorId: 'DE98ZZZ09999999999' });
  const account = await ok(ctx, 'bankAccounts.create', { entityId: entity.id, bankAccessId: accessId, name: 'Demo-Konto', iban: ownIban });
  await ok(ctx, 'entities.update', { id: entity.id, values: { name: entity.name, creditorId: 'DE98ZZZ09999999999', preferredBankAccountId: account.id } });
  const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: 'L-1', name: 'Papier Müller AG' });
  await ok(ctx, 'instruments.create', {
    accountId: supplier.id,
    entityId: entity.id,
    kind: 'bank_details',
    holderName: 'Papier Müller AG',
    iban: 'DE02120300000000202051',
    direction: 'out',
  });
  entityId = entity.id;
  supplierId = supplier.id;
});
afterAll(async () => {
  await bank.close();
  ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('payment runs the clerk controls', () => {
  let chosen: number;
  let left: number;

  it('builds a run of the chosen entries only and changes a draft by taking one out and putting one in', async () => {
    const a = await payable('ER-A', 10_000);
    const b = await payable('ER-B', 2_500);
    left = await payable('ER-C', 700);
    const report = await ok(ctx, 'orders.eligibility', {});
    expect(report.eligible.map((e) => [e.number, e.currency, e.bankAccountId > 0])).toEqual([
      ['ER-A', 'EUR', true],
      ['ER-B', 'EUR', true],
      ['ER-C', 'EUR', true],
    ]);

    const { orders } = await ok(ctx, 'orders.build', { entryIds: [a, b] });
    expect(orders.map((o) => [o.txCount, o.controlSumCents, o.builtBy])).toEqual([[2, 12_500, 'Bernd Buchhalter']]);
    // The entry not chosen is still there for another run.
    expect((await ok(ctx, 'orders.eligibility', {})).eligible.map((e) => e.number)).toEqual(['ER-C']);

    const { orders: without } = await ok(ctx, 'orders.changeDraft', { id: orders[0]!.id, version: orders[0]!.version, remove: [b], add: [] });
    expect(without.map((o) => [o.txCount, o.controlSumCents, o.status])).toEqual([[1, 10_000, 'draft']]);
    expect((await ok(ctx, 'orders.get', { id: orders[0]!.id })).status).toBe('canceled');
    expect((await ok(ctx, 'orders.eligibility', {})).eligible.map((e) => e.number)).toEqual(['ER-B', 'ER-C']);

    const { orders: withB } = await ok(ctx, 'orders.changeDraft', { id: without[0]!.id, version: without[0]!.version, remove: [], add: [b] });
    expect((await ok(ctx, 'orders.get', { id: withB[0]!.id })).payments.map((p) => p.entryNumber)).toEqual(['ER-A', 'ER-B']);
    chosen = withB[0]!.id;

    // An entry that is not in the draft cannot be taken out; one already in a run cannot be chosen again.
    expect(await dispatch(ctx, 'orders.changeDraft', { id: chosen, version: 1, remove: [left], add: [] })).toMatchObject({
      ok: false,
      error: { code: 'order.entryNotInOrder' },
    });
    expect(await dispatch(ctx, 'orders.build', { entryIds: [a] })).toMatchObject({ ok: false, error: { code: 'order.entryNotEligible' } });
  });

  it('refuses the approval by the person who built the run and takes it from another', async () => {
    const summary = await ok(ctx, 'orders.summary', { id: chosen });
    expect(summary).toMatchObject({ count: 2, totalCents: 12_500, currency: 'EUR', bank: { name: 'Demo', hostId: 'KONTORDEMO' }, mayApprove: false });
    const refused = await dispatch(ctx, 'orders.approve', { id: chosen });
    expect(refused).toMatchObject({ ok: false, error: { code: 'order.approverIsBuilder' } });
    expect((await ok(ctx, 'orders.get', { id: chosen })).status).toBe('draft');

    await actAs('Erika Freigabe');
    expect((await ok(ctx, 'orders.summary', { id: chosen })).mayApprove).toBe(true);
    expect(await ok(ctx, 'orders.approve', { id: chosen })).toMatchObject({ status: 'approved', approvedBy: 'Erika Freigabe', builtBy: 'Bernd Buchhalter' });
  });

  it('follows the uploaded order at the bank as the clock moves, until the signer released it, with its entries in payment', async () => {
    const uploaded = await ok(ctx, 'orders.upload', { id: chosen });
    expect(uploaded.nextCheckAt).toBe(new Date(Date.parse(clock.now().toISOString()) + FOLLOW_BACKOFF_MS[0]!).toISOString());
    const entries = await ok(ctx, 'entries.list', { limit: 50, offset: 0 });
    const byNumber = new Map(entries.rows.map((e) => [e.number, e]));
    expect(byNumber.get('ER-A')!.inPayment).toEqual({ orderId: chosen, orderStatus: 'uploaded' });
    expect(byNumber.get('ER-C')!.inPayment).toBeNull();

    // Not due yet: the bank is not asked.
    expect(await followOrders(ctx)).toEqual({ accesses: [] });
    // Due, no news: the signature overview lists it waiting; the next check backs off.
    clock.advanceMs(FOLLOW_BACKOFF_MS[0]!);
    expect((await followOrders(ctx)).accesses).toEqual([{ bankAccessId: accessId, updated: 1, expired: 0, error: null }]);
    const waiting = await ok(ctx, 'orders.get', { id: chosen });
    expect(waiting).toMatchObject({ status: 'uploaded', signatures: { done: 0, required: 1 } });
    expect(Date.parse(waiting.nextCheckAt!) - clock.now().getTime()).toBe(FOLLOW_BACKOFF_MS[1]);

    // The authorised signer releases it at the demo bank's desk; nobody presses a button in Kontor.
    decideDemoOrderAtDesk({ dataDir: join(dir, 'bank'), port: Number(new URL(bank.url).port), clock }, uploaded.ebicsOrderId!, 'release');
    clock.advanceMs(FOLLOW_BACKOFF_MS[1]! - 1);
    expect(await followOrders(ctx)).toEqual({ accesses: [] });
    clock.advanceMs(1);
    expect((await followOrders(ctx)).accesses).toEqual([{ bankAccessId: accessId, updated: 1, expired: 0, error: null }]);
    const released = await ok(ctx, 'orders.get', { id: chosen });
    expect(released).toMatchObject({ status: 'released', nextCheckAt: null });
    expect((await ok(ctx, 'entries.get', { id: released.payments[0]!.entryId })).inPayment).toEqual({ orderId: chosen, orderStatus: 'released' });
    // Decided: nothing left to follow.
    clock.advanceMs(FOLLOW_BACKOFF_MS.at(-1)!);
    expect(await followOrders(ctx)).toEqual({ accesses: [] });
  });

  it('exports a released file again unchanged, lists it in the archive and hands it off as a ZIP with its control list', async () => {
    const order = await ok(ctx, 'orders.get', { id: chosen });
    const copy = await ok(ctx, 'orders.export', { id: chosen });
    expect(Buffer.from(copy.base64, 'base64').length).toBeGreaterThan(0);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(Buffer.from(copy.base64, 'base64')).digest('hex')).toBe(order.sha256);
    expect((await ok(ctx, 'orders.get', { id: chosen })).status).toBe('released');

    const archive = await ok(ctx, 'orders.archive', {});
    expect(archive.map((f) => [f.id, f.status, f.sha256])).toEqual([[chosen, 'released', order.sha256]]);

    const zip = await ok(ctx, 'orders.handoff', { id: chosen });
    expect(zip).toMatchObject({ fileName: `${order.messageId}.zip`, mimeType: 'application/zip' });
    const files = unzipSync(new Uint8Array(Buffer.from(zip.base64, 'base64')));
    expect(Object.keys(files).sort()).toEqual(['README.txt', `${order.messageId}-control.pdf`, `${order.messageId}.xml`].sort());
    expect(createHash('sha256').update(files[`${order.messageId}.xml`]!).digest('hex')).toBe(order.sha256);
    const pdf = await PDFDocument.load(files[`${order.messageId}-control.pdf`]!);
    expect(pdf.getTitle()).toBe(`Control list of payment order ${chosen}`);
    expect(pdf.getPageCount()).toBe(1);
    expect((await ok(ctx, 'orders.get', { id: chosen })).status).toBe('released');
  });

  it('splits a run where the access’s amount limit would be exceeded and leaves out a payment above it, saying why', async () => {
    // The limit the bank set for this access (the access settings can change it at any time; here it is set in the ledger directly).
    ctx.db.prepare('UPDATE bank_access SET amount_limit_cents = ? WHERE id = ?').run(1_000, accessId);
    await payable('ER-D', 600);
    await payable('ER-E', 300);
    await payable('ER-F', 2_000);
    const report = await ok(ctx, 'orders.eligibility', {});
    expect(report.notEligible).toEqual([expect.objectContaining({ number: 'ER-F', reasons: ['overAmountLimit'] })]);
    // Largest first into the first run with room: 700 + 300 fill one run, 600 needs another.
    const { orders } = await ok(ctx, 'orders.build', {});
    const runs = await Promise.all(orders.map((o) => ok(ctx, 'orders.get', { id: o.id })));
    expect(runs.map((o) => [o.controlSumCents, o.payments.map((p) => p.entryNumber)])).toEqual([
      [1_000, ['ER-C', 'ER-E']],
      [600, ['ER-D']],
    ]);
  });
});
