/**
 * A bank CSV file's data rows as statement lines: each row read through the
 * mapping (dates, amounts in the three amount modes, IBAN and BIC
 * normalised), left out when the user skips it or the filter rejects it, or
 * failed with what is wrong in words, its physical line and its column.
 * Pure: no ledger, no clock. Bad data never throws here.
 */
import {
  BANK_CSV_FIELDS,
  type BankCsvField,
  type BankCsvLine,
  type BankCsvMapping,
  type BankCsvPreview,
  type BankCsvPreviewRow,
} from '../../../shared/bank-csv';
import { isKontorError } from '../../../shared/errors';
import { isValidIban, normalizeBic, normalizeIban } from '../../../shared/ids';
import { normalizeHeader } from '../../csv/columns';
import { readAmount, readCurrency, readDate } from '../../csv/readers';
import type { DataRow, Sniffed } from '../../csv/sniff';
import { recordProblems, RowErrors } from '../../csv/row-errors';
import { evaluateFilter, FilterError, parseFilter, type FilterNode } from './filter';
import { requiredFields } from './profiles';
import { looksLikeReturn } from './returns';

const FIELD_WORDS: Record<BankCsvField, string> = {
  bookingDate: 'booking date',
  valueDate: 'value date',
  amount: 'amount',
  debit: 'debit amount',
  credit: 'credit amount',
  direction: 'debit/credit indicator',
  currency: 'currency',
  counterpartyName: 'counterparty name',
  counterpartyIban: 'counterparty IBAN',
  counterpartyBic: 'counterparty BIC',
  remittance: 'remittance information',
  bookingText: 'booking text',
  endToEndId: 'end-to-end id',
  mandateId: 'mandate reference',
  creditorId: 'creditor identifier',
  reference: 'reference',
};

export type MappingIssue = BankCsvPreview['mappingIssues'][number];
export type FilterProblem = NonNullable<BankCsvPreview['filterError']>;

/** What keeps a mapping from working with these columns at all. */
export function bankMappingIssues(mapping: BankCsvMapping, columns: readonly string[]): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const known = new Set(columns);
  const required = requiredFields(mapping);
  for (const field of BANK_CSV_FIELDS) {
    const column = mapping.columns[field];
    if (column !== null && !known.has(column)) {
      issues.push({ field, code: 'import.columnMissing', message: `The file has no column "${column}" (mapped to the ${FIELD_WORDS[field]}).`, params: { column } });
    } else if (column === null && required.includes(field)) {
      issues.push({ field, code: 'import.fieldNotMapped', message: `Choose the column that holds the ${FIELD_WORDS[field]}.` });
    }
  }
  return issues;
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

const DEBIT_MARKS = new Set(['s', 'soll', 'd', 'dr', 'db', 'debit', 'debet', 'belastung', 'lastschrift', '-', '\u2212', 'minus', 'ausgang']);
const CREDIT_MARKS = new Set(['h', 'haben', 'c', 'cr', 'credit', 'gutschrift', '+', 'plus', 'eingang']);

/** −1 for money out, +1 for money in, null if the text says neither. */
export function readDirection(text: string): -1 | 1 | null {
  const v = text.trim().toLowerCase();
  const key = /^[+\-\u2212]$/.test(v) ? v : normalizeHeader(v);
  if (DEBIT_MARKS.has(key)) return -1;
  if (CREDIT_MARKS.has(key)) return 1;
  return null;
}

/** Placeholders banks write where an id is missing. */
const NO_ID = new Set(['notprovided', 'nonref', 'keineangabe', 'none']);

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

/** What every row of one file is read against. */
interface FileContext {
  mapping: BankCsvMapping;
  detected: Sniffed['detected'];
  columns: readonly string[];
  /** The column index of each mapped field, looked up once per file. */
  fieldIndex: Partial<Record<BankCsvField, number>>;
  filter: FilterNode | null;
  skip: ReadonlySet<number>;
}

/** One row being read. */
interface RowState {
  cells: readonly string[];
  errors: RowErrors<BankCsvField>;
  notes: string[];
  /** The currency written with an amount, if any. */
  amountCurrency: string | null;
}

function cellOf(f: FileContext, r: RowState, field: BankCsvField): string {
  const k = f.fieldIndex[field];
  return k === undefined ? '' : (r.cells[k] ?? '').trim();
}

function dateOf(f: FileContext, r: RowState, field: 'bookingDate' | 'valueDate'): string | null {
  const text = cellOf(f, r, field);
  if (text === '') {
    if (field === 'bookingDate' && f.mapping.columns.bookingDate !== null) r.errors.add(field, 'bankCsv.bookingDateMissing', 'The booking date is empty.');
    return null;
  }
  try {
    return readDate(text, f.detected.dateFormat);
  } catch (e) {
    if (field === 'valueDate') {
      // Banks write value dates like 30 February; the booking date is what counts.
      r.notes.push('bankCsv.valueDateUnreadable');
      return null;
    }
    if (isKontorError(e)) r.errors.add(field, e.code, e.message, e.params);
    return null;
  }
}

function amountIn(f: FileContext, r: RowState, field: 'amount' | 'debit' | 'credit', required: boolean): number | null {
  const text = cellOf(f, r, field);
  if (text === '') {
    if (required) r.errors.add(field, 'import.amountMissing', 'The amount is empty.');
    return null;
  }
  try {
    const a = readAmount(text, f.detected.decimal);
    r.amountCurrency ??= a.currency;
    return a.cents;
  } catch (e) {
    if (isKontorError(e)) r.errors.add(field, e.code, e.message, e.params);
    return null;
  }
}

/** The signed amount in the mapping's mode: signed, with a direction column, or debit and credit columns. */
function amountOf(f: FileContext, r: RowState): number | null {
  const { mapping } = f;
  if (mapping.amountMode === 'signed') return mapping.columns.amount === null ? null : amountIn(f, r, 'amount', true);
  if (mapping.amountMode === 'withDirection') {
    const abs = mapping.columns.amount === null ? null : amountIn(f, r, 'amount', true);
    const mark = cellOf(f, r, 'direction');
    const sign = readDirection(mark);
    if (mapping.columns.direction !== null && sign === null) {
      r.errors.add(
        'direction',
        'bankCsv.badDirection',
        mark === '' ? 'It does not say whether money came in or went out (S/H, Soll/Haben, D/C).' : `"${mark}" does not say whether money came in or went out (S/H, Soll/Haben, D/C).`,
        { value: mark },
      );
    }
    return abs !== null && sign !== null ? Math.abs(abs) * sign : null;
  }
  if (mapping.columns.debit === null || mapping.columns.credit === null) return null;
  const debit = amountIn(f, r, 'debit', false);
  const credit = amountIn(f, r, 'credit', false);
  const debitText = cellOf(f, r, 'debit');
  const creditText = cellOf(f, r, 'credit');
  if (debitText === '' && creditText === '') r.errors.add('debit', 'import.amountMissing', 'The amount is empty (neither debit nor credit is filled).');
  else if (debit !== null && credit !== null && debit !== 0 && credit !== 0) {
    r.errors.add('credit', 'bankCsv.debitAndCredit', 'Both the debit and the credit column are filled; only one may be.', { debit: debitText, credit: creditText });
  } else if (debit !== null && debit !== 0) return -Math.abs(debit);
  else if (credit !== null && credit !== 0) return Math.abs(credit);
  else if (debit !== null || credit !== null) return 0;
  return null;
}

function currencyOf(f: FileContext, r: RowState): string {
  let currency = f.mapping.currency;
  const text = cellOf(f, r, 'currency');
  if (text !== '') {
    const c = readCurrency(text);
    if (c === null) r.errors.add('currency', 'import.badCurrency', `"${text}" is not a currency code such as EUR.`, { value: text });
    else currency = c;
  } else if (r.amountCurrency !== null) currency = r.amountCurrency;
  if (r.amountCurrency !== null && r.amountCurrency !== currency) {
    r.errors.add('currency', 'import.currencyConflict', `The amount is in ${r.amountCurrency}, but the currency says ${currency}.`, { value: r.amountCurrency, currency });
  }
  return currency;
}

/** A text cell on one line, null when empty. */
function textOf(f: FileContext, r: RowState, field: BankCsvField): string | null {
  const v = cellOf(f, r, field);
  if (v === '') return null;
  return v.includes('\n') ? v.replace(/\s*\n\s*/g, ' ') : v;
}

/** An identifier, null when empty or a bank's placeholder for none. */
function idOf(f: FileContext, r: RowState, field: BankCsvField): string | null {
  const v = textOf(f, r, field);
  return v === null || NO_ID.has(normalizeHeader(v)) ? null : v;
}

function lineOf(f: FileContext, r: RowState, bookingDate: string | null, valueDate: string | null, amountCents: number | null, currency: string): BankCsvLine | undefined {
  if (r.errors.list.length > 0 || bookingDate === null || amountCents === null) return undefined;
  let counterpartyIban = textOf(f, r, 'counterpartyIban');
  if (counterpartyIban !== null) {
    counterpartyIban = normalizeIban(counterpartyIban);
    // An old account number or a foreign format is kept as written: the matcher just finds no IBAN in it.
    if (!isValidIban(counterpartyIban)) r.notes.push('bankCsv.counterpartyNotIban');
  }
  const bic = textOf(f, r, 'counterpartyBic');
  const bookingText = textOf(f, r, 'bookingText');
  return {
    bookingDate,
    valueDate,
    amountCents,
    currency,
    counterpartyName: textOf(f, r, 'counterpartyName'),
    counterpartyIban,
    counterpartyBic: bic === null ? null : normalizeBic(bic),
    remittance: textOf(f, r, 'remittance'),
    bookingText,
    endToEndId: idOf(f, r, 'endToEndId'),
    mandateId: idOf(f, r, 'mandateId'),
    creditorId: idOf(f, r, 'creditorId'),
    reference: idOf(f, r, 'reference'),
    chargeback: f.mapping.chargeback || looksLikeReturn(bookingText),
  };
}

function rowOf(f: FileContext, row: DataRow): { out: BankCsvPreviewRow; parsed: BankCsvLine | undefined; notes: string[] } {
  const r: RowState = { cells: row.cells, errors: new RowErrors<BankCsvField>(f.mapping.columns), notes: [], amountCurrency: null };
  recordProblems(row, f.columns.length, r.errors);

  const bookingDate = dateOf(f, r, 'bookingDate');
  const valueDate = f.mapping.columns.valueDate === null ? null : dateOf(f, r, 'valueDate');
  const amountCents = amountOf(f, r);
  const currency = currencyOf(f, r);
  const parsed = lineOf(f, r, bookingDate, valueDate, amountCents, currency);
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
  const index = new Map(columns.map((c, k) => [c, k]));
  const fieldIndex: Partial<Record<BankCsvField, number>> = {};
  for (const field of BANK_CSV_FIELDS) {
    const column = mapping.columns[field];
    const k = column === null ? undefined : index.get(column);
    if (k !== undefined) fieldIndex[field] = k;
  }
  const mappingIssues = bankMappingIssues(mapping, columns);
  const filter = compileFilter(mapping.filter, columns);
  const warnings = new Set<string>();
  const f: FileContext = { mapping, detected, columns, fieldIndex, filter: filter.node, skip: new Set(mapping.skipLines) };

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
