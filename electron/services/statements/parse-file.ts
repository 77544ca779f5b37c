/**
 * `kontor statements parse`: any camt or MT940 file, or a ZIP of them, read
 * into the normalised statement model and nothing stored — for checking what
 * Kontor makes of a bank's file.
 */
import { KontorError } from '../../../shared/errors';
import { decodeStatementText } from '../../statements/encoding';
import type { ParsedStatement, StatementFormat } from '../../statements/model';
import { parseStatementBytes } from '../../statements/parse';
import { isZip, unpackZip } from './container';

export interface ParsedMember {
  /** The file's name; a ZIP member's is `archive.zip/member.xml`. */
  file: string;
  bytes: Uint8Array;
  format: StatementFormat;
  statements: ParsedStatement[];
}

/** Parses a file or each member of a ZIP; a parser's error names the member it happened in (`params.file`). */
export function parseStatementFile(name: string, bytes: Uint8Array): ParsedMember[] {
  const members = isZip(bytes) ? unpackZip(bytes).map((m) => ({ name: `${name}/${m.name}`, bytes: m.bytes })) : [{ name, bytes }];
  return members.map((m) => {
    try {
      return { file: m.name, bytes: m.bytes, ...parseStatementBytes(m.bytes) };
    } catch (e) {
      if (e instanceof KontorError) throw new KontorError(e.code, e.message, { ...e.params, file: m.name });
      throw e;
    }
  });
}

/** The statements with each line's raw text instead of its byte offsets, which mean nothing outside the file. */
export function withRawText(member: ParsedMember) {
  return member.statements.map((s) => ({
    ...s,
    lines: s.lines.map(({ rawStart, rawEnd, ...line }) => ({ ...line, raw: decodeStatementText(member.bytes.subarray(rawStart, rawEnd), s.encoding) })),
  }));
}
