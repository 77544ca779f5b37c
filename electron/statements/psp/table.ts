/**
 * A PSP report's CSV as the readers use it: decoded text split into records
 * (the CSV toolkit's decoder and splitter), the byte offsets of each physical
 * line so a booking keeps its raw text, and cell readers for the notations
 * PSPs write — amounts in major units with `.` (Adyen, Stripe, Mollie) or
 * in minor units without punctuation (PayPal), dates with a time and a zone
 * behind them.
 */
import { parseBusinessDate, type BusinessDate } from '../../../shared/dates';
import { parseAmount } from '../../../shared/money';
import { columnLookup } from '../../csv/columns';
import { decode } from '../../csv/decode';
import { parseRecords, type CsvRecord } from '../../csv/parse';
import { detectSeparator } from '../../csv/sniff';
import { malformedAt } from '../errors';
import type { TextEncoding } from '../encoding';

export interface PspTable {
  records: CsvRecord[];
  encoding: TextEncoding;
  /** Byte offset where each physical line (1-based line n at index n − 1) starts; one more entry for the end of the file. */
  lineStarts: number[];
  bytes: Uint8Array;
}

export function readTable(bytes: Uint8Array): PspTable {
  const decoded = decode(bytes);
  const records = parseRecords(decoded.text, detectSeparator(decoded.text)).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const lineStarts = [decoded.bom ? 3 : 0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) lineStarts.push(i + 1);
  if (lineStarts[lineStarts.length - 1] !== bytes.length) lineStarts.push(bytes.length);
  // UTF-16 is not a byte-per-line-break encoding: its bookings keep no raw text.
  return {
    records,
    encoding: decoded.encoding === 'utf-16le' ? 'utf-8' : decoded.encoding,
    lineStarts: decoded.encoding === 'utf-16le' ? [] : lineStarts,
    bytes,
  };
}

/** The bytes of a record (from its first line to the line before `nextLine`), without the final line break. */
export function rawRange(t: PspTable, line: number, nextLine: number): { rawStart: number; rawEnd: number } {
  const start = t.lineStarts[line - 1];
  const after = t.lineStarts[Math.min(nextLine, t.lineStarts.length) - 1];
  if (start === undefined || after === undefined || after < start) return { rawStart: 0, rawEnd: 0 };
  let end = after;
  if (end > start && t.bytes[end - 1] === 10) end--;
  if (end > start && t.bytes[end - 1] === 13) end--;
  return { rawStart: start, rawEnd: end };
}

/** Column reader for one header: the first of the names given that the header has (names as in the PSP's documentation). */
export interface Columns {
  has(...names: string[]): boolean;
  cell(cells: readonly string[], ...names: string[]): string;
}

export function columnsOf(header: readonly string[]): Columns {
  // PayPal's own files have been seen with `Transaction  Debit or Credit` (two spaces): names are compared without blanks and case.
  const find = columnLookup(header.map((h) => h.replace(/\s+/g, ' ').trim()));
  const index = (names: string[]) => {
    for (const n of names) {
      const k = find(n);
      if (k !== undefined) return k;
    }
    return undefined;
  };
  return {
    has: (...names) => index(names) !== undefined,
    cell: (cells, ...names) => {
      const k = index(names);
      return k === undefined ? '' : (cells[k] ?? '').trim();
    },
  };
}

/** `5.00`, `7.5`, `-1234.56`, `1,234.56` (major units, point decimal) or with a decimal comma when no point is there (`12,50`). */
export function majorUnits(text: string, line: number): number {
  const v = text.trim();
  if (v === '') return 0;
  const decimal = v.includes('.') || !/,\d{1,2}$/.test(v) ? '.' : ',';
  // Fees are sometimes written to four places (`2.5410`): rounded half up to the cent the payout is made of.
  const long = decimal === '.' ? /^(-?)([\d,]*)\.(\d{3,6})$/.exec(v) : null;
  if (long) {
    const cents = Number(long[2]!.replace(/,/g, '') || '0') * 100 + Number(long[3]!.slice(0, 2)) + (Number(long[3]![2]) >= 5 ? 1 : 0);
    return long[1] === '-' ? -cents : cents;
  }
  try {
    return parseAmount(decimal === '.' ? v.replace(/,/g, '') : v.replace(/\./g, ''), { decimal });
  } catch {
    throw malformedAt(0, `"${v.slice(0, 40)}" is not an amount`, line);
  }
}

/** PayPal's amounts: unsigned minor units, no punctuation (`10000` is 100.00). */
export function minorUnits(text: string, line: number): number {
  const v = text.trim();
  if (v === '') return 0;
  if (!/^\d{1,15}$/.test(v)) throw malformedAt(0, `"${v.slice(0, 40)}" is not an amount in minor units`, line);
  return Number(v);
}

const ISO_DAY = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:$|[ T])/;
const DAY_FIRST = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:$|[ T])/;

/** The business day of a PSP timestamp (`2026-11-02 10:20:30`, `2026/11/02 10:20:30 +0100`, `02.11.2026`, `02-11-2026`, `02/11/2026 14:37`), as written: the report's zone is the merchant's. */
export function dayOf(text: string, line: number): BusinessDate {
  const v = text.trim();
  const iso = ISO_DAY.exec(v);
  const dmy = iso ? null : DAY_FIRST.exec(v);
  try {
    if (iso) return parseBusinessDate(`${iso[1]}-${iso[2]}-${iso[3]}`);
    if (dmy) return parseBusinessDate(`${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`);
  } catch {
    // falls through to the error below
  }
  throw malformedAt(0, `"${v.slice(0, 40)}" is not a date`, line);
}
