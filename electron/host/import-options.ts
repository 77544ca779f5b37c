/**
 * The command-line options both CSV imports (`kontor entries import`,
 * `kontor parties import`) share for saying what a column holds: a column
 * by its header name or by its number (1 = the first; the only way for a
 * file without header row, `--no-header`), `--columns field=COL,…` for any
 * field, and the values of a type column (`--receivable D,S --payable K,H`).
 */
import { KontorError } from '../../shared/errors';
import { stringOption, type ParsedArgs } from './args';

/** The column `spec` names: a number counts from 1, anything else is a header name (whatever its case). */
export function columnOf(columns: readonly string[], spec: string, option: string): string {
  const trimmed = spec.trim();
  if (/^\d+$/.test(trimmed)) {
    const column = columns[Number(trimmed) - 1];
    if (column === undefined) throw new KontorError('cli.badOption', `${option}: the file has ${columns.length} columns, not ${trimmed}.`);
    return column;
  }
  const found = columns.find((c) => c.toLowerCase() === trimmed.toLowerCase());
  if (found === undefined) {
    throw new KontorError('cli.badOption', `${option}: the file has no column "${trimmed}" (its columns: ${columns.join(', ')}).`);
  }
  return found;
}

/** `--columns number=1,amount=Betrag`: field → column, each field one of `fields`. */
export function columnsOption<F extends string>(args: ParsedArgs, fields: readonly F[], columns: readonly string[]): Partial<Record<F, string>> {
  const text = stringOption(args, 'columns');
  if (text === undefined) return {};
  const out: Partial<Record<F, string>> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const field = part.slice(0, eq).trim() as F;
    if (eq <= 0 || !fields.includes(field)) {
      throw new KontorError('cli.badOption', `--columns takes field=column pairs; "${part}" is none (fields: ${fields.join(', ')}).`);
    }
    out[field] = columnOf(columns, part.slice(eq + 1), `--columns ${field}`);
  }
  return out;
}

/** A comma-separated list of cell values (`D,S`); undefined when the option is not given. */
export function valuesOption(args: ParsedArgs, name: string): string[] | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const values = text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (values.length === 0) throw new KontorError('cli.badOption', `--${name} takes the values of the type column, e.g. --${name} D,S`);
  return values;
}
