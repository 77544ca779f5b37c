/**
 * Mollie's settlement export (Dashboard → Settlements → a reference →
 * "Download as CSV"): one row per payment, refund, chargeback or cost of the
 * settlement. Mollie documents what a settlement contains (revenue,
 * deductions, costs; docs.mollie.com "Settlement report") but not the CSV's
 * column names, so the columns are found by the names its exports have been
 * seen with, in English and Dutch, and a file without an amount, a date
 * and an id or description column is not taken for one. Refunds and
 * chargebacks are money out whatever sign the file gives them; costs too.
 * The bank shows the payout with the settlement reference (`T` + its first
 * part since 2020, help.mollie.com), which the payout booking carries.
 */
import { malformedAt } from '../errors';
import type { PspBatch, PspItem, PspItemKind } from './batch';
import { columnsOf, dayOf, majorUnits, rawRange, type PspTable } from './table';

const AMOUNT = ['Settlement amount', 'Amount', 'Bedrag', 'Net amount'];
const CURRENCY = ['Settlement currency', 'Currency', 'Valuta'];
const DATE = ['Date', 'Datum', 'Created at', 'Transaction date', 'Settlement date'];
const ID = ['ID', 'Payment ID', 'Transaction ID', 'Refund ID'];
const TYPE = ['Type', 'Category', 'Payment method', 'Betaalmethode'];
const SETTLEMENT = ['Settlement reference', 'Settlement', 'Uitbetalingsreferentie', 'Settlement ID'];

export function isMollieReport(header: readonly string[]): boolean {
  const c = columnsOf(header);
  return c.has(...SETTLEMENT) && c.has(...AMOUNT) && c.has(...DATE) && (c.has(...ID) || c.has('Description', 'Omschrijving'));
}

function kindOf(id: string, type: string): PspItemKind {
  const t = type.toLowerCase();
  if (id.startsWith('re_') || /refund|terugbetaling/.test(t)) return 'refund';
  if (id.startsWith('chb_') || /chargeback|storno/.test(t)) return 'chargeback';
  if (/fee|cost|kosten|invoice|factuur/.test(t)) return 'fee';
  if (/correction|correctie|rounding/.test(t)) return 'adjustment';
  return 'payment';
}

export function readMollie(t: PspTable): PspBatch[] {
  const [header, ...rows] = t.records;
  const c = columnsOf(header!.cells);
  const batches = new Map<string, PspBatch>();
  rows.forEach((r, k) => {
    const amountText = c.cell(r.cells, ...AMOUNT);
    if (amountText === '') return;
    const currency = (c.cell(r.cells, ...CURRENCY) || 'EUR').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw malformedAt(0, `"${currency.slice(0, 10)}" is not a currency`, r.line);
    const reference = c.cell(r.cells, ...SETTLEMENT) || 'open';
    let batch = batches.get(`${reference}\u0000${currency}`);
    if (!batch) batches.set(`${reference}\u0000${currency}`, (batch = { provider: 'mollie', account: 'balance', batchId: reference, currency, items: [] }));
    const id = c.cell(r.cells, ...ID);
    const type = c.cell(r.cells, ...TYPE);
    const kind = kindOf(id, type);
    const amount = majorUnits(amountText, r.line);
    const item: PspItem = {
      kind,
      date: dayOf(c.cell(r.cells, ...DATE), r.line),
      amountCents: kind === 'payment' || kind === 'adjustment' ? amount : -Math.abs(amount),
      typeText: type,
      ...rawRange(t, r.line, rows[k + 1]?.line ?? Number.MAX_SAFE_INTEGER),
    };
    const description = c.cell(r.cells, 'Description', 'Omschrijving');
    const customer = c.cell(r.cells, 'Consumer name', 'Naam consument', 'Customer name');
    if (id) item.pspReference = id;
    if (description) item.merchantReference = description;
    if (customer) item.customerName = customer;
    batch.items.push(item);
  });
  return [...batches.values()].map((batch) => {
    if (batch.batchId === 'open') return batch;
    const total = batch.items.reduce((s, i) => s + i.amountCents, 0);
    const last = [...batch.items].sort((a, b) => a.date.localeCompare(b.date)).pop();
    const bankText = `T${batch.batchId.split('.')[0]} ${batch.batchId}`;
    batch.items.push({
      kind: 'payout',
      date: last?.date ?? '',
      amountCents: -total,
      typeText: 'settlement',
      payoutReference: bankText,
      pspReference: batch.batchId,
      rawStart: 0,
      rawEnd: 0,
    });
    return batch;
  });
}
