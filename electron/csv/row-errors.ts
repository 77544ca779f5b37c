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

export interface RowErrors<F extends string> {
  readonly list: RowError<F>[];
  add(field: F | undefined, code: string, message: string, params?: Record<string, string | number>): void;
  has(field: F): boolean;
}

/** An empty list for one row; `columnOf` names the column a field is mapped to. */
export function rowErrors<F extends string>(columnOf: (field: F) => string | null | undefined): RowErrors<F> {
  const list: RowError<F>[] = [];
  return {
    list,
    add(field, code, message, params) {
      const column = field ? (columnOf(field) ?? undefined) : undefined;
      list.push({ ...(field ? { field } : {}), ...(column ? { column } : {}), code, message, ...(params ? { params } : {}) });
    },
    has: (field) => list.some((e) => e.field === field),
  };
}

/** What is wrong with a row whatever the mapping: a quote never closed, more values than the header has columns. */
export function recordProblems<F extends string>(row: DataRow, columnCount: number, errors: RowErrors<F>): void {
  if (row.unterminated) errors.add(undefined, 'import.unterminatedQuote', 'A quoted value starts in this row and is never closed; the rest of the file was read as part of it.');
  const count = width(row.cells);
  if (count > columnCount) {
    errors.add(undefined, 'import.extraCells', `This row has ${count} values, but the header names only ${columnCount} columns.`, { count, expected: columnCount });
  }
}
