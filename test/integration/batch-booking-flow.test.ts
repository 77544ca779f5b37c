/**
 * A batch booking on a real ledger file: Kontor's run of two transfers goes
 * out as one block, the bank books the block as one line, and accepting the
 * matcher's batch proposal moves every payment of the block (Assigned, and
 * Available = Settled − Assigned, on the payments screen); undo puts each back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, tempContext } from './helpers';

let ctx: ReturnType<typeof tempContext>;
beforeEach(() => {
  ctx = tempContext();
});
afterEach(() => ctx.cleanup());

const OUR_IBAN = 'DE89370400440532013000';

/** One MT940 debit booking of a whole block, named only by its payment information id (KREF+), as German banks book a SEPA batch. */
function batchStatement(cents: number, paymentInfoId: string): string {
  const amount = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
  return [
    ':20:STARTUMS',
    `:25:${OUR_IBAN}`,
    ':28C:1/1',
    ':60F:C261119EUR0,00',
    `:61:2611241124DR${amount}NTRFNONREF`,
    `:86:191?00SAMMLER-UEBERWEISUNG?20KREF+${paymentInfoId}?21SVWZ+SEPA-SAMMLER 2 Posten`,
    `:62F:D261124EUR${amount}`,
    '-',
  ].join('\r\n');
}

async function twoSupplierTransfersExported(): Promise<{ paymentInfoId: string; totalCents: number }> {
  const entity = await ok(ctx, 'entities.create', { name: 'Kontor Demo GmbH' });
  const account = await ok(ctx, 'bankAccounts.create', { entityId: entity.id, name: 'Hauptkonto', iban: OUR_IBAN });
  await ok(ctx, 'entities.update', { id: entity.id, values: { name: entity.name, preferredBankAccountId: account.id } });
  const suppliers = [
    { number: 'L-1', name: 'Papier Mueller AG', iban: 'DE02120300000000202051', bill: 'ER-5102', cents: 78_040 },
    { number: 'L-2', name: 'Druckerei Schmidt GmbH', iban: 'DE02500105170137075030', bill: 'ER-5103', cents: 31_000 },
  ];
  for (const s of suppliers) {
    const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: s.number, name: s.name });
    await ok(ctx, 'instruments.create', {
      accountId: supplier.id,
      entityId: entity.id,
      kind: 'bank_details',
      holderName: s.name,
      iban: s.iban,
      direction: 'out',
    });
    await ok(ctx, 'entries.create', {
      entityId: entity.id,
      accountId: supplier.id,
      type: 'Credit',
      number: s.bill,
      statementDate: '2026-11-01',
      dueDate: '2026-11-25',
      amountCents: s.cents,
      requestedMethod: 'sepa',
    });
  }
  const { orders } = await ok(ctx, 'orders.build', {});
  expect(orders.map((o) => [o.kind, o.txCount])).toEqual([['credit_transfer', 2]]);
  const file = Buffer.from((await ok(ctx, 'orders.export', { id: orders[0]!.id })).base64, 'base64').toString('utf8');
  const blocks = [...file.matchAll(/<PmtInfId>([^<]+)<\/PmtInfId>/g)].map((m) => m[1]!);
  expect(blocks).toHaveLength(1);
  return { paymentInfoId: blocks[0]!, totalCents: suppliers.reduce((s, x) => s + x.cents, 0) };
}

const paymentsOnScreen = async () =>
  (await ok(ctx, 'payments.list', {})).rows
    .map((p) => ({ amountCents: Math.abs(p.amountCents), settled: Math.abs(p.settledCents), assigned: Math.abs(p.assignedCents), available: p.availableCents }))
    .sort((a, b) => a.amountCents - b.amountCents);

describe('a batch booking of Kontor’s payment block', () => {
  it('assigns every payment of the block when the batch proposal is accepted, and undo gives each its amounts back', async () => {
    const { paymentInfoId, totalCents } = await twoSupplierTransfersExported();
    const statement = Buffer.from(batchStatement(totalCents, paymentInfoId), 'latin1');
    await ok(ctx, 'statements.import', { fileName: 'umsatz.sta', base64: statement.toString('base64') });
    const before = await paymentsOnScreen();
    expect(before.map((p) => p.assigned)).toEqual([0, 0]);

    await ok(ctx, 'reconcile.run', {});
    const { rows } = await ok(ctx, 'reconcile.proposals', {});
    expect(rows.map((p) => [p.kind, p.sure, p.reason.code])).toEqual([['consolidated', true, 'match.batch']]);
    const assignment = await ok(ctx, 'reconcile.accept', { id: rows[0]!.id });

    const after = await paymentsOnScreen();
    expect(after).toEqual([
      { amountCents: 31_000, settled: 31_000, assigned: 31_000, available: 0 },
      { amountCents: 78_040, settled: 78_040, assigned: 78_040, available: 0 },
    ]);
    expect((await ok(ctx, 'payments.list', {})).rows.map((p) => p.status)).toEqual(['Collected', 'Collected']);
    // Each entry's item names its own payment, not the block's first.
    const itemPayments = ctx.db
      .prepare('SELECT DISTINCT payment_id AS id FROM entry_item WHERE assignment_id = ? AND payment_id IS NOT NULL')
      .all(assignment.id);
    expect(itemPayments).toHaveLength(2);

    await ok(ctx, 'reconcile.undo', { id: assignment.id });
    expect(await paymentsOnScreen()).toEqual(before);
  });
});
