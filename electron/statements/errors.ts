/**
 * The typed errors of the statement parsers (`statement.*`). Every failure a
 * file can cause ends in one of these; anything else is a bug. Which
 * deviations are refused at all is decided in tolerance.ts.
 */
import { KontorError, type ErrorParams } from '../../shared/errors';

export type StatementErrorCode =
  | 'statement.notAStatement'
  | 'statement.malformed'
  | 'statement.truncated'
  | 'statement.mt940Fragment'
  | 'statement.tooLarge'
  | 'statement.tooDeep'
  | 'statement.textTooLong'
  | 'statement.entitiesRefused'
  | 'statement.unsupportedMessage'
  | 'statement.encoding'
  | 'statement.noStatement';

export function statementError(code: StatementErrorCode, message: string, params: ErrorParams = {}): KontorError {
  return new KontorError(code, message, params);
}

export function malformedAt(byte: number, what: string, line?: number): KontorError {
  const where = line !== undefined ? `line ${line}` : `byte ${byte}`;
  const params: ErrorParams = { byte, detail: what };
  if (line !== undefined) params.line = line;
  return new KontorError('statement.malformed', `The statement file is damaged at ${where}: ${what}.`, params);
}

/** `missing` says what the cut-off file lacks, e.g. "the closing balance :62F: of statement 3". */
export function truncatedAt(byte: number, missing?: string, line?: number): KontorError {
  const params: ErrorParams = { byte };
  if (line !== undefined) params.line = line;
  if (missing !== undefined) params.missing = missing;
  const what = missing !== undefined ? `${missing} is missing: the file ends after ${byte} bytes` : `the file ends unexpectedly after ${byte} bytes`;
  return new KontorError('statement.truncated', `The statement file is incomplete: ${what}; it was probably cut off during download or copying.`, params);
}
