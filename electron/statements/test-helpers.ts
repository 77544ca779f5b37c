/**
 * Test helpers for the statement parsers: feeding a file in chunks of chosen
 * sizes, and catching the typed error a bad file must produce.
 */
import { KontorError } from '../../shared/errors';
import { seeded } from '../../test/bench/figure';
import type { ParsedFile, ParsedLine, ParsedStatement, ParseLimits } from './model';
import { streamStatementFile } from './parse';

/** Splits bytes into chunks: a fixed size, or seeded random sizes 1..max when size is 'random'. */
export function* chunksOf(bytes: Uint8Array, size: number | 'random', seed = 1, max = 97): Generator<Uint8Array> {
  const rand = seeded(seed);
  for (let i = 0; i < bytes.length;) {
    const n = size === 'random' ? 1 + Math.floor(rand() * max) : size;
    // A copy each time, and the previous one overwritten: the parsers must not keep references to chunks.
    yield bytes.slice(i, i + n);
    i += n;
  }
}

/** parseStatementBytes, but streamed through the given chunks. */
export function parseChunks(chunks: Iterable<Uint8Array>, limits?: Partial<ParseLimits>): ParsedFile {
  const statements: ParsedStatement[] = [];
  const lines: ParsedLine[][] = [];
  const started: number[] = [];
  const { format } = streamStatementFile(
    chunks,
    {
      statementStart(index, header) {
        started.push(index);
        if (header.lines.length !== 0) throw new Error('header with lines');
        lines[index] = [];
      },
      line(index, line) {
        if (started[started.length - 1] !== index) throw new Error('line before statementStart');
        (lines[index] as ParsedLine[]).push(line);
      },
      statementEnd(index, statement) {
        statements[index] = { ...statement, lines: lines[index] ?? [] };
      },
    },
    limits ? { limits } : {},
  );
  return { format, statements };
}

/** The KontorError fn throws; fails when it throws something else or nothing. */
export function kontorErrorOf(fn: () => unknown): KontorError {
  try {
    fn();
  } catch (e) {
    if (e instanceof KontorError) return e;
    throw new Error(`expected a KontorError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a KontorError, nothing was thrown');
}
