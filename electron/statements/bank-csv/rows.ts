/**
 * A bank CSV file's data rows as statement lines: each row read through the
 * mapping field by field (fields.ts: dates, amounts in the three amount
 * modes, IBAN and BIC normalised), left out when the user skips it or the
 * filter rejects it, or failed with what is wrong in words, its physical
 * line and its column. Pure: no ledger, no clock. Bad data never throws here.
 */
import {
  BANK_CSV_FIELDS,
  type BankCsvField,
  type BankCsvLine,
  type BankCsvMapping,
  type BankCsvPreview,
  type BankCsvPreviewRow,
} from '../../../shared/bank-csv';
import { columnIssues, currencyField, fieldIndexes, textField } from '../../csv/fields';
import { recordProblems } from '../../csv/row-errors';
import type { DataRow, Sniffed } from '../../csv/sniff';
import { BankRow, bookingDate, counterpartyBic, counterpartyIban, FIELD_WORDS, idOf, signedAmount, valueDate, type FileContext } from './fields';
import { evaluateFilter, FilterError, parseFilter, type FilterNode } from './filter';
import { requiredFields } from './profiles';
import { looksLikeReturn } from './returns';

export type MappingIssue = BankCsvPreview['mappingIssues'][number];
export type FilterProblem = NonNullable<BankCsvPreview['filterError']>;

/** What keeps a mapping from working with these columns at all. */
export function bankMappingIssues(mapping: BankCsvMapping, columns: readonly string[]): MappingIssue[] {
  return columnIssues(BANK_CSV_FIELDS, mapping.columns, columns, requiredFields(mapping), (field) => FIELD_WORDS[field]);
}

/** The filter parsed against the file's columns, or the problem with its position. */
export function compileFilter(text: string | null, columns: readonly string[]): { node: FilterNode | null; error: FilterProblem | null } {
  if (text === null || text.trim() === '') return { node: null, error: null };
  try {
    return { node: parseFilter(text, columns), error: null };
  } catch (e) {
    if (e instanceof FilterError) return { node: null, error: { code: e.code, message: e.message, position: e.position } };
    throw e;
  }
}

export interface RowsResult {
  /** Every row, or with `limit` the rows a preview shows. */
  rows: BankCsvPreviewRow[];
  /** The rows as they will be stored, with their text, in line order (only `ok` ones). */
  lines: Array<{ line: number; raw: string; parsed: BankCsvLine }>;
  mappingIssues: MappingIssue[];
  filterError: FilterProblem | null;
  totals: BankCsvPreview['totals'];
  /** The currency of the file's rows (the most frequent one). */
  currency: string;
  /** Codes of what was tolerated, for the statement's notes. */
  warnings: string[];
}

interface RowFile extends FileContext {
  columns: readonly string[];
  /** The column index of each mapped field, looked up once per file. */
  fieldIndex: Partial<Record<BankCsvField, number>>;
  filter: FilterNode | null;
  skip: ReadonlySet<number>;
}

/** The statement line, when the row has no error: the amount and booking date read, then the rest of the fields. */
function lineOf(f: RowFile, r: BankRow): BankCsvLine | undefined {
  const booked = bookingDate(f, r);
  const valued = valueDate(f, r);
  const amountCents = signedAmount(f, r);
  const currency = currencyField(r, 'currency', f.mapping.currency, r.amountCurrency);
  if (r.errors.list.length > 0 || booked === null || amountCents === null) return undefined;
  const bookingText = textField(r, 'bookingText');
  return {
    bookingDate: booked,
    valueDate: valued,
    amountCents,
    currency,
    counterpartyName: textField(r, 'counterpartyName'),
    counterpartyIban: counterpartyIban(r),
    counterpartyBic: counterpartyBic(r),
    remittance: textField(r, 'remittance'),
    bookingText,
    endToEndId: idOf(r, 'endToEndId'),
    mandateId: idOf(r, 'mandateId'),
    creditorId: idOf(r, 'creditorId'),
    reference: idOf(r, 'reference'),
    chargeback: f.mapping.chargeback || looksLikeReturn(bookingText),
  };
}

function rowOf(f: RowFile, row: DataRow): { out: BankCsvPreviewRow; parsed: BankCsvLine | undefined; notes: string[] } {
  const r = new BankRow(row.cells, f.fieldIndex, f.mapping.columns);
  recordProblems(row, f.columns.length, r.errors);
  const parsed = lineOf(f, r);
  if (!parsed && r.errors.list.length === 0) r.errors.add(undefined, 'import.mappingIncomplete', 'The column mapping does not fit this file.');

  let state: BankCsvPreviewRow['state'];
  if (f.skip.has(row.line)) state = 'skipped';
  else if (f.filter && !evaluateFilter(f.filter, row.cells, f.detected)) state = 'filtered';
  else state = parsed ? 'ok' : 'failed';
  // The cells by column are filled in for the rows that are shown (valuesOf).
  const out: BankCsvPreviewRow = { line: row.line, state, values: {}, errors: r.errors.list };
  if (parsed) out.parsed = parsed;
  return { out, parsed, notes: r.notes };
}

function valuesOf(columns: readonly string[], cells: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let k = 0; k < columns.length; k++) values[columns[k]!] = (cells[k] ?? '').trim();
  return values;
}

export interface ReadOptions {
  /** Return only what a preview shows: the failed rows first (in line order), then the others, this many in all. */
  limit?: number;
}

export function readRows(sniffed: Sniffed, mapping: BankCsvMapping, options: ReadOptions = {}): RowsResult {
  const { columns, detected } = sniffed;
  const fieldIndex = fieldIndexes(BANK_CSV_FIELDS, mapping.columns, columns);
  const mappingIssues = bankMappingIssues(mapping, columns);
  const filter = compileFilter(mapping.filter, columns);
  const warnings = new Set<string>();
  const f: RowFile = { mapping, detected, columns, fieldIndex, filter: filter.node, skip: new Set(mapping.skipLines) };

  const rows: BankCsvPreviewRow[] = [];
  const kept: Array<{ line: number; raw: string; parsed: BankCsvLine }> = [];
  for (const r of sniffed.rows) {
    const { out, parsed, notes } = rowOf(f, r);
    rows.push(out);
    if (out.state === 'ok' && parsed) {
      kept.push({ line: r.line, raw: r.raw ?? r.cells.join(detected.separator), parsed });
      for (const n of notes) warnings.add(n);
    }
  }

  // One statement has one currency: the most frequent one; rows in another fail.
  const counts = new Map<string, number>();
  for (const k of kept) counts.set(k.parsed.currency, (counts.get(k.parsed.currency) ?? 0) + 1);
  let currency = mapping.currency;
  let most = 0;
  for (const [c, n] of counts) if (n > most || (n === most && c === mapping.currency)) [currency, most] = [c, n];
  const lines = kept.filter((k) => k.parsed.currency === currency);
  if (lines.length < kept.length) {
    const byLine = new Map(rows.map((r) => [r.line, r]));
    for (const k of kept) {
      if (k.parsed.currency === currency) continue;
      const row = byLine.get(k.line)!;
      row.state = 'failed';
      delete row.parsed;
      row.errors.push({
        field: 'currency',
        ...(mapping.columns.currency ? { column: mapping.columns.currency } : {}),
        code: 'bankCsv.otherCurrency',
        message: `This booking is in ${k.parsed.currency}, the others in ${currency}; one statement has one currency.`,
        params: { value: k.parsed.currency, currency },
      });
    }
  }

  const dates = lines.map((l) => l.parsed.bookingDate).sort();
  const count = (s: BankCsvPreviewRow['state']) => rows.filter((r) => r.state === s).length;
  const limit = options.limit ?? Infinity;
  const shown = limit === Infinity ? rows : [...rows.filter((r) => r.state === 'failed'), ...rows.filter((r) => r.state !== 'failed')].slice(0, limit);
  const cellsOf = new Map(sniffed.rows.map((r) => [r.line, r.cells]));
  for (const r of shown) r.values = valuesOf(columns, cellsOf.get(r.line) ?? []);
  return {
    rows: shown,
    lines,
    mappingIssues,
    filterError: filter.error,
    totals: {
      rows: rows.length,
      ok: lines.length,
      skipped: count('skipped'),
      filtered: count('filtered'),
      failed: count('failed'),
      sumCents: lines.reduce((s, l) => s + l.parsed.amountCents, 0),
      firstDate: dates[0] ?? null,
      lastDate: dates[dates.length - 1] ?? null,
    },
    currency,
    warnings: [...warnings],
  };
}
