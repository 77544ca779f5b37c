/**
 * Text to records (RFC 4180: a field in double quotes may hold the
 * separator, line breaks and `""` for a quote), lenient where exports are
 * sloppy: a quote inside an unquoted field is text, text after a closing
 * quote is appended (blanks dropped), rows may have any number of fields,
 * CRLF, LF and CR all end a record, and a quote never closed takes the rest
 * of the file into its field and marks the record. Each record knows the
 * physical line it starts on and, when asked, its text as in the file.
 *
 * Hand-written rather than csv-parse: on a 15 MB export csv-parse took 0.7 to
 * 1.0 s and this splitter 0.25 s, of a preview budget of 2 s (`npm run
 * bench -- csv.preview`). csv-parse is the oracle in parse.test.ts: on
 * well-formed files both give the same cells.
 */

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
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Where the next line break at or after `from` is, remembering the last answers (an unquoted field needs it at every field). */
function lineBreakFinder(text: string): (from: number) => number {
  let lf = -2;
  let cr = -2;
  return (from) => {
    if (lf !== -1 && lf < from) lf = text.indexOf('\n', from);
    if (cr !== -1 && cr < from) cr = text.indexOf('\r', from);
    const a = lf === -1 ? text.length : lf;
    const b = cr === -1 ? text.length : cr;
    return a < b ? a : b;
  };
}

interface Quoted {
  cell: string;
  /** Position after the closing quote (the text's end when there is none). */
  end: number;
  closed: boolean;
}

/** A quoted field starting at `at` (its opening quote). */
function quoted(text: string, at: number): Quoted {
  let cell = '';
  let from = at + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q === -1) return { cell: cell + text.slice(from), end: text.length, closed: false };
    if (text.charCodeAt(q + 1) === QUOTE) {
      cell += text.slice(from, q + 1);
      from = q + 2;
      continue;
    }
    return { cell: cell + text.slice(from, q), end: q + 1, closed: true };
  }
}

/** Splits text into records; never throws for the text's sake. */
export function parseRecords(text: string, separator: string, o: ParseOptions = {}): CsvRecord[] {
  const records: CsvRecord[] = [];
  const sep = separator.charCodeAt(0);
  const max = o.maxRecords ?? Infinity;
  const lineEnd = lineBreakFinder(text);
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n && records.length < max) {
    const first = line;
    const from = i;
    const cells: string[] = [];
    let unterminated = false;
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === QUOTE) {
        const q = quoted(text, i);
        cell = q.cell;
        unterminated ||= !q.closed;
        if (cell.indexOf('\n') !== -1 || cell.indexOf('\r') !== -1) {
          line += cell.match(LINE_BREAK)!.length;
          cell = cell.replace(LINE_BREAK, '\n');
        }
        // Anything between the closing quote and the separator: kept, unless it is only blanks.
        let j = q.end;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === sep || c === LF || c === CR) break;
          j++;
        }
        if (j > q.end) {
          const rest = text.slice(q.end, j);
          if (rest.trim() !== '') cell += rest;
        }
        i = j;
      } else {
        const end = lineEnd(i);
        let j = text.indexOf(separator, i);
        if (j === -1 || j > end) j = end;
        cell = text.slice(i, j);
        i = j;
      }
      cells.push(cell);
      if (i < n && text.charCodeAt(i) === sep) {
        i++;
        continue;
      }
      break;
    }
    // End of the record: a line break or the end of the text.
    const to = i;
    if (text.charCodeAt(i) === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
    else if (text.charCodeAt(i) === LF) i++;
    line++;
    const record: CsvRecord = unterminated ? { line: first, cells, unterminated } : { line: first, cells };
    if (o.raw) record.raw = text.slice(from, to);
    records.push(record);
  }
  return records;
}

/** Index of the last non-empty cell + 1: Excel pads metadata lines with separators. */
export function width(cells: readonly string[]): number {
  for (let k = cells.length - 1; k >= 0; k--) if (cells[k]!.trim() !== '') return k + 1;
  return 0;
}
