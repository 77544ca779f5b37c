/**
 * The CSV the ERP clears its open items with: one row per settlement of an
 * entry, with the date the money moved, the amount as the ledger signs it and
 * the bank's reference, written by the safe CSV writer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, tempContext } from './helpers';

let ctx: ReturnType<typeof tempContext>;
beforeEach(() => {
  ctx = tempContext();
});
afterEach(() => ctx.cleanup());

const OUR_IBAN = 'DE89370400440532013000';

/** A German MT940 booking 20 Nov 2026 (amount in cents, + = money in), opening 0. */
function mt940(lines: { cents: number; name: string; text: string }[]): string {
  const fmt = (c: number) => `${Math.floor(Math.abs(c) / 100)},${String(Math.abs(c) % 100).padStart(2, '0')}`;
  const total = lines.reduce((s, l) => s + l.cents, 0);
  const body = lines.flatMap((l, i) => [
    `:61:2611201120${l.cents < 0 ? 'D' : 'C'}R${fmt(l.cents)}NTRFKREF${i}//BANKREF${i}`,
    `:86:166?00SEPA-GUTSCHRIFT?20SVWZ+${l.text}?32${l.name}`,
  ]);
  return [':20:STARTUMS', `:25:${OUR_IBAN}`, ':28C:1/1', ':60F:C261119EUR0,00', ...body, `:62F:C261120EUR${fmt(total)}`, '-'].join('\r\n');
}

const rowsOf = (base64: string) =>
  Buffer.from(base64, 'base64')
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

describe('ERP export of settled entries', () => {
  it('lists each settled entry with the date paid, the amount, the bank reference and how, and only those in the date range', async () => {
    const entity = await ok(ctx, 'entities.create', { name: 'Kontor Demo GmbH' });
    await ok(ctx, 'bankAccounts.create', { entityId: entity.id, name: 'Hauptkonto', iban: OUR_IBAN });
    const customer = await ok(ctx, 'accounts.create', { kind: 'customer', number: 'K-1', name: 'Müller & Söhne KG' });
    for (const [number, cents] of [
      ['=RE-2026-001', 123456],
      ['RE-2026-002', 5000],
    ] as const)
      await ok(ctx, 'entries.create', { entityId: entity.id, accountId: customer.id, type: 'Debit', number, statementDate: '2026-11-01', amountCents: cents });
    const bytes = Buffer.from(mt940([{ cents: 123456, name: 'Mueller und Soehne', text: 'RE =RE-2026-001' }]), 'latin1');
    await ok(ctx, 'statements.import', { fileName: 'umsatz.sta', base64: bytes.toString('base64') });
    await ok(ctx, 'reconcile.run', { acceptSure: true });
    // Paid in cash at the counter: the ERP has to clear it as well.
    const cash = (await ok(ctx, 'entries.list', { search: 'RE-2026-002' })).rows[0]!;
    await ok(ctx, 'entries.settle', { id: cash.id, reason: 'cash', date: '2026-11-23', note: 'Kasse' });

    const csv = await ok(ctx, 'orders.erpExport', { separator: ';' });
    expect(csv).toMatchObject({ rows: 2, mimeType: 'text/csv' });
    const [header, ...rows] = rowsOf(csv.base64);
    expect(header).toBe('entry_number;entry_type;date_paid;amount;currency;bank_reference;open_amount;settled_by');
    // The entry number that starts like a formula is written as text; the amounts are plain numbers.
    expect(rows).toEqual([`"'=RE-2026-001";Debit;2026-11-20;1234.56;EUR;BANKREF0;0.00;bank`, 'RE-2026-002;Debit;2026-11-23;50.00;EUR;;0.00;cash']);

    expect((await ok(ctx, 'orders.erpExport', { from: '2026-11-21', separator: ';' })).rows).toBe(1);
    expect((await ok(ctx, 'orders.erpExport', { from: '2026-11-20', to: '2026-11-20', separator: ',' })).rows).toBe(1);
  });
});
