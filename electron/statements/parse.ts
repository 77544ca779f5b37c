/**
 * Entry points of the statement parsers: detect camt or MT940 from the first
 * bytes and stream a file's chunks through the right parser into a visitor
 * (the storage writes lines inside one SQLite transaction as they come), or,
 * for small files and tests, parse bytes in memory into a ParsedFile.
 *
 * Every problem with the input ends in a KontorError `statement.*`; when one
 * is thrown the visitor may already have seen some lines of the file, so a
 * caller that stores as it goes must roll back (the storage's transaction).
 */
import type { StatementWarning } from '../../shared/statements';
import { closeSync, openSync, readSync } from 'node:fs';
import { CamtParser } from './camt';
import { cleanLine, cleanStatement, type ControlScan } from './clean';
import { statementError } from './errors';
import { DEFAULT_PARSE_LIMITS, type ParseLimits, type ParsedFile, type ParsedLine, type ParsedStatement, type StatementFormat } from './model';
import { MT940_HEAD_BYTES, Mt940Parser } from './mt940';
import { detectPspReport } from './psp';
import { PspParser } from './psp/parser';

export interface StatementVisitor {
  /** Called once per statement, before its first line is reported (header fields known so far: id, account, opening balance when it precedes the lines). */
  statementStart(index: number, header: ParsedStatement): void;
  /** Every line in file order, as soon as it is complete. */
  line(index: number, line: ParsedLine): void;
  /** The complete statement (lines: [] — they went to `line`), with closing balance, period, balanceCheck and warnings. */
  statementEnd(index: number, statement: ParsedStatement): void;
}

export interface StatementParseOptions {
  limits?: Partial<ParseLimits>;
}

/** Bytes looked at to tell the format. */
const DETECT_BYTES = 4096;
/** Bytes collected before parsing starts: the MT940 parser tells dialect and encoding from them. */
const HEAD_BYTES = Math.max(DETECT_BYTES, MT940_HEAD_BYTES);

function skipBomAndSpace(head: Uint8Array): number {
  let i = 0;
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (i < head.length) {
    const c = head[i] as number;
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else break;
  }
  return i;
}

function bomLength(head: Uint8Array): number {
  return head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
}

/** 'camt' | 'mt940' | null from the first bytes (after BOM/whitespace). */
export function detectStatementFormat(head: Uint8Array): StatementFormat | null {
  const i = skipBomAndSpace(head);
  if (i >= head.length) return null;
  const text = Buffer.from(head.buffer, head.byteOffset + i, Math.min(head.length - i, DETECT_BYTES)).toString('latin1');
  if (text.startsWith('<')) {
    if (/^<(?:!doctype\s+html|html[\s>])/i.test(text)) return null;
    // An XML declaration, a comment or an element: the camt parser decides the rest.
    return /^<[?!A-Za-z_]/.test(text) ? 'camt' : null;
  }
  if (/^\{1:/.test(text)) return 'mt940';
  // A fragment (bookings without header): the MT940 parser names it for what it is.
  if (/^:(?:61|86):/.test(text)) return 'mt940';
  // Tolerate bank header lines (ABNANL2A / 940, 0000 01INGB…, :940:) before the first field.
  if (/(?:^|[\r\n]):(?:20|25|28C?|60[FM]|940):/.test(text)) return 'mt940';
  return null;
}

/** Streams chunks of one file (sync iterable, so a caller can run it inside a SQLite transaction) through the right parser. Returns the detected format. Throws KontorError on bad input. */
export function streamStatementFile(chunks: Iterable<Uint8Array>, visitor: StatementVisitor, options: StatementParseOptions = {}): { format: StatementFormat } {
  const limits: ParseLimits = { ...DEFAULT_PARSE_LIMITS, ...options.limits };
  const controls: ControlScan = { seen: true };
  const cleaned = withoutControlCharacters(visitor, controls);
  let total = 0;
  let head: Uint8Array[] = [];
  let headBytes = 0;
  let parser: CamtParser | Mt940Parser | PspParser | null = null;
  let format: StatementFormat | null = null;

  const count = (n: number): void => {
    total += n;
    if (total > limits.maxBytes) {
      throw statementError('statement.tooLarge', `The statement file is larger than ${formatBytes(limits.maxBytes)}, the most Kontor reads from one file.`, {
        maxBytes: limits.maxBytes,
      });
    }
  };
  const startParser = (): void => {
    const bytes = head.length === 1 ? (head[0] as Uint8Array) : Buffer.concat(head);
    head = [];
    if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
      throw statementError(
        'statement.encoding',
        'The statement file is UTF-16 encoded; Kontor reads statements in UTF-8 or a single-byte code page (Windows-1252, ISO-8859-1/-2, CP852, …).',
        {
          encoding: 'UTF-16',
        },
      );
    }
    format = detectStatementFormat(bytes);
    const psp = format === null ? detectPspReport(bytes) : null;
    if (psp !== null) {
      format = 'psp';
      parser = new PspParser(cleaned, psp, bomLength(bytes));
      parser.feed(bytes.subarray(bomLength(bytes)));
      return;
    }
    if (format === null) {
      throw statementError(
        'statement.notAStatement',
        bytes.length === 0
          ? 'The file is empty.'
          : 'The file is neither a camt (ISO 20022 XML) nor an MT940/MT942 bank statement nor a settlement report of Adyen, Stripe, PayPal or Mollie.',
      );
    }
    const bom = bomLength(bytes);
    const body = bom > 0 ? bytes.subarray(bom) : bytes;
    if (format === 'camt') parser = new CamtParser(cleaned, limits, bom);
    else {
      controls.seen = false;
      parser = new Mt940Parser(cleaned, limits, bom, body.subarray(0, MT940_HEAD_BYTES), controls);
    }
    parser.feed(body);
  };

  for (const chunk of chunks) {
    if (chunk.length === 0) continue;
    count(chunk.length);
    if (parser === null) {
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes >= HEAD_BYTES) startParser();
    } else {
      (parser as CamtParser | Mt940Parser | PspParser).feed(chunk);
    }
  }
  if (parser === null) startParser();
  (parser as unknown as CamtParser | Mt940Parser | PspParser).finish();
  return { format: format as unknown as StatementFormat };
}

/**
 * The visitor seeing every statement and line with control characters removed from texts (and refused in identifiers,
 * see clean.ts). A line is looked through only when the parser cannot rule them out (`controls`): walking every text of
 * every line cost a tenth of the MT940 parse of files that have none.
 */
function withoutControlCharacters(visitor: StatementVisitor, controls: ControlScan): StatementVisitor {
  const notes = new Set<StatementWarning>();
  return {
    statementStart: (index, header) => visitor.statementStart(index, cleanStatement(header, notes)),
    line: (index, line) => visitor.line(index, controls.seen ? cleanLine(line, notes) : line),
    statementEnd(index, statement) {
      const clean = cleanStatement(statement, notes);
      const warnings = notes.size === 0 ? clean.warnings : [...new Set([...clean.warnings, ...notes])];
      notes.clear();
      visitor.statementEnd(index, warnings === clean.warnings ? clean : { ...clean, warnings });
    },
  };
}

/** Convenience: whole file in memory → ParsedFile with lines filled in. */
export function parseStatementBytes(bytes: Uint8Array, options: StatementParseOptions = {}): ParsedFile {
  const statements: ParsedStatement[] = [];
  const lines: ParsedLine[][] = [];
  const { format } = streamStatementFile(
    [bytes],
    {
      statementStart(index) {
        lines[index] = [];
      },
      line(index, line) {
        (lines[index] as ParsedLine[]).push(line);
      },
      statementEnd(index, statement) {
        statements[index] = { ...statement, lines: lines[index] ?? [] };
      },
    },
    options,
  );
  return { format, statements };
}

/** A generator reading a file in chunks (a fresh buffer each, so callers may keep them) for streamStatementFile. */
export function* fileChunks(path: string, chunkSize = 1024 * 1024): Generator<Uint8Array, void, undefined> {
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(chunkSize);
      const n = readSync(fd, buf, 0, chunkSize, null);
      if (n === 0) return;
      yield n === chunkSize ? buf : buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round(n / (1024 * 1024))} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
