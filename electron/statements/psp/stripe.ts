/**
 * Stripe's itemized payout reconciliation report
 * (`payout_reconciliation.itemized.*`, docs.stripe.com/reports): one row per
 * balance transaction, grouped into payouts by `automatic_payout_id`.
 * Amounts are major units (`decimal_separator` may make them commas),
 * currencies lower case; `net` = `gross` − `fee`. The payout itself is not a
 * row of this report: it is the negative of what its rows add up to, dated
 * on the day it reaches the bank (`automatic_payout_effective_at`).
 */
import { malformedAt } from '../errors';
import type { PspBatch, PspItem, PspItemKind } from './batch';
import { columnsOf, dayOf, majorUnits, rawRange, type Columns, type PspTable } from './table';

const KIND: Readonly<Record<string, PspItemKind>> = {
  charge: 'payment',
  payment: 'payment',
  refund: 'refund',
  partial_capture_reversal: 'refund',
  dispute: 'chargeback',
  dispute_reversal: 'adjustment',
  fee: 'fee',
  payout: 'payout',
};

/** Where the shop's reference may stand; metadata keys are the merchant's own, these are the usual ones. */
const REFERENCE_COLUMNS = ['invoice_number', 'payment_metadata[invoice]', 'payment_metadata[order_id]', 'payment_metadata[reference]', 'description'];

export function isStripeReport(header: readonly string[]): boolean {
  const c = columnsOf(header);
  return c.has('balance_transaction_id') && c.has('reporting_category') && c.has('net');
}

function referenceOf(c: Columns, cells: readonly string[]): string | undefined {
  const found = REFERENCE_COLUMNS.map((n) => (c.has(n) ? c.cell(cells, n) : '')).filter((v) => v !== '');
  return found.length > 0 ? [...new Set(found)].join(' ') : undefined;
}

export function readStripe(t: PspTable): PspBatch[] {
  const [header, ...rows] = t.records;
  const c = columnsOf(header!.cells);
  const batches = new Map<string, PspBatch & { payoutDate?: string; hasPayoutRow: boolean }>();
  rows.forEach((r, k) => {
    const category = c.cell(r.cells, 'reporting_category').toLowerCase();
    if (category === '') return;
    const currency = c.cell(r.cells, 'currency').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw malformedAt(0, 'the row names no currency', r.line);
    const payoutId = c.cell(r.cells, 'automatic_payout_id') || 'unpaid';
    const key = `${payoutId}\u0000${currency}`;
    let batch = batches.get(key);
    if (!batch)
      batches.set(
        key,
        (batch = {
          provider: 'stripe',
          account: c.cell(r.cells, 'connected_account_id') || 'account',
          batchId: payoutId,
          currency,
          items: [],
          hasPayoutRow: false,
        }),
      );
    const effective = c.cell(r.cells, 'automatic_payout_effective_at', 'automatic_payout_effective_at_utc');
    if (effective && !batch.payoutDate) batch.payoutDate = dayOf(effective, r.line);
    const kind = KIND[category] ?? 'adjustment';
    const gross = majorUnits(c.cell(r.cells, 'gross'), r.line);
    const fee = majorUnits(c.cell(r.cells, 'fee'), r.line);
    const net = majorUnits(c.cell(r.cells, 'net'), r.line);
    const base = {
      date: dayOf(c.cell(r.cells, 'created', 'created_utc', 'available_on'), r.line),
      typeText: category,
      ...rawRange(t, r.line, rows[k + 1]?.line ?? Number.MAX_SAFE_INTEGER),
    };
    const psp = c.cell(r.cells, 'source_id', 'charge_id', 'balance_transaction_id');
    const item: PspItem = { ...base, kind, amountCents: kind === 'fee' || kind === 'payout' || fee === 0 ? net : gross };
    if (psp) item.pspReference = psp;
    const reference = kind === 'payout' ? undefined : referenceOf(c, r.cells);
    if (reference) item.merchantReference = reference;
    const customer = c.cell(r.cells, 'customer_name', 'customer_description');
    if (customer) item.customerName = customer;
    if (kind === 'payout') {
      batch.hasPayoutRow = true;
      item.payoutReference = payoutId;
    }
    batch.items.push(item);
    if (kind !== 'fee' && kind !== 'payout' && fee !== 0)
      batch.items.push({ ...base, kind: 'fee', amountCents: -fee, typeText: `fee ${category}`, ...(psp ? { pspReference: psp } : {}) });
  });
  return [...batches.values()].map(({ payoutDate, hasPayoutRow, ...batch }) => {
    if (batch.batchId !== 'unpaid' && !hasPayoutRow) {
      const total = batch.items.reduce((s, i) => s + i.amountCents, 0);
      const last = batch.items[batch.items.length - 1];
      batch.items.push({
        kind: 'payout',
        date: payoutDate ?? last?.date ?? '',
        amountCents: -total,
        typeText: 'payout',
        payoutReference: batch.batchId,
        pspReference: batch.batchId,
        rawStart: 0,
        rawEnd: 0,
      });
    }
    return batch;
  });
}
