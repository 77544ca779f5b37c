/**
 * A payout pays a supplier's bank details registered for the entry's own
 * business entity; details registered for another entity are used only when
 * there are no own ones, and then never silently: the run summary names
 * each such payment and approving needs an explicit confirmation (audited).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveAsSecondPerson, asSecondPerson, ok, tempContext } from '../../../test/integration/helpers';
import { dispatch } from '../dispatch';

let ctx: ReturnType<typeof tempContext>;
let ours: number;
let sister: number;

beforeEach(async () => {
  ctx = tempContext(); // 21 November 2026
  ours = (await ok(ctx, 'entities.create', { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999' })).id;
  sister = (await ok(ctx, 'entities.create', { name: 'Muster Service GmbH' })).id;
  const account = await ok(ctx, 'bankAccounts.create', { entityId: ours, name: 'Hausbank', iban: 'DE89370400440532013000' });
  await ok(ctx, 'entities.update', { id: ours, values: { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999', preferredBankAccountId: account.id } });
});
afterEach(() => ctx.cleanup());

async function payableTo(name: string, detailsEntity: number): Promise<void> {
  const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: name, name });
  await ok(ctx, 'instruments.create', {
    accountId: supplier.id,
    entityId: detailsEntity,
    kind: 'bank_details',
    holderName: name,
    iban: 'DE02120300000000202051',
    direction: 'out',
  });
  await ok(ctx, 'entries.create', {
    entityId: ours,
    accountId: supplier.id,
    type: 'Credit',
    number: `ER-${name}`,
    statementDate: '2026-11-01',
    dueDate: '2026-11-25',
    amountCents: 50000,
    requestedMethod: 'sepa',
  });
}

describe('payout to bank details of another business entity', () => {
  it('names the payment in the run summary and is approved only with an explicit confirmation', async () => {
    await payableTo('Papier Braun', sister);
    const [order] = (await ok(ctx, 'orders.build', {})).orders;
    const summary = await ok(ctx, 'orders.summary', { id: order!.id });
    expect(summary.otherEntityDetails).toEqual([
      {
        paymentId: expect.any(Number),
        payee: 'Papier Braun',
        iban: 'DE02120300000000202051',
        detailsEntity: 'Muster Service GmbH',
        entryEntity: 'Muster Handels GmbH',
      },
    ]);

    const refused = await asSecondPerson(ctx, () => dispatch(ctx, 'orders.approve', { id: order!.id }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'order.otherEntityDetails', params: { count: 1 } } });
    expect((await ok(ctx, 'orders.get', { id: order!.id })).status).toBe('draft');

    const approved = await asSecondPerson(ctx, () => ok(ctx, 'orders.approve', { id: order!.id, confirmOtherEntityDetails: true }));
    expect(approved.status).toBe('approved');
    const audit = ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'order.approved'").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ otherEntityDetailsConfirmed: String(summary.otherEntityDetails[0]!.paymentId) });
  });

  it('needs no confirmation when the bank details belong to the entry’s own entity', async () => {
    await payableTo('Bürobedarf Müller', ours);
    const [order] = (await ok(ctx, 'orders.build', {})).orders;
    expect((await ok(ctx, 'orders.summary', { id: order!.id })).otherEntityDetails).toEqual([]);
    expect((await approveAsSecondPerson(ctx, order!.id)).status).toBe('approved');
  });
});
