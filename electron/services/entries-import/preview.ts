/**
 * Applies a mapping to every data row of a sniffed file: each row becomes the
 * entry it would be, or a list of what is wrong with it in words. Bad data
 * never throws here; a row passes exactly the validation of an entry typed
 * on screen (EntryInput and the rules of `entries.create`) plus the checks
 * only an import needs (duplicates within the file, unknown customers).
 * Each field has its reader (fields.ts); `rowOf` reads them in order.
 *
 * Rows are read one after the other and, for a preview, only the rows shown
 * are kept (`limit`): a 15 MB file does not hold a hundred thousand row
 * objects at once.
 */
import {
  IMPORT_FIELDS,
  type ImportEntry,
  type ImportField,
  type ImportMapping,
  type ImportMappingIssue,
  type ImportPreviewRow,
  type PlannedInstrument,
  type TypeTotal,
} from '../../../shared/entry-import';
import { InstrumentPlan } from '../parties/bank-details';
import { currencyField, fieldIndexes } from '../../csv/fields';
import { recordProblems } from '../../csv/row-errors';
import type { DataRow, Sniffed } from '../../csv/sniff';
import {
  bankDetails,
  entryAmount,
  entryDates,
  entryNumber,
  entryType,
  EntryRow,
  mandate,
  party,
  paymentMethod,
  paymentReference,
  uniqueNumber,
  type FileContext,
  type LedgerLookup,
} from './fields';
import { mappingIssues } from './mapping';

export type { LedgerLookup } from './fields';

export interface PreviewResult {
  /** Every row, or with `limit` the failed ones (up to the limit) and then the first good ones, in line order. */
  rows: ImportPreviewRow[];
  mappingIssues: ImportMappingIssue[];
  totals: { rows: number; ok: number; failed: number; newAccounts: number; newMandates: number; newBankDetails: number };
  typeTotals: TypeTotal[];
}

interface RowFile extends FileContext {
  /** The column index of each mapped field. */
  fieldIndex: Partial<Record<ImportField, number>>;
  mapped: ImportField[];
  columnCount: number;
}

function rowOf(f: RowFile, row: DataRow): ImportPreviewRow {
  const values: Record<string, string> = {};
  const r = new EntryRow(row.cells, f.fieldIndex, f.mapping.columns);
  for (const field of f.mapped) values[field] = r.cell(field);
  recordProblems(row, f.columnCount, r.errors);

  entryType(f, r);
  const amount = entryAmount(f, r);
  const { statementDate, dueDate } = entryDates(f, r);
  const currency = currencyField(r, 'currency', f.mapping.currency, amount.currency);
  const account = party(f, r);
  const collectWith = mandate(f, r, account);
  const details = bankDetails(f, r, account, collectWith.planned?.iban ?? null);
  const { method, instrumentId } = paymentMethod(f, r, collectWith.id, collectWith.planned !== null, account.paymentMethod);
  const number = entryNumber(r);
  const reference = paymentReference(r);
  uniqueNumber(f, r, number, row.line);

  const { errors } = r;
  const ok = errors.list.length === 0;
  if (ok && account.newAccount && !f.newAccounts.has(account.newAccount.number)) f.newAccounts.set(account.newAccount.number, account.newAccount);
  const instruments = [collectWith.planned, details].filter((p): p is PlannedInstrument => p !== null);
  if (ok) for (const p of instruments) f.plan.add(p);
  const out: ImportPreviewRow = { line: row.line, ok, values, errors: errors.list };
  if (instruments.length > 0) out.instruments = instruments;
  if (collectWith.planned?.mandateId) out.newMandate = collectWith.planned.mandateId;
  if (ok) {
    // Every part is known to be there and valid when the row has no error.
    const entry: ImportEntry = {
      entityId: f.lookup.entityId,
      accountId: account.accountId,
      type: r.type!,
      number: number!,
      statementDate: statementDate!,
      dueDate,
      currency,
      amountCents: amount.magnitude!,
      paymentReference: reference,
      requestedMethod: method,
      requestedInstrumentId: instrumentId,
      requestedBankAccountId: f.lookup.preferredBankAccountId,
      needsApproval: r.type === 'Credit' && f.mapping.needsApproval,
    };
    out.entry = entry;
  }
  if (account.account) out.account = account.account;
  if (account.newAccount) out.newAccount = account.newAccount;
  return out;
}

export interface PreviewOptions {
  /** Keep only what a preview shows: the first `limit` failed rows, then good ones up to `limit` in all. */
  limit?: number;
}

export function previewRows(sniffed: Sniffed, mapping: ImportMapping, lookup: LedgerLookup, options: PreviewOptions = {}): PreviewResult {
  const { columns, detected } = sniffed;
  const f: RowFile = {
    mapping,
    detected,
    lookup,
    fieldIndex: fieldIndexes(IMPORT_FIELDS, mapping.columns, columns),
    mapped: IMPORT_FIELDS.filter((field) => mapping.columns[field] !== null),
    columnCount: columns.length,
    firstLineOf: new Map(),
    newAccounts: new Map(),
    plan: new InstrumentPlan(lookup),
  };
  const sums = new Map<string, TypeTotal>();
  const limit = options.limit ?? Infinity;
  const failed: ImportPreviewRow[] = [];
  const good: ImportPreviewRow[] = [];
  let ok = 0;
  for (const row of sniffed.rows) {
    const result = rowOf(f, row);
    if (result.ok) ok++;
    if (result.entry) addToTotals(sums, result.entry);
    const kept = result.ok ? good : failed;
    if (kept.length < limit) kept.push(result);
  }
  const total = sniffed.rows.length;
  const rows = limit === Infinity ? [...failed, ...good] : [...failed, ...good.slice(0, Math.max(0, limit - failed.length))];
  rows.sort((a, b) => a.line - b.line);
  return {
    rows,
    mappingIssues: mappingIssues(mapping, columns),
    totals: {
      rows: total,
      ok,
      failed: total - ok,
      newAccounts: f.newAccounts.size,
      newMandates: f.plan.count('sepa_mandate'),
      newBankDetails: f.plan.count('bank_details'),
    },
    typeTotals: [...sums.values()].sort((a, b) => (a.type === b.type ? a.currency.localeCompare(b.currency) : a.type === 'Debit' ? -1 : 1)),
  };
}

/** Adds a row to the totals per type and currency. */
function addToTotals(sums: Map<string, TypeTotal>, entry: ImportEntry): void {
  const key = `${entry.type} ${entry.currency}`;
  const sum = sums.get(key) ?? { type: entry.type, currency: entry.currency, count: 0, amountCents: 0 };
  sum.count++;
  sum.amountCents += entry.amountCents;
  sums.set(key, sum);
}
