/**
 * Orders built on a Friday and uploaded on the Monday after, over real HTTP
 * to the demo bank with a real ledger file: the dates Kontor chose on Friday
 * are now too early. The upload goes through (it is technically fine), the
 * bank rejects the orders in processing, and Kontor learns why from the
 * customer protocol (HAC): the orders end Rejected with the reason code, the
 * date and the rule, which the renderer words in English and German. Never a
 * format error. Prepared again, the payments get dates the bank takes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank } from '../../electron/demo-bank';
import { accountsOfPartner } from '../../electron/demo-bank/store/accounts';
import { blocksOfOrder } from '../../electron/demo-bank/store/payment-blocks';
import { memorySecretStore } from '../../electron/vault/keychain';
import { rejectionText } from '../../renderer/src/features/orders/labels';
import { makeTranslator } from '../../renderer/src/i18n/translator';
import { actingContext, approveAsSecondPerson, movableClock, ok } from './helpers';
import { readyDemoAccess } from '../support/ready-access';

// Friday 27 March 2026, 09:00 in Germany.
const clock = movableClock('2026-03-27T08:00:00Z');
let dir: string;
let ctx: ReturnType<typeof actingContext>;
let bank: DemoBank;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-date-refusal-'));
  ctx = actingContext({ dataDir: join(dir, 'kontor'), host: 'cli', clock, secretStore: memorySecretStore() });
  bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock, log: () => undefined, directDebitReturnPercent: 0 });
  ctx.demoBank = bank;
});
afterAll(async () => {
  await bank.close();
  ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

async function readyAccess(): Promise<number> {
  return readyDemoAccess(ctx, { url: bank.url, hostId: 'KONTORDEMO', ebicsVersion: 'H005' });
}

/** A customer to collect from (due Monday) and a supplier to pay (due today, Friday). */
async function openEntries(accessId: number): Promise<void> {
  const ownIban = accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban;
  const entity = await ok(ctx, 'entities.create', { name: 'Kontor Demo GmbH', creditorId: 'DE98ZZZ09999999999' });
  const account = await ok(ctx, 'bankAccounts.create', { entityId: entity.id, bankAccessId: accessId, name: 'Demo-Konto', iban: ownIban });
  await ok(ctx, 'entities.update', { id: entity.id, values: { name: entity.name, creditorId: 'DE98ZZZ09999999999', preferredBankAccountId: account.id } });
  const customer = await ok(ctx, 'accounts.create', { kind: 'customer', number: 'K-1', name: 'Müller KG' });
  const mandate = await ok(ctx, 'instruments.create', {
    accountId: customer.id,
    entityId: entity.id,
    kind: 'sepa_mandate',
    holderName: 'Müller KG',
    iban: 'DE02120300000000202051',
    mandateId: 'MANDAT-1',
    mandateSignedOn: '2026-01-15',
    scheme: 'CORE',
    mandateType: 'recurring',
    direction: 'in',
  });
  const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: 'L-1', name: 'Papier GmbH' });
  await ok(ctx, 'instruments.create', {
    accountId: supplier.id,
    entityId: entity.id,
    kind: 'bank_details',
    holderName: 'Papier GmbH',
    iban: 'DE89370400440532013000',
    direction: 'out',
  });
  await ok(ctx, 'entries.create', {
    entityId: entity.id,
    accountId: customer.id,
    type: 'Debit',
    number: 'RE-1',
    statementDate: '2026-03-01',
    dueDate: '2026-03-30',
    amountCents: 123456,
    requestedMethod: 'sepa',
    requestedInstrumentId: mandate.id,
  });
  await ok(ctx, 'entries.create', {
    entityId: entity.id,
    accountId: supplier.id,
    type: 'Credit',
    number: 'ER-1',
    statementDate: '2026-03-01',
    dueDate: '2026-03-27',
    amountCents: 50000,
    requestedMethod: 'sepa',
  });
}

describe('a payment order whose date has passed by the time it reaches the bank', () => {
  it('is taken, rejected by the bank in processing and shown Rejected with the date and the rule in English and German', async () => {
    const accessId = await readyAccess();
    await openEntries(accessId);
    const { orders } = await ok(ctx, 'orders.build', {});
    const dd = orders.find((o) => o.kind === 'direct_debit')!;
    const ct = orders.find((o) => o.kind === 'credit_transfer')!;
    // Valid on Friday: the collection one TARGET2 day ahead, the transfer today.
    expect([dd.executionDate, ct.executionDate]).toEqual(['2026-03-30', '2026-03-27']);
    await approveAsSecondPerson(ctx, dd.id);
    await approveAsSecondPerson(ctx, ct.id);

    clock.advanceDays(3);
    // Technically fine: the bank takes both files and gives them order IDs.
    for (const o of [dd, ct]) expect(await ok(ctx, 'orders.upload', { id: o.id })).toMatchObject({ status: 'uploaded', ebicsOrderId: expect.any(String) });
    expect(await ok(ctx, 'orders.refreshStatus', { bankAccessId: accessId })).toEqual({ updated: 2 });

    const rejectedDd = await ok(ctx, 'orders.get', { id: dd.id });
    expect(rejectedDd).toMatchObject({
      status: 'rejected',
      bankRejection: { source: 'protocol', reasonCode: 'DT05', dateRule: 'tooEarly', date: '2026-03-30', earliest: '2026-03-31' },
    });
    expect(rejectedDd.payments.map((p) => p.status)).toEqual(['Rejected']);
    expect(rejectedDd.bankMessage).toContain('ReqdColltnDt 2026-03-30 is too early');
    // Nothing waits at the bank, so nothing can ever be booked.
    expect(blocksOfOrder(bank.store.db, rejectedDd.ebicsOrderId!)).toEqual([]);

    const en = makeTranslator('en');
    const de = makeTranslator('de');
    expect(rejectionText(en, rejectedDd)).toBe(
      'The bank rejected the order (reason code DT05). The collection date 2026-03-30 is too early: a direct debit must reach the bank at least one TARGET2 business day before its collection date. The earliest date the bank accepts is 2026-03-31. Nothing was booked. Prepare the payments again: Kontor picks a valid date for the new order.',
    );
    expect(rejectionText(de, rejectedDd)).toBe(
      'Die Bank hat den Auftrag abgelehnt (Grundcode DT05). Das Fälligkeitsdatum 30.03.2026 ist zu früh: Eine Lastschrift muss spätestens einen TARGET2-Geschäftstag vor dem Fälligkeitsdatum bei der Bank eingehen. Das früheste Datum, das die Bank annimmt, ist der 31.03.2026. Es wurde nichts gebucht. Bereiten Sie die Zahlungen erneut vor: Kontor wählt für den neuen Auftrag ein gültiges Datum.',
    );

    const rejectedCt = await ok(ctx, 'orders.get', { id: ct.id });
    expect(rejectedCt).toMatchObject({
      status: 'rejected',
      bankRejection: { reasonCode: 'DT05', dateRule: 'tooEarly', date: '2026-03-27', earliest: '2026-03-30' },
    });
    expect(rejectionText(en, rejectedCt)).toContain(
      'The execution date 2026-03-27 is in the past: the bank executes transfers from today on. The earliest date the bank accepts is 2026-03-30.',
    );
    expect(rejectionText(de, rejectedCt)).toContain(
      'Das Ausführungsdatum 27.03.2026 liegt in der Vergangenheit: Die Bank führt Überweisungen frühestens heute aus. Das früheste Datum, das die Bank annimmt, ist der 30.03.2026.',
    );
    for (const text of [rejectionText(en, rejectedDd), rejectionText(en, rejectedCt)]) expect(text).not.toMatch(/format/i);
  });

  it('gets dates the bank takes when the payments are prepared again', async () => {
    const { orders } = await ok(ctx, 'orders.build', {});
    expect(orders.map((o) => [o.kind, o.executionDate]).sort()).toEqual([
      ['credit_transfer', '2026-03-31'],
      ['direct_debit', '2026-03-31'],
    ]);
    for (const o of orders) {
      await approveAsSecondPerson(ctx, o.id);
      await ok(ctx, 'orders.upload', { id: o.id });
    }
    await ok(ctx, 'orders.refreshStatus', { bankAccessId: orders[0]!.bankAccessId! });
    for (const o of orders)
      expect(await ok(ctx, 'orders.get', { id: o.id })).toMatchObject({ status: 'uploaded', bankRejection: null, signatures: { done: 0, required: 1 } });
  });
});
