/**
 * Reads a CSV export as it comes from an ERP or billing system: decodes the
 * bytes, splits records (RFC 4180, `""` escapes, quoted line breaks), and
 * detects separator, metadata lines above the header, the header, footer
 * lines, the decimal separator and the date format from the data. Every
 * detection can be overridden (ImportFormat), e.g. from a saved profile.
 */
import { KontorError } from '../../../shared/errors';
import type { z } from 'zod';
import type { CsvDateFormat, CsvEncoding, CsvSeparator, DecimalSeparator, ImportDetected, ImportFormat } from '../../../shared/entry-import';

// ---- decoding ---------------------------------------------------------------

/**
 * Windows-1252 differs from ISO-8859-1 only in 0x80–0x9F, where ISO-8859-1
 * has unused control codes; decoding both as Windows-1252 is right for both.
 * Node 20's TextDecoder('windows-1252') decodes that range as ISO-8859-1
 * (0x80 stays U+0080 instead of €), hence this table. Five bytes are
 * undefined in Windows-1252 and stay as they are.
 */
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 0x4000;
  for (let start = 0; start < bytes.length; start += chunk) {
    const codes = Array.from(bytes.subarray(start, start + chunk), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80]! : b));
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

export interface Decoded {
  text: string;
  encoding: CsvEncoding;
  bom: boolean;
}

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * UTF-8 with BOM, UTF-16 LE with BOM (Excel's "Unicode text"), UTF-8 if the
 * bytes are valid UTF-8, else Windows-1252 (which covers ISO-8859-1).
 */
export function decode(bytes: Uint8Array, forced?: CsvEncoding): Decoded {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    throw new KontorError('import.notCsv', 'This file is a ZIP container (e.g. an Excel workbook), not CSV. Save it as CSV first.');
  }
  const utf8Bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const utf16Bom = startsWith(bytes, [0xff, 0xfe]);
  const encoding: CsvEncoding = forced ?? (utf16Bom ? 'utf-16le' : utf8Bom || isUtf8(bytes) ? 'utf-8' : 'windows-1252');
  let text: string;
  let bom = false;
  if (encoding === 'utf-16le') {
    bom = utf16Bom;
    text = new TextDecoder('utf-16le').decode(bytes.subarray(bom ? 2 : 0));
  } else if (encoding === 'utf-8') {
    bom = utf8Bom;
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(bom ? 3 : 0));
  } else {
    text = decodeWindows1252(bytes);
  }
  if (text.includes('\u0000')) {
    throw new KontorError('import.notCsv', 'This file contains binary data; it is not a CSV text file.');
  }
  return { text, encoding, bom };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// ---- records ----------------------------------------------------------------

export interface CsvRecord {
  /** Physical line (1-based) where the record starts. */
  line: number;
  cells: string[];
  /** A quoted field ran to the end of the file. */
  unterminated?: boolean;
  /** Where the record's text starts and ends (before its line break), when asked for. */
  start?: number;
  end?: number;
}

/**
 * Splits text into records: fields separated by `separator`, records by
 * CRLF, LF or CR; a field in double quotes may hold separators, line breaks
 * and `""` for a quote. Lenient where exports are sloppy: a quote inside an
 * unquoted field is kept as text, text after a closing quote is appended.
 */
export function parseCsv(text: string, separator: string, maxRecords = Infinity, offsets = false): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n && records.length < maxRecords) {
    const start = line;
    const from = i;
    let to = i;
    const cells: string[] = [];
    let unterminated = false;
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\r' || c === '\n') {
            // A line break inside quotes belongs to the value; any style becomes \n.
            line++;
            cell += '\n';
            i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
            continue;
          }
          cell += c;
          i++;
        }
        if (!closed) unterminated = true;
        // Anything between the closing quote and the separator: keep it, minus padding.
        let rest = '';
        while (i < n && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') rest += text[i++];
        cell += rest.trim() === '' ? '' : rest;
      } else {
        while (i < n && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      }
      cells.push(cell);
      if (i < n && text[i] === separator) {
        i++;
        continue;
      }
      // End of record: a line break or the end of the text.
      to = i;
      if (text[i] === '\r') i += text[i + 1] === '\n' ? 2 : 1;
      else if (text[i] === '\n') i++;
      line++;
      break;
    }
    const record: CsvRecord = unterminated ? { line: start, cells, unterminated } : { line: start, cells };
    if (offsets) {
      record.start = from;
      record.end = to;
    }
    records.push(record);
  }
  return records;
}

/** Index of the last non-empty cell + 1: Excel pads metadata lines with separators. */
export function width(cells: readonly string[]): number {
  for (let k = cells.length - 1; k >= 0; k--) if (cells[k]!.trim() !== '') return k + 1;
  return 0;
}

// ---- detection --------------------------------------------------------------

const SEPARATORS: readonly CsvSeparator[] = [';', '\t', ',', '|'];
const SAMPLE_RECORDS = 200;

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
    const counts = parseCsv(sample, sep, SAMPLE_RECORDS)
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

const DATE_PATTERNS: ReadonlyArray<[RegExp, CsvDateFormat | 'slash']> = [
  [/^\d{1,2}\.\d{1,2}\.(\d{4}|\d{2})$/, 'dd.mm.yyyy'],
  [/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd'],
  [/^\d{1,2}\/\d{1,2}\/\d{4}$/, 'slash'],
];

/** A trailing time of day, as some ERPs write dates: `31.01.2026 00:00:00`, `2026-01-31T00:00:00`. */
export function stripTime(s: string): string {
  return s.replace(/(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$/, '');
}

export function looksLikeDate(s: string): boolean {
  const v = stripTime(s.trim());
  return DATE_PATTERNS.some(([re]) => re.test(v));
}

const AMOUNT_SHAPE = /^[+\-\u2212]?\s*(?:[A-Z]{3}\s*|€\s*)?[0-9][0-9.,' \u00a0]*(?:\s*(?:[A-Z]{3}|€))?\s*[+\-\u2212]?$/;

export function looksLikeAmount(s: string): boolean {
  const v = s.trim();
  return v !== '' && AMOUNT_SHAPE.test(v) && !looksLikeDate(v);
}

/** Which date format the cells use; slash dates are day-first unless a middle part exceeds 12. */
export function detectDateFormat(cells: Iterable<string>, separator: CsvSeparator): CsvDateFormat {
  const votes = new Map<CsvDateFormat, number>();
  let dayFirst = false;
  let monthFirst = false;
  for (const raw of cells) {
    const v = stripTime(raw.trim());
    for (const [re, format] of DATE_PATTERNS) {
      if (!re.test(v)) continue;
      if (format === 'slash') {
        const [a, b] = v.split('/').map(Number) as [number, number];
        if (a > 12) dayFirst = true;
        if (b > 12) monthFirst = true;
        votes.set('dd/mm/yyyy', (votes.get('dd/mm/yyyy') ?? 0) + 1);
      } else {
        votes.set(format, (votes.get(format) ?? 0) + 1);
      }
      break;
    }
  }
  let best: CsvDateFormat | null = null;
  for (const [format, count] of votes) if (best === null || count > (votes.get(best) ?? 0)) best = format;
  if (best === 'dd/mm/yyyy' && monthFirst && !dayFirst) return 'mm/dd/yyyy';
  return best ?? (separator === ',' ? 'yyyy-mm-dd' : 'dd.mm.yyyy');
}

/**
 * Votes per amount-looking cell: with both `.` and `,` the later one is the
 * decimal separator; a single one followed by one or two digits is too;
 * `1.234` alone says nothing. No votes: `,` for `;`-separated files, else `.`.
 */
export function detectDecimal(cells: Iterable<string>, separator: CsvSeparator): DecimalSeparator {
  let comma = 0;
  let dot = 0;
  for (const raw of cells) {
    if (!looksLikeAmount(raw)) continue;
    const v = raw.replace(/[^0-9.,]/g, '');
    const c = v.lastIndexOf(',');
    const d = v.lastIndexOf('.');
    if (c !== -1 && d !== -1) {
      if (c > d) comma++;
      else dot++;
    } else if (c !== -1 || d !== -1) {
      const sep = c !== -1 ? ',' : '.';
      const first = v.indexOf(sep);
      const after = v.length - first - 1;
      if (first !== v.lastIndexOf(sep)) {
        // Only grouping: `1.234.567` votes for a decimal comma.
        if (sep === '.') comma++;
        else dot++;
      } else if (after === 1 || after === 2) {
        if (sep === ',') comma++;
        else dot++;
      }
    }
  }
  if (comma !== dot) return comma > dot ? ',' : '.';
  return separator === ',' ? '.' : ',';
}

const FOOTER_WORDS = /^(summe|gesamt|gesamtsumme|total|totals|anzahl|saldo|endsaldo|sum|count)\b/i;

function looksLikeHeader(cells: readonly string[], fields: number): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.length < Math.max(2, Math.ceil(fields * 0.6))) return false;
  if (width(cells) < Math.max(2, Math.ceil(fields * 0.8))) return false;
  if (filled.some((c) => looksLikeAmount(c) || looksLikeDate(c))) return false;
  return new Set(filled.map((c) => c.toLowerCase())).size === filled.length;
}

/** Longest column name kept: the API's mappings take names of up to 200 characters, and ` (n)` may follow. */
const MAX_COLUMN_NAME = 180;

/** Header names made usable as keys: unique, at most MAX_COLUMN_NAME characters (+ ` (n)`), and `#n` for an empty one. */
export function columnNames(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, k) => {
    const base = raw.replace(/\s+/g, ' ').trim().slice(0, MAX_COLUMN_NAME).trim() || `#${k + 1}`;
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), n);
    return n === 1 ? base : `${base} (${n})`;
  });
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

/** What a caller other than the entries import may want besides the defaults. */
export interface SniffOptions {
  /** Keep each data row's original text. */
  raw?: boolean;
  /** More trailing lines to treat as footer (a bank's "Kontostand" or "Endsaldo" lines), besides the usual ones. */
  isFooter?: (cells: readonly string[], columns: readonly string[]) => boolean;
}

type Format = z.output<typeof ImportFormat>;

/** Decodes and splits a CSV file; throws only when the file as a whole is unusable. */
export function sniff(bytes: Uint8Array, format: Format = {}, options: SniffOptions = {}): Sniffed {
  const { text, encoding, bom } = decode(bytes, format.encoding);
  if (text.trim() === '') throw new KontorError('import.empty', 'The file is empty.');
  const separator = format.separator ?? detectSeparator(text);
  const records = parseCsv(text, separator, Infinity, options.raw === true);
  const filled = records.filter((r) => width(r.cells) > 0);

  let headerIndex: number;
  if (format.headerLine !== undefined) {
    headerIndex = records.findIndex((r) => r.line === format.headerLine);
    if (headerIndex === -1 || width(records[headerIndex]!.cells) === 0) {
      throw new KontorError('import.noHeaderAtLine', `Line ${format.headerLine} of the file is empty or inside another row; it cannot be the header.`, {
        line: format.headerLine,
      });
    }
  } else {
    const fields = mode(filled.slice(0, SAMPLE_RECORDS).map((r) => width(r.cells)).filter((w) => w > 1)).value;
    let found = records.findIndex((r) => looksLikeHeader(r.cells, fields));
    if (found === -1) found = records.findIndex((r) => width(r.cells) >= Math.max(2, fields));
    if (found === -1) {
      throw new KontorError('import.noHeader', 'No header row was found: the file needs a line naming its columns (e.g. Rechnungsnummer;Datum;Betrag).');
    }
    headerIndex = found;
  }
  const headerRecord = records[headerIndex]!;
  const columns = columnNames(headerRecord.cells.slice(0, Math.max(1, width(headerRecord.cells))));

  let body = records.slice(headerIndex + 1).filter((r) => width(r.cells) > 0);
  const footer: CsvRecord[] = [];
  while (body.length > 0) {
    const last = body[body.length - 1]!;
    const first = last.cells.find((c) => c.trim() !== '')?.trim() ?? '';
    const usual = FOOTER_WORDS.test(first) || (columns.length > 2 && last.cells.filter((c) => c.trim() !== '').length <= 1);
    if (!(usual || options.isFooter?.(last.cells, columns) === true)) break;
    footer.unshift(last);
    body = body.slice(0, -1);
  }

  const sample = body.slice(0, SAMPLE_RECORDS).flatMap((r) => r.cells);
  const asText = (r: CsvRecord) => r.cells.slice(0, Math.max(1, width(r.cells))).join(separator === '\t' ? '  ' : ` ${separator} `).slice(0, 200);
  return {
    detected: {
      encoding,
      bom,
      separator,
      headerLine: headerRecord.line,
      metadataLines: records.slice(0, headerIndex).filter((r) => width(r.cells) > 0).slice(0, 20).map(asText),
      footerLines: footer.slice(0, 20).map(asText),
      decimal: format.decimal ?? detectDecimal(sample, separator),
      dateFormat: format.dateFormat ?? detectDateFormat(sample, separator),
    },
    columns,
    rows: body.map((r) =>
      options.raw ? { line: r.line, cells: r.cells, unterminated: r.unterminated === true, raw: text.slice(r.start, r.end) } : { line: r.line, cells: r.cells, unterminated: r.unterminated === true },
    ),
    metadataCells: records.slice(0, headerIndex).filter((r) => width(r.cells) > 0).map((r) => r.cells),
  };
}
