import { KontorError } from '../../../shared/errors';
import { ApiCallError } from '../api/client';

/**
 * Something to tell the user: a message code (an API error code such as
 * `entry.duplicateNumber`, or a zod message code such as `iban.invalid`),
 * parameters for its translation, and the server's English words for codes
 * that have no translation yet.
 */
export interface Problem {
  code: string;
  params?: Record<string, string | number>;
  fallback?: string;
}

export function problemFromError(e: unknown): Problem {
  if (e instanceof ApiCallError || e instanceof KontorError) return { code: e.code, params: e.params, fallback: e.message };
  return { code: 'internal', fallback: e instanceof Error ? e.message : String(e) };
}
