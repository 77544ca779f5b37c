/**
 * A data row read through a column mapping (field → column name), the part
 * every CSV import shares: where each mapped field's column is, what keeps
 * a mapping from fitting the file at all, and readers of one field each —
 * a date, an amount, a currency, a text — that put what is wrong into the
 * row's errors instead of throwing. What a field means (a document date, a
 * booking date) and which fields are required stays with the import.
 */
import type { BusinessDate } from '../../shared/dates';
import type { CsvDateFormat, DecimalSeparator } from '../../shared/entry-import';
import { isKontorError } from '../../shared/errors';
import type { Cents } from '../../shared/money';
import { readAmount, readCurrency, readDate } from './readers';
import { RowErrors } from './row-errors';

/** The mapping's columns: a column name per field, null for "not in the file". */
export type FieldColumns<F extends string> = Readonly<Record<F, string | null>>;

/** The column index of each mapped field that the file has, found once per file rather than per cell. */
export function fieldIndexes<F extends string>(fields: readonly F[], mapped: FieldColumns<F>, columns: readonly string[]): Partial<Record<F, number>> {
  const index = new Map(columns.map((c, k) => [c, k]));
  const out: Partial<Record<F, number>> = {};
  for (const field of fields) {
    const column = mapped[field];
    const k = column === null ? undefined : index.get(column);
    if (k !== undefined) out[field] = k;
  }
  return out;
}

export interface ColumnIssue<F extends string> {
  field: F;
  code: string;
  message: string;
  params?: Record<string, string>;
}

/** A mapped column the file lacks, a required field without a column: what keeps a mapping from working with these columns at all. */
export function columnIssues<F extends string>(
  fields: readonly F[],
  mapped: FieldColumns<F>,
  columns: readonly string[],
  required: readonly F[],
  words: (field: F) => string,
): ColumnIssue<F>[] {
  const issues: ColumnIssue<F>[] = [];
  const known = new Set(columns);
  for (const field of fields) {
    const column = mapped[field];
    if (column !== null && !known.has(column)) {
      issues.push({ field, code: 'import.columnMissing', message: `The file has no column "${column}" (mapped to the ${words(field)}).`, params: { column } });
    } else if (column === null && required.includes(field)) {
      issues.push({ field, code: 'import.fieldNotMapped', message: `Choose the column that holds the ${words(field)}.` });
    }
  }
  return issues;
}

/** One data row being read: its cells by field, and what is wrong with it so far. */
export class MappedRow<F extends string> {
  readonly errors: RowErrors<F>;

  constructor(
    readonly cells: readonly string[],
    private readonly index: Partial<Record<F, number>>,
    columns: FieldColumns<F>,
  ) {
    this.errors = new RowErrors<F>(columns);
  }

  /** The field's cell, trimmed; '' when the field is not mapped or the row is short. */
  cell(field: F): string {
    const k = this.index[field];
    return k === undefined ? '' : (this.cells[k] ?? '').trim();
  }

  /** Records a reader's refusal (a KontorError) as the field's error; anything else is a bug and thrown on. */
  refused(field: F, e: unknown): null {
    if (!isKontorError(e)) throw e;
    this.errors.add(field, e.code, e.message, e.params);
    return null;
  }
}

/** What to record when a field's cell is empty: nothing (null) or this error. */
export type WhenEmpty = readonly [code: string, message: string] | null;

/** A date in the file's format; null when empty (recording `whenEmpty`) or unreadable (recording why). */
export function dateField<F extends string>(row: MappedRow<F>, field: F, format: CsvDateFormat, whenEmpty: WhenEmpty = null): BusinessDate | null {
  const text = row.cell(field);
  if (text === '') {
    if (whenEmpty) row.errors.add(field, whenEmpty[0], whenEmpty[1]);
    return null;
  }
  try {
    return readDate(text, format);
  } catch (e) {
    return row.refused(field, e);
  }
}

export const AMOUNT_MISSING: WhenEmpty = ['import.amountMissing', 'The amount is empty.'];

/** An amount in the file's notation and a currency written with it; null when empty (recording `whenEmpty`) or unreadable. */
export function amountField<F extends string>(
  row: MappedRow<F>,
  field: F,
  decimal: DecimalSeparator,
  whenEmpty: WhenEmpty = null,
): { cents: Cents; currency: string | null } | null {
  const text = row.cell(field);
  if (text === '') {
    if (whenEmpty) row.errors.add(field, whenEmpty[0], whenEmpty[1]);
    return null;
  }
  try {
    return readAmount(text, decimal);
  } catch (e) {
    return row.refused(field, e);
  }
}

/**
 * The currency: the field's cell, else the one written with the amount,
 * else `fallback` (the mapping's). A cell that is no currency code, or one
 * that contradicts the amount's, is an error of the field.
 */
export function currencyField<F extends string>(row: MappedRow<F>, field: F, fallback: string, amountCurrency: string | null): string {
  let currency = fallback;
  const text = row.cell(field);
  if (text !== '') {
    const code = readCurrency(text);
    if (code === null) row.errors.add(field, 'import.badCurrency', `"${text}" is not a currency code such as EUR.`, { value: text });
    else currency = code;
  } else if (amountCurrency !== null) currency = amountCurrency;
  if (amountCurrency !== null && currency !== amountCurrency && !row.errors.has(field)) {
    row.errors.add(field, 'import.currencyConflict', `The amount is written in ${amountCurrency}, but the currency says ${currency}.`, {
      value: amountCurrency,
      currency,
    });
  }
  return currency;
}

/** A text cell on one line (line breaks inside quotes become blanks), null when empty. */
export function textField<F extends string>(row: MappedRow<F>, field: F): string | null {
  const v = row.cell(field);
  if (v === '') return null;
  return v.includes('\n') ? v.replace(/\s*\n\s*/g, ' ') : v;
}
