/**
 * PayPal's SFTP reports — the Settlement Report (STL) and the Transaction
 * Detail Report (TRR), developer.paypal.com/docs/reports/sftp-reports: rows
 * typed by their first cell (`RH` report header with the account id, `CH`
 * the column names of the `SB` rows that follow, footers and counts).
 * Amounts are unsigned minor units with `CR`/`DR` beside them; the fee of a
 * transaction stands on its row. A withdrawal to the bank (event codes
 * T04xx) is the payout; the report is read as one batch per currency.
 */
import { malformedAt } from '../errors';
import type { PspBatch, PspItem, PspItemKind } from './batch';
import { columnsOf, dayOf, minorUnits, rawRange, type Columns, type PspTable } from './table';
import type { CsvRecord } from '../../csv/parse';

export function isPayPalReport(records: readonly CsvRecord[]): boolean {
  const first = records[0]?.cells[0];
  const ch = records.find((r) => r.cells[0] === 'CH');
  return first === 'RH' && ch !== undefined && columnsOf(ch.cells).has('Transaction Event Code');
}

function kindOf(code: string): PspItemKind {
  if (/^T04/.test(code)) return 'payout';
  if (/^T11/.test(code)) return 'refund';
  if (/^T12/.test(code)) return 'chargeback';
  if (/^T01/.test(code)) return 'fee';
  if (/^T0[0-9]/.test(code)) return 'payment';
  return 'adjustment';
}

const signed = (amount: number, mark: string, line: number): number => {
  if (amount === 0) return 0;
  if (mark === 'CR') return amount;
  if (mark === 'DR') return -amount;
  throw malformedAt(0, `"${mark}" is neither CR nor DR`, line);
};

function itemOf(c: Columns, r: CsvRecord, range: { rawStart: number; rawEnd: number }): { item: PspItem; fee: number; currency: string } {
  const code = c.cell(r.cells, 'Transaction Event Code');
  const kind = kindOf(code);
  const item: PspItem = {
    kind,
    date: dayOf(c.cell(r.cells, 'Transaction Completion Date', 'Transaction Initiation Date'), r.line),
    amountCents: signed(minorUnits(c.cell(r.cells, 'Gross Transaction Amount'), r.line), c.cell(r.cells, 'Transaction Debit or Credit'), r.line),
    typeText: code,
    ...range,
  };
  const id = c.cell(r.cells, 'Transaction ID');
  const reference = c.cell(r.cells, 'Invoice ID') || c.cell(r.cells, 'Custom Field');
  const customer = c.cell(r.cells, 'Consumer Business Name') || [c.cell(r.cells, 'First Name'), c.cell(r.cells, 'Last Name')].filter(Boolean).join(' ');
  if (id) item.pspReference = id;
  if (reference && kind !== 'payout') item.merchantReference = reference;
  if (customer) item.customerName = customer;
  if (kind === 'payout' && id) item.payoutReference = id;
  const fee = signed(minorUnits(c.cell(r.cells, 'Fee Amount'), r.line), c.cell(r.cells, 'Fee Debit or Credit') || 'DR', r.line);
  return { item, fee, currency: c.cell(r.cells, 'Gross Transaction Currency').toUpperCase() };
}

export function readPayPal(t: PspTable): PspBatch[] {
  const account = t.records[0]?.cells[3]?.trim() || 'account';
  const reportDate = t.records[0]?.cells[1]?.trim() ?? '';
  const batches = new Map<string, PspBatch>();
  let c: Columns | null = null;
  t.records.forEach((r, k) => {
    const type = r.cells[0]?.trim();
    if (type === 'CH') c = columnsOf(r.cells);
    if (type !== 'SB') return;
    if (c === null) throw malformedAt(0, 'a transaction row (SB) comes before the column header (CH)', r.line);
    // Only completed transactions move the balance (TRR: `S`); the settlement report has no status column.
    const status = c.cell(r.cells, 'Transactional Status');
    const { item, fee, currency } = itemOf(c, r, rawRange(t, r.line, t.records[k + 1]?.line ?? Number.MAX_SAFE_INTEGER));
    if (!/^[A-Z]{3}$/.test(currency)) throw malformedAt(0, 'the row names no currency', r.line);
    if (status !== '' && status !== 'S') return;
    let batch = batches.get(currency);
    if (!batch)
      batches.set(currency, (batch = { provider: 'paypal', account, batchId: reportDate.slice(0, 10).replace(/\//g, '-') || 'report', currency, items: [] }));
    batch.items.push(item);
    if (fee !== 0) {
      const { merchantReference: _reference, payoutReference: _payout, ...rest } = item;
      batch.items.push({ ...rest, kind: 'fee', amountCents: fee, typeText: `${item.typeText} fee` });
    }
  });
  return [...batches.values()];
}
