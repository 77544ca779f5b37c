/**
 * PSP settlement reports on a real ledger file: the bank statement shows one
 * payout per PSP; each PSP's report splits it into the customer payments,
 * refunds, chargebacks and fees it carries. After a matching run the fees
 * are booked as fees, each payout is linked to its bank line, and the
 * payments settle their open entries by the shop's reference — whichever
 * came first, the report or the bank statement.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/dates';
import { ok, tempContext } from './helpers';

let ctx: ReturnType<typeof tempContext>;
beforeEach(() => {
  ctx = tempContext(fixedClock('2026-12-02T09:00:00Z'));
});
afterEach(() => ctx.cleanup());

const OUR_IBAN = 'DE89370400440532013000';
const SAMPLES = join(__dirname, '..', '..', 'electron', 'statements', 'samples', 'psp');
const REPORTS = [
  'adyen-settlement_detail_report_batch_7.csv',
  'stripe-payout_reconciliation_itemized.csv',
  'paypal-STL-20261129.A.01.009.CSV',
  'mollie-settlement-1234567.2611.01.csv',
];
/** The payouts as the bank books them: amount, day, payer and text (Stripe's and PayPal's without their payout id, as banks often show them). */
const PAYOUTS = [
  { cents: 10022, day: '261126', name: 'ADYEN N.V.', text: 'TX8837262XT KontorShopDE, batch 7' },
  { cents: 29288, day: '261127', name: 'STRIPE', text: 'STRIPE PAYMENTS EUROPE LTD' },
  { cents: 18722, day: '261130', name: 'PAYPAL EUROPE S.A.R.L.', text: '1049271828374 PP.3001.PP ABBUCHUNG VOM PAYPAL-KONTO' },
  { cents: 14641, day: '261201', name: 'Stichting Mollie Payments', text: 'T1234567 Mollie Payments' },
  // Same amount as the Stripe payout, no PSP named: never linked on the amount alone.
  { cents: 29288, day: '261127', name: 'Meyer Handels GmbH', text: 'Rechnung 8812' },
];

function bankStatement(): string {
  const fmt = (c: number) => `${Math.floor(c / 100)},${String(c % 100).padStart(2, '0')}`;
  const total = PAYOUTS.reduce((s, p) => s + p.cents, 0);
  const body = PAYOUTS.flatMap((p, i) => [
    `:61:${p.day}${p.day.slice(2)}C${fmt(p.cents)}NTRFNONREF//B${i}`,
    `:86:166?00SEPA-GUTSCHRIFT?20${p.text.slice(0, 27)}?21${p.text.slice(27, 54)}?32${p.name.slice(0, 27)}`,
  ]);
  return [':20:STARTUMS', `:25:${OUR_IBAN}`, ':28C:1/1', ':60F:C261125EUR0,00', ...body, `:62F:C261201EUR${fmt(total)}`, '-'].join('\r\n');
}

const importFile = (fileName: string, bytes: Buffer) => ok(ctx, 'statements.import', { fileName, base64: bytes.toString('base64') });

async function openItems() {
  const entity = await ok(ctx, 'entities.create', { name: 'Kontor Demo GmbH' });
  await ok(ctx, 'bankAccounts.create', { entityId: entity.id, name: 'Hauptkonto', iban: OUR_IBAN });
  const shop = await ok(ctx, 'accounts.create', { kind: 'customer', number: 'K-SHOP', name: 'Onlineshop-Kunden' });
  const invoices: [string, number][] = [
    ['RE-2026-1001', 11900],
    ['RE-2026-1002', 5950],
    ['RE-2026-2001', 25000],
    ['RE-2026-2002', 8000],
    ['RE-2026-3001', 15470],
    ['RE-2026-3002', 4990],
    ['RE-2026-4001', 12100],
    ['RE-2026-4002', 3570],
  ];
  const ids = new Map<string, number>();
  for (const [number, amountCents] of invoices) {
    const e = await ok(ctx, 'entries.create', {
      entityId: entity.id,
      accountId: shop.id,
      type: 'Debit',
      number,
      statementDate: '2026-11-20',
      dueDate: '2026-11-22',
      amountCents,
    });
    ids.set(number, e.id);
  }
  return ids;
}

const lineStates = () =>
  ctx.db
    .prepare(
      `SELECT l.bank_tx_code AS code, l.amount_cents AS cents, l.match_state AS state, s.report_kind AS kind, l.counterparty_name AS name
       FROM statement_line l JOIN statement s ON s.id = l.statement_id ORDER BY l.id`,
    )
    .all() as { code: string | null; cents: number; state: string; kind: string; name: string | null }[];

describe.each([
  ['the reports before the bank statement', true],
  ['the bank statement before the reports', false],
])('PSP settlement reports, %s', (_, reportsFirst) => {
  it('split each payout into the payments it carries, settle the invoices by reference, book fees and link the payouts', async () => {
    const entries = await openItems();
    const reports = async () => {
      for (const f of REPORTS) expect((await importFile(f, readFileSync(join(SAMPLES, f)))).stored).toHaveLength(1);
    };
    if (reportsFirst) await reports();
    await importFile('umsatz.sta', Buffer.from(bankStatement(), 'latin1'));
    if (!reportsFirst) await reports();

    await ok(ctx, 'reconcile.run', {});
    await ok(ctx, 'reconcile.acceptSure', {});

    for (const [number, id] of entries) expect(await ok(ctx, 'entries.get', { id }), number).toMatchObject({ status: 'Balanced', openAmountCents: 0 });
    const lines = lineStates();
    const psp = lines.filter((l) => l.kind === 'psp');
    expect(psp.filter((l) => l.code === 'PSP:FEE').every((l) => l.state === 'matched')).toBe(true);
    expect(psp.filter((l) => l.code === 'PSP:PAYOUT').map((l) => l.state)).toEqual(['matched', 'matched', 'matched', 'matched']);
    const bank = lines.filter((l) => l.kind === 'mt940');
    expect(bank.map((l) => l.state)).toEqual(['matched', 'matched', 'matched', 'matched', 'unmatched']);
    expect(bank[4]!.name).toBe('Meyer Handels GmbH');
    // Refunds and a chargeback of earlier invoices have no open entry here: they wait for a person.
    expect(psp.filter((l) => l.code === 'PSP:REFUND' || l.code === 'PSP:CHARGEBACK').every((l) => l.state !== 'matched')).toBe(true);
    const audit = ctx.db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'statement.pspPayoutLinked'`).get() as { n: number };
    expect(audit.n).toBe(4);
  });
});
