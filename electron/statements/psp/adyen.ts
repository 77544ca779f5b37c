/**
 * Adyen's settlement details report (`settlement_detail_report_batch_N.csv`,
 * docs.adyen.com "Settlement details report"): one row per journal entry of
 * a payable batch, read by header name because Adyen reorders and adds
 * columns. Debit and credit stand in separate, unsigned columns; the net
 * columns are in the settlement currency; the costs of a transaction
 * (Commission, Markup, Scheme Fees, Interchange) are what gross and net
 * differ by, so a payment is booked at its gross with its costs as a fee
 * booking beside it — the invoice is matched at what the customer paid.
 */
import { malformedAt } from '../errors';
import type { PspBatch, PspItem, PspItemKind } from './batch';
import { columnsOf, dayOf, majorUnits, rawRange, type PspTable } from './table';

const KIND: Readonly<Record<string, PspItemKind>> = {
  settled: 'payment',
  settledbulk: 'payment',
  chargebackreversed: 'payment',
  refundedreversed: 'adjustment',
  refunded: 'refund',
  refundedbulk: 'refund',
  refundedexternally: 'refund',
  chargeback: 'chargeback',
  secondchargeback: 'chargeback',
  fee: 'fee',
  misccosts: 'fee',
  paymentcost: 'fee',
  authorisationschemefee: 'fee',
  invoicededuction: 'fee',
  merchantpayout: 'payout',
  paidout: 'payout',
};

const kindOf = (type: string): PspItemKind => KIND[type.toLowerCase().replace(/[^a-z]/g, '')] ?? 'adjustment';

export function isAdyenReport(header: readonly string[]): boolean {
  const c = columnsOf(header);
  return c.has('Merchant Account') && c.has('Psp Reference') && c.has('Type') && (c.has('Net Credit (NC)') || c.has('Net Debit (NC)'));
}

export function readAdyen(t: PspTable): PspBatch[] {
  const [header, ...rows] = t.records;
  const c = columnsOf(header!.cells);
  const batches = new Map<string, PspBatch>();
  rows.forEach((r, k) => {
    const type = c.cell(r.cells, 'Type');
    if (type === '') return;
    const currency = c.cell(r.cells, 'Net Currency').toUpperCase() || c.cell(r.cells, 'Gross Currency').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw malformedAt(0, 'the row names no settlement currency (Net Currency)', r.line);
    const net = majorUnits(c.cell(r.cells, 'Net Credit (NC)'), r.line) - majorUnits(c.cell(r.cells, 'Net Debit (NC)'), r.line);
    const costs = ['Commission (NC)', 'Markup (NC)', 'Scheme Fees (NC)', 'Interchange (NC)'].reduce((s, n) => s + majorUnits(c.cell(r.cells, n), r.line), 0);
    const kind = kindOf(type);
    const account = c.cell(r.cells, 'Merchant Account') || c.cell(r.cells, 'Company Account');
    const batchId = c.cell(r.cells, 'Batch Number') || 'batch';
    const key = `${account}\u0000${batchId}\u0000${currency}`;
    let batch = batches.get(key);
    if (!batch) batches.set(key, (batch = { provider: 'adyen', account, batchId, currency, items: [] }));
    const base = {
      date: dayOf(c.cell(r.cells, 'Booking Date', 'Creation Date'), r.line),
      typeText: [type, c.cell(r.cells, 'Payment Method')].filter(Boolean).join(' '),
      ...rawRange(t, r.line, rows[k + 1]?.line ?? Number.MAX_SAFE_INTEGER),
    };
    const item: PspItem = { ...base, kind, amountCents: kind === 'fee' || kind === 'payout' ? net : net + costs };
    const psp = c.cell(r.cells, 'Psp Reference');
    const merchant = c.cell(r.cells, 'Merchant Reference') || c.cell(r.cells, 'Modification Merchant Reference');
    if (psp) item.pspReference = psp;
    if (merchant) item.merchantReference = merchant;
    if (kind === 'payout') item.payoutReference = c.cell(r.cells, 'Modification Reference');
    batch.items.push(item);
    if (kind !== 'fee' && kind !== 'payout' && costs !== 0) {
      batch.items.push({ ...base, kind: 'fee', amountCents: -costs, typeText: `Fee ${type}`, ...(psp ? { pspReference: psp } : {}) });
    }
  });
  // Rows without a batch number (the fee and correction lines of older reports) belong to the file's one batch.
  return mergeUnnumbered([...batches.values()]);
}

function mergeUnnumbered(batches: PspBatch[]): PspBatch[] {
  const numbered = batches.filter((b) => b.batchId !== 'batch');
  for (const loose of batches.filter((b) => b.batchId === 'batch')) {
    const home = numbered.find((b) => b.account === loose.account && b.currency === loose.currency);
    if (home) home.items.push(...loose.items);
    else numbered.push(loose);
  }
  for (const b of numbered) b.items.sort((x, y) => x.rawStart - y.rawStart);
  return numbered;
}
