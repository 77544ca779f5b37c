/**
 * Text to records with csv-parse (RFC 4180: fields in double quotes may hold
 * the separator, line breaks and `""` for a quote), lenient where exports
 * are sloppy: a quote inside an unquoted field is text (`relax_quotes`),
 * rows may have any number of fields, CRLF, LF and CR all end a record.
 * What csv-parse does not say is added here: the physical line where each
 * record starts, the record's text as in the file, and a quote that is never
 * closed (the rest of the file becomes its field, the record is marked).
 */
import { parse, type Options } from 'csv-parse/sync';

export interface CsvRecord {
  /** Physical line (1-based) where the record starts. */
  line: number;
  cells: string[];
  /** A quoted field ran to the end of the file. */
  unterminated?: boolean;
  /** The record's text as in the file, without its line break (with `raw`). */
  raw?: string;
}

export interface ParseOptions {
  /** Stop after this many records (sniffing looks at the first few only). */
  maxRecords?: number;
  /** Keep each record's text. */
  raw?: boolean;
}

const LINE_BREAK = /\r\n|\r|\n/g;

function options(separator: string): Options {
  return {
    delimiter: separator,
    quote: '"',
    escape: '"',
    relax_quotes: true,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_empty_lines: false,
  };
}

/** Line breaks inside a quoted field: counted (they are physical lines), and any style becomes \n. */
function breaksIn(cells: string[]): number {
  let breaks = 0;
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k]!;
    if (cell.indexOf('\n') === -1 && cell.indexOf('\r') === -1) continue;
    breaks += cell.match(LINE_BREAK)!.length;
    cells[k] = cell.replace(LINE_BREAK, '\n');
  }
  return breaks;
}

/** Offsets where each physical line starts and ends (before its break); index 0 is line 1. */
function lineSpans(text: string): { starts: number[]; ends: number[] } {
  const starts = [0];
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    ends.push(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    starts.push(i + 1);
  }
  ends.push(text.length);
  return { starts, ends };
}

/** The record that an unclosed quote began: the quote closed at the end of the file, so its field holds the rest. */
function unterminatedRecord(rest: string, separator: string, line: number): CsvRecord {
  let cells: string[];
  try {
    cells = (parse(`${rest}"`, { ...options(separator), to: 1 }) as string[][])[0] ?? [rest];
  } catch {
    cells = [rest];
  }
  breaksIn(cells);
  return { line, cells, unterminated: true };
}

/** Splits text into records; never throws for the text's sake. */
export function parseRecords(text: string, separator: string, o: ParseOptions = {}): CsvRecord[] {
  let unclosed = false;
  const rows = parse(text, {
    ...options(separator),
    ...(o.maxRecords !== undefined ? { to: o.maxRecords } : {}),
    // The only error with these options is a quote never closed: csv-parse drops that record, and it is rebuilt below.
    skip_records_with_error: true,
    on_skip: () => {
      unclosed = true;
    },
  }) as string[][];
  const spans = o.raw || unclosed ? lineSpans(text) : null;
  const records: CsvRecord[] = new Array(rows.length);
  let line = 1;
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r]!;
    const first = line;
    line += 1 + breaksIn(cells);
    const record: CsvRecord = { line: first, cells };
    if (o.raw && spans) record.raw = text.slice(spans.starts[first - 1], spans.ends[line - 2]);
    records[r] = record;
  }
  if (unclosed && spans && line - 1 < spans.starts.length && (o.maxRecords === undefined || records.length < o.maxRecords)) {
    const rest = unterminatedRecord(text.slice(spans.starts[line - 1]), separator, line);
    if (o.raw) rest.raw = text.slice(spans.starts[line - 1]);
    records.push(rest);
  }
  return records;
}

/** Index of the last non-empty cell + 1: Excel pads metadata lines with separators. */
export function width(cells: readonly string[]): number {
  for (let k = cells.length - 1; k >= 0; k--) if (cells[k]!.trim() !== '') return k + 1;
  return 0;
}
