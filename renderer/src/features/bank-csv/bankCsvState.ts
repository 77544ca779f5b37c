/**
 * What the bank CSV dialog decides, without React: how an edit changes the
 * mapping, which fields the editor shows for the amount mode, which rows
 * are skipped, where the filter went wrong, and whether "Import" may be
 * pressed. The main process recomputes the preview after each change.
 */
import {
  AMOUNT_FIELDS_BY_MODE,
  BANK_CSV_FIELDS,
  requiredBankCsvFields,
  type BankCsvField,
  type BankCsvMapping,
  type BankCsvPreview,
  type BankCsvPreviewRow,
} from '../../../../shared/bank-csv';

export type AmountMode = BankCsvMapping['amountMode'];

const BEFORE_AMOUNT: readonly BankCsvField[] = ['bookingDate', 'valueDate'];
const AMOUNT_COLUMNS = new Set<BankCsvField>(['amount', 'debit', 'credit', 'direction']);
/** Every other field, in the contract's order. */
const AFTER_AMOUNT = BANK_CSV_FIELDS.filter((f) => !BEFORE_AMOUNT.includes(f) && !AMOUNT_COLUMNS.has(f));

/** Without these no row can become a statement line (the amount ones depend on the mode). */
export function requiredFields(mode: AmountMode): readonly BankCsvField[] {
  return requiredBankCsvFields(mode);
}

/** The fields in the order the editor shows them, for the amount mode. */
export function editorFields(mode: AmountMode): readonly BankCsvField[] {
  return [...BEFORE_AMOUNT, ...AMOUNT_FIELDS_BY_MODE[mode], ...AFTER_AMOUNT];
}

/** A column feeds one field: it is taken from any other field that had it. */
export function withColumn(m: BankCsvMapping, field: BankCsvField, column: string | null): BankCsvMapping {
  const columns = { ...m.columns };
  if (column !== null) {
    for (const f of Object.keys(columns) as BankCsvField[]) if (columns[f] === column) columns[f] = null;
  }
  columns[field] = column;
  return { ...m, columns };
}

/** Changes the amount mode; the amount columns the new mode does not read are cleared. */
export function withAmountMode(m: BankCsvMapping, mode: AmountMode): BankCsvMapping {
  const columns = { ...m.columns };
  const used = new Set(AMOUNT_FIELDS_BY_MODE[mode]);
  for (const f of AMOUNT_COLUMNS) if (!used.has(f)) columns[f] = null;
  return { ...m, amountMode: mode, columns };
}

/** Skips (or takes back) the row in physical line `line`. */
export function withSkipped(m: BankCsvMapping, line: number, skip: boolean): BankCsvMapping {
  const set = new Set(m.skipLines);
  if (skip) set.add(line);
  else set.delete(line);
  return { ...m, skipLines: [...set].sort((a, b) => a - b) };
}

/** Skips every failed row of the preview. */
export function withFailedSkipped(m: BankCsvMapping, rows: readonly BankCsvPreviewRow[]): BankCsvMapping {
  const set = new Set(m.skipLines);
  for (const r of rows) if (r.state === 'failed') set.add(r.line);
  return { ...m, skipLines: [...set].sort((a, b) => a - b) };
}

/** The filter text split where its error is, for marking it. Positions count from 0 and are clamped. */
export function filterMark(text: string, position: number): { before: string; at: string; after: string } {
  const p = Math.max(0, Math.min(Math.trunc(position), text.length));
  return { before: text.slice(0, p), at: text.slice(p, p + 1) || ' ', after: text.slice(p + 1) };
}

export { columnOptions } from '../csv-import/importFlow';

export type NotReady =
  | 'bankCsv.noFile'
  | 'bankCsv.alreadyImportedShort'
  | 'bankCsv.noAccountShort'
  | 'bankCsv.mappingIncompleteShort'
  | 'bankCsv.filterInvalidShort'
  | 'bankCsv.rowsFailedShort'
  | 'bankCsv.nothingToImportShort'
  | 'bankCsv.pendingShort';

export interface Readiness {
  count: number;
  allowed: boolean;
  reason?: NotReady;
}

/** "Import N rows" is pressable only when the commit would succeed on what the user sees. */
export function readiness(p: BankCsvPreview | undefined, accountIban: string, pending: boolean): Readiness {
  if (!p) return { count: 0, allowed: false, reason: 'bankCsv.noFile' };
  const count = p.totals.ok;
  if (p.alreadyImported) return { count, allowed: false, reason: 'bankCsv.alreadyImportedShort' };
  if (pending) return { count, allowed: false, reason: 'bankCsv.pendingShort' };
  if (!accountIban.trim()) return { count, allowed: false, reason: 'bankCsv.noAccountShort' };
  if (p.mappingIssues.length > 0) return { count, allowed: false, reason: 'bankCsv.mappingIncompleteShort' };
  if (p.filterError) return { count, allowed: false, reason: 'bankCsv.filterInvalidShort' };
  if (p.totals.failed > 0) return { count, allowed: false, reason: 'bankCsv.rowsFailedShort' };
  if (count === 0) return { count, allowed: false, reason: 'bankCsv.nothingToImportShort' };
  return { count, allowed: true };
}

/** The mapping the server should use next: what the user set, with the filter as typed. */
export function requestMapping(m: BankCsvMapping, filterText: string): BankCsvMapping {
  const filter = filterText.trim();
  return { ...m, filter: filter ? filter : null };
}
