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
  type BankCsvRowError,
} from '../../../shared/bank-csv';
import { isKontorError } from '../../../shared/errors';
import { isValidIban, normalizeBic, normalizeIban } from '../../../shared/ids';
import { normalizeHeader } from '../../csv/columns';
import { readAmount, readCurrency, readDate } from '../../csv/readers';
import type { DataRow, Sniffed } from '../../csv/sniff';
import { recordProblems, rowErrors } from '../../csv/row-errors';
import { evaluateFilter, FilterError, parseFilter, type FilterNode } from './filter';
import { requiredFields } from './profiles';

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

/** Return (chargeback) bookings by their German or English booking text; fees for a return are not returns. */
const RETURN_TEXT = /ruecklastschrift|rueckbelastung|lastschriftrueckgabe|rueckgabelastschrift|chargeback|returneddirectdebit|sddreturn/;
const FEE_TEXT = /entgelt|gebuehr|auslagen|fee/;
export function looksLikeReturn(bookingText: string | null): boolean {
  if (!bookingText) return false;
  const t = normalizeHeader(bookingText);
  return RETURN_TEXT.test(t) && !FEE_TEXT.test(t);
}

/** Placeholders banks write where an id is missing. */
const NO_ID = new Set(['notprovided', 'nonref', 'keineangabe', 'none']);

export interface RowsResult {
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

export function readRows(sniffed: Sniffed, mapping: BankCsvMapping): RowsResult {
  const { columns, detected } = sniffed;
  const index = new Map(columns.map((c, k) => [c, k]));
  const mappingIssues = bankMappingIssues(mapping, columns);
  const filter = compileFilter(mapping.filter, columns);
  const skip = new Set(mapping.skipLines);
  const warnings = new Set<string>();
  const format = { decimal: detected.decimal, dateFormat: detected.dateFormat };

  const rowOf = (row: DataRow): { out: BankCsvPreviewRow; parsed: BankCsvLine | undefined; notes: string[] } => {
    const notes: string[] = [];
    const cell = (field: BankCsvField): string => {
      const column = mapping.columns[field];
      const k = column === null ? undefined : index.get(column);
      return k === undefined ? '' : (row.cells[k] ?? '').trim();
    };
    const values: Record<string, string> = {};
    columns.forEach((c, k) => {
      values[c] = (row.cells[k] ?? '').trim();
    });
    const draft = rowErrors<BankCsvField>((field) => mapping.columns[field]);
    const errors: BankCsvRowError[] = draft.list;
    recordProblems(row, columns.length, draft);

    const date = (field: 'bookingDate' | 'valueDate'): string | null => {
      const text = cell(field);
      if (text === '') {
        if (field === 'bookingDate' && mapping.columns.bookingDate !== null) draft.add(field, 'bankCsv.bookingDateMissing', 'The booking date is empty.');
        return null;
      }
      try {
        return readDate(text, detected.dateFormat);
      } catch (e) {
        if (field === 'valueDate') {
          // Banks write value dates like 30 February; the booking date is what counts.
          notes.push('bankCsv.valueDateUnreadable');
          return null;
        }
        if (isKontorError(e)) draft.add(field, e.code, e.message, e.params);
        return null;
      }
    };
    const bookingDate = date('bookingDate');
    const valueDate = mapping.columns.valueDate === null ? null : date('valueDate');

    let amountCurrency: string | null = null;
    const amountOf = (field: 'amount' | 'debit' | 'credit', required: boolean): number | null => {
      const text = cell(field);
      if (text === '') {
        if (required) draft.add(field, 'import.amountMissing', 'The amount is empty.');
        return null;
      }
      try {
        const a = readAmount(text, detected.decimal);
        amountCurrency ??= a.currency;
        return a.cents;
      } catch (e) {
        if (isKontorError(e)) draft.add(field, e.code, e.message, e.params);
        return null;
      }
    };
    let amountCents: number | null = null;
    if (mapping.amountMode === 'signed') {
      if (mapping.columns.amount !== null) amountCents = amountOf('amount', true);
    } else if (mapping.amountMode === 'withDirection') {
      const abs = mapping.columns.amount === null ? null : amountOf('amount', true);
      const mark = cell('direction');
      const sign = readDirection(mark);
      if (mapping.columns.direction !== null && sign === null) {
        draft.add(
          'direction',
          'bankCsv.badDirection',
          mark === '' ? 'It does not say whether money came in or went out (S/H, Soll/Haben, D/C).' : `"${mark}" does not say whether money came in or went out (S/H, Soll/Haben, D/C).`,
          { value: mark },
        );
      }
      if (abs !== null && sign !== null) amountCents = Math.abs(abs) * sign;
    } else if (mapping.columns.debit !== null && mapping.columns.credit !== null) {
      const debit = amountOf('debit', false);
      const credit = amountOf('credit', false);
      const debitText = cell('debit');
      const creditText = cell('credit');
      if (debitText === '' && creditText === '') draft.add('debit', 'import.amountMissing', 'The amount is empty (neither debit nor credit is filled).');
      else if (debit !== null && credit !== null && debit !== 0 && credit !== 0) {
        draft.add('credit', 'bankCsv.debitAndCredit', 'Both the debit and the credit column are filled; only one may be.', { debit: debitText, credit: creditText });
      } else if (debit !== null && debit !== 0) amountCents = -Math.abs(debit);
      else if (credit !== null && credit !== 0) amountCents = Math.abs(credit);
      else if (debit !== null || credit !== null) amountCents = 0;
    }

    let currency = mapping.currency;
    const currencyText = cell('currency');
    if (currencyText !== '') {
      const c = readCurrency(currencyText);
      if (c === null) draft.add('currency', 'import.badCurrency', `"${currencyText}" is not a currency code such as EUR.`, { value: currencyText });
      else currency = c;
    } else if (amountCurrency !== null) currency = amountCurrency;
    if (amountCurrency !== null && amountCurrency !== currency) {
      draft.add('currency', 'import.currencyConflict', `The amount is in ${amountCurrency}, but the currency says ${currency}.`, { value: amountCurrency, currency });
    }

    const text = (field: BankCsvField): string | null => {
      const v = cell(field).replace(/\s*\n\s*/g, ' ');
      return v === '' ? null : v;
    };
    const id = (field: BankCsvField): string | null => {
      const v = text(field);
      return v === null || NO_ID.has(normalizeHeader(v)) ? null : v;
    };
    let counterpartyIban = text('counterpartyIban');
    if (counterpartyIban !== null) {
      counterpartyIban = normalizeIban(counterpartyIban);
      // An old account number or a foreign format is kept as written: the matcher just finds no IBAN in it.
      if (!isValidIban(counterpartyIban)) notes.push('bankCsv.counterpartyNotIban');
    }
    const bic = text('counterpartyBic');
    const bookingText = text('bookingText');

    const parsed: BankCsvLine | undefined =
      errors.length === 0 && bookingDate !== null && amountCents !== null
        ? {
            bookingDate,
            valueDate,
            amountCents,
            currency,
            counterpartyName: text('counterpartyName'),
            counterpartyIban,
            counterpartyBic: bic === null ? null : normalizeBic(bic),
            remittance: text('remittance'),
            bookingText,
            endToEndId: id('endToEndId'),
            mandateId: id('mandateId'),
            creditorId: id('creditorId'),
            reference: id('reference'),
            chargeback: mapping.chargeback || looksLikeReturn(bookingText),
          }
        : undefined;
    if (!parsed && errors.length === 0) draft.add(undefined, 'import.mappingIncomplete', 'The column mapping does not fit this file.');

    let state: BankCsvPreviewRow['state'];
    if (skip.has(row.line)) state = 'skipped';
    else if (filter.node && !evaluateFilter(filter.node, row.cells, format)) state = 'filtered';
    else state = parsed ? 'ok' : 'failed';
    return { out: { line: row.line, state, values, ...(parsed ? { parsed } : {}), errors }, parsed, notes };
  };

  const rows: BankCsvPreviewRow[] = [];
  const kept: Array<{ line: number; raw: string; parsed: BankCsvLine }> = [];
  for (const r of sniffed.rows) {
    const { out, parsed, notes } = rowOf(r);
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
  return {
    rows,
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
