/**
 * The typed errors of the statement parsers (`statement.*`). Every failure a
 * file can cause ends in one of these; anything else is a bug.
 */
import { KontorError, type ErrorParams } from '../../shared/errors';

export type StatementErrorCode =
  | 'statement.notAStatement'
  | 'statement.malformed'
  | 'statement.truncated'
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

export function truncatedAt(byte: number): KontorError {
  return new KontorError(
    'statement.truncated',
    `The statement file ends unexpectedly after ${byte} bytes; it was probably cut off during download or copying.`,
    { byte },
  );
}
