/**
 * Reads a CSV export as it comes from an ERP, a billing system or a bank:
 * decodes the bytes, splits the records, and detects the separator, metadata
 * lines above the header, the header, footer lines, the decimal separator
 * and the date format from the data. Every detection can be overridden
 * (ImportFormat), e.g. from a saved profile.
 */
import type { z } from 'zod';
import type { CsvSeparator, ImportDetected, ImportFormat } from '../../shared/entry-import';
import { KontorError } from '../../shared/errors';
import { columnNames } from './columns';
import { decode } from './decode';
import { parseRecords, width, type CsvRecord } from './parse';
import { detectDateFormat, detectDecimal, looksLikeAmount, looksLikeDate } from './readers';

const SEPARATORS: readonly CsvSeparator[] = [';', '\t', ',', '|'];
/** Records the detections look at. */
export const SAMPLE_RECORDS = 200;
/**
 * More columns than any export of open items or bookings has (DATEV's widest
 * format has about 250): a header this wide is no header, and every column
 * would be a choice in each field's list on screen.
 */
export const MAX_COLUMNS = 1000;

function mode(values: readonly number[]): { value: number; count: number } {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = { value: 0, count: 0 };
  for (const [value, count] of counts) if (count > best.count || (count === best.count && value > best.value)) best = { value, count };
  return best;
}

/**
 * The separator that splits the most records into the same number (> 1) of
 * fields. German amounts (`1.234,56`) split consistently on `,` too, so among
 * separators almost as consistent as the best, the one giving most fields wins.
 */
export function detectSeparator(text: string): CsvSeparator {
  const sample = text.slice(0, 256 * 1024);
  const scored = SEPARATORS.map((sep) => {
    const counts = parseRecords(sample, sep, { maxRecords: SAMPLE_RECORDS })
      .map((r) => r.cells.length)
      .filter((c) => c > 1);
    const m = mode(counts);
    return { sep, fields: m.value, count: m.count };
  });
  const best = Math.max(...scored.map((s) => s.count));
  if (best === 0) return ';';
  const near = scored.filter((s) => s.count >= best * 0.8);
  near.sort((a, b) => b.fields - a.fields || b.count - a.count);
  return near[0]!.sep;
}

const FOOTER_WORDS = /^(summe|gesamt|gesamtsumme|total|totals|anzahl|saldo|endsaldo|sum|count)\b/i;

function looksLikeHeader(cells: readonly string[], fields: number): boolean {
  // Too wide to be read at all: found by width below and refused, without testing every cell first.
  if (cells.length > MAX_COLUMNS && width(cells) > MAX_COLUMNS) return false;
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.length < Math.max(2, Math.ceil(fields * 0.6))) return false;
  if (width(cells) < Math.max(2, Math.ceil(fields * 0.8))) return false;
  if (filled.some((c) => looksLikeAmount(c) || looksLikeDate(c))) return false;
  return new Set(filled.map((c) => c.toLowerCase())).size === filled.length;
}

export interface DataRow {
  line: number;
  cells: string[];
  unterminated: boolean;
  /** The record's text as in the file (without its line break), with `SniffOptions.raw`. */
  raw?: string;
}

export interface Sniffed {
  detected: ImportDetected;
  columns: string[];
  rows: DataRow[];
  /** The cells of the non-empty lines above the header (all of them, unlike `detected.metadataLines`). */
  metadataCells: string[][];
}

/** What an import may want besides the defaults. */
export interface SniffOptions {
  /** Keep each data row's original text. */
  raw?: boolean;
  /** More trailing lines to treat as footer (a bank's "Kontostand" or "Endsaldo" lines), besides the usual ones. */
  isFooter?: (cells: readonly string[], columns: readonly string[]) => boolean;
}

type Format = z.output<typeof ImportFormat>;

function headerIndexOf(records: readonly CsvRecord[], format: Format): number {
  if (format.headerLine !== undefined) {
    const at = records.findIndex((r) => r.line === format.headerLine);
    if (at === -1 || width(records[at]!.cells) === 0) {
      throw new KontorError('import.noHeaderAtLine', `Line ${format.headerLine} of the file is empty or inside another row; it cannot be the header.`, {
        line: format.headerLine,
      });
    }
    return at;
  }
  const sample: number[] = [];
  for (const r of records) {
    if (sample.length >= SAMPLE_RECORDS) break;
    const w = width(r.cells);
    if (w > 1) sample.push(w);
  }
  const fields = mode(sample).value;
  let found = records.findIndex((r) => looksLikeHeader(r.cells, fields));
  if (found === -1) found = records.findIndex((r) => width(r.cells) >= Math.max(2, fields));
  if (found === -1) {
    throw new KontorError('import.noHeader', 'No header row was found: the file needs a line naming its columns (e.g. Rechnungsnummer;Datum;Betrag).');
  }
  return found;
}

function tooWide(line: number, count: number): KontorError {
  return new KontorError('import.tooManyColumns', `The header in line ${line} names ${count} columns; an export Kontor reads has at most ${MAX_COLUMNS}.`, {
    line,
    count,
    max: MAX_COLUMNS,
  });
}

interface HeaderFound {
  /** Index of the header record; -1 when there is none (every record is data). */
  headerIndex: number;
  headerLine: number;
  columns: string[];
}

function namedColumns(records: readonly CsvRecord[], format: Format): HeaderFound {
  const headerIndex = headerIndexOf(records, format);
  const headerRecord = records[headerIndex]!;
  const headerWidth = Math.max(1, width(headerRecord.cells));
  if (headerWidth > MAX_COLUMNS) throw tooWide(headerRecord.line, headerWidth);
  return { headerIndex, headerLine: headerRecord.line, columns: columnNames(headerRecord.cells.slice(0, headerWidth)) };
}

/** A file without header: as many columns as its widest record, named `#1`, `#2`, … (the numbers a user maps by). */
function numberedColumns(records: readonly CsvRecord[]): HeaderFound {
  let widest = 1;
  for (const r of records) widest = Math.max(widest, width(r.cells));
  if (widest > MAX_COLUMNS) throw tooWide(1, widest);
  return { headerIndex: -1, headerLine: 0, columns: columnNames(Array.from({ length: widest }, () => '')) };
}

/** Decodes and splits a CSV file; throws only when the file as a whole is unusable. */
export function sniff(bytes: Uint8Array, format: Format = {}, options: SniffOptions = {}): Sniffed {
  const { text, encoding, bom } = decode(bytes, format.encoding);
  if (text.trim() === '') throw new KontorError('import.empty', 'The file is empty.');
  const separator = format.separator ?? detectSeparator(text);
  const records = parseRecords(text, separator, { raw: options.raw === true });

  const { headerIndex, headerLine, columns } = format.noHeader ? numberedColumns(records) : namedColumns(records, format);

  const body: CsvRecord[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) if (width(records[i]!.cells) > 0) body.push(records[i]!);
  let bodyEnd = body.length;
  while (bodyEnd > 0) {
    const last = body[bodyEnd - 1]!;
    const first = last.cells.find((c) => c.trim() !== '')?.trim() ?? '';
    const usual = FOOTER_WORDS.test(first) || (columns.length > 2 && last.cells.filter((c) => c.trim() !== '').length <= 1);
    if (!(usual || options.isFooter?.(last.cells, columns) === true)) break;
    bodyEnd--;
  }
  const footer = body.slice(bodyEnd);
  body.length = bodyEnd;

  const sample = body.slice(0, SAMPLE_RECORDS).flatMap((r) => r.cells);
  const asText = (r: CsvRecord) =>
    r.cells
      .slice(0, Math.max(1, width(r.cells)))
      .join(separator === '\t' ? '  ' : ` ${separator} `)
      .slice(0, 200);
  const metadata = records.slice(0, Math.max(0, headerIndex)).filter((r) => width(r.cells) > 0);
  return {
    detected: {
      encoding,
      bom,
      separator,
      headerLine,
      metadataLines: metadata.slice(0, 20).map(asText),
      footerLines: footer.slice(0, 20).map(asText),
      decimal: format.decimal ?? detectDecimal(sample, separator),
      dateFormat: format.dateFormat ?? detectDateFormat(sample, separator),
    },
    columns,
    rows: body.map((r) => {
      const row: DataRow = { line: r.line, cells: r.cells, unterminated: r.unterminated === true };
      if (options.raw) row.raw = r.raw ?? '';
      return row;
    }),
    metadataCells: metadata.map((r) => r.cells),
  };
}
