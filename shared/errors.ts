/**
 * Errors a user can cause or meet (bad input, bad file, bank refusal, missing
 * keychain). They carry a stable code the renderer translates, an English
 * message for logs and the CLI, and optional parameters for the translation.
 * Anything that is not a KontorError is a bug and is reported as "internal".
 */
export type ErrorParams = Record<string, string | number>;

export class KontorError extends Error {
  readonly code: string;
  readonly params: ErrorParams;

  constructor(code: string, message: string, params: ErrorParams = {}) {
    super(message);
    this.name = 'KontorError';
    this.code = code;
    this.params = params;
  }
}

export function isKontorError(e: unknown): e is KontorError {
  return e instanceof KontorError;
}
