import type { z } from 'zod';
import { parseBusinessDate } from '../../../shared/dates';
import { KontorError } from '../../../shared/errors';
import { assertIban } from '../../../shared/ids';
import { parseAmount } from '../../../shared/money';
import type { Problem } from '../i18n/problems';
import type { Validation } from './useForm';

/**
 * Problems found while turning typed text into API input (an amount that does
 * not parse, a select left empty). They win over the schema's own messages,
 * which would only say "expected a number".
 */
export type Found = Partial<Record<string, Problem>>;

const fromKontorError = (e: unknown): Problem =>
  e instanceof KontorError ? { code: e.code, params: e.params, fallback: e.message } : { code: 'code.unknown' };

/** A required choice from a list: the id, or 0 and a problem. */
export function requiredId(text: string, field: string, found: Found): number {
  if (text === '') found[field] = { code: 'select.required' };
  return Number(text) || 0;
}

export function optionalId(text: string): number | null {
  return text === '' ? null : Number(text);
}

/** Integer cents from text in German or English notation. */
export function amountFrom(text: string, field: string, found: Found): number {
  if (text.trim() === '') {
    found[field] = { code: 'amount.required' };
    return 0;
  }
  try {
    return parseAmount(text);
  } catch (e) {
    found[field] = fromKontorError(e);
    return 0;
  }
}

/** `YYYY-MM-DD` from `21.11.2026`, `2026-11-21` and friends; null when left empty. */
export function dateFrom(text: string, field: string, found: Found, requiredCode?: string): string | null {
  if (text.trim() === '') {
    if (requiredCode) found[field] = { code: requiredCode };
    return null;
  }
  try {
    return parseBusinessDate(text);
  } catch (e) {
    found[field] = fromKontorError(e);
    return null;
  }
}

/** Checks an IBAN with the reason it is wrong (length, check digits, …). */
export function checkIban(text: string, field: string, found: Found): string {
  if (text.trim() === '') {
    found[field] = { code: 'iban.required' };
    return text;
  }
  try {
    return assertIban(text);
  } catch (e) {
    found[field] = fromKontorError(e);
    return text;
  }
}

/** Runs the shared input schema over the candidate; the problems found before come first. */
export function check<S extends z.ZodType>(schema: S, candidate: z.input<S>, found: Found = {}): Validation<z.input<S>> {
  const problems: Partial<Record<string, Problem>> = {};
  const parsed = schema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      problems[field] ??= { code: issue.message, fallback: issue.message };
    }
  }
  Object.assign(problems, found);
  const ok = Object.values(problems).every((p) => p === undefined);
  return { input: ok ? candidate : null, problems };
}

export const upper = (s: string) => s.trim().toUpperCase();
