/**
 * What is wrong with one row, in words a treasury user understands, with the
 * field and the column it concerns, so the preview can mark the cell. Bad
 * data never throws in a preview; it ends up here.
 */
import type { DataRow } from './sniff';
import { width } from './parse';

export interface RowError<F extends string> {
  field?: F;
  /** The CSV column the value came from. */
  column?: string;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

/** The errors of one row; a class so that a file of many rows costs no closures per row. */
export class RowErrors<F extends string> {
  readonly list: RowError<F>[] = [];

  /** `columns` names the column each field is mapped to. */
  constructor(private readonly columns: Readonly<Record<F, string | null>>) {}

  add(field: F | undefined, code: string, message: string, params?: Record<string, string | number>): void {
    const column = field ? (this.columns[field] ?? undefined) : undefined;
    this.list.push({ ...(field ? { field } : {}), ...(column ? { column } : {}), code, message, ...(params ? { params } : {}) });
  }

  has(field: F): boolean {
    return this.list.some((e) => e.field === field);
  }
}

/** What is wrong with a row whatever the mapping: a quote never closed, more values than the header has columns. */
export function recordProblems<F extends string>(row: DataRow, columnCount: number, errors: RowErrors<F>): void {
  if (row.unterminated)
    errors.add(undefined, 'import.unterminatedQuote', 'A quoted value starts in this row and is never closed; the rest of the file was read as part of it.');
  const count = width(row.cells);
  if (count > columnCount) {
    errors.add(undefined, 'import.extraCells', `This row has ${count} values, but the header names only ${columnCount} columns.`, {
      count,
      expected: columnCount,
    });
  }
}
