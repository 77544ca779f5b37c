/**
 * Input checks for the message builders: every value is checked against the
 * type the EBICS schema declares for it before it goes into a document, so a
 * bad host ID or a 31-byte digest is refused here with a typed error instead
 * of by the bank.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { KontorError } from '../../../shared/errors';
import { EBICS_VERSIONS } from './versions';

/** Characters XML 1.0 allows in a document. */
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

const xmlText = z.string().regex(XML_CHARS, 'contains characters XML cannot carry');

/** xs:normalizedString: no tab, CR or LF. */
function normalizedString(max: number) {
  return xmlText.max(max).refine((s) => !/[\t\n\r]/.test(s), 'must not contain tabs or line breaks');
}

/** xs:token: a normalizedString without leading, trailing or double spaces. */
function token(min: number, max: number) {
  return normalizedString(max)
    .min(min)
    .refine((s) => s.trim() === s && !s.includes('  '), 'must not start or end with a space or contain double spaces');
}

export const versionSchema = z.enum(EBICS_VERSIONS);
export const hostIdSchema = token(1, 35);
/** PartnerIDType / UserIDType of H004 and H005. */
export const subscriberIdSchema = z.string().regex(/^[a-zA-Z0-9,=]{1,35}$/, 'must be 1 to 35 letters, digits, "," or "="');
export const nonceSchema = z.string().regex(/^[0-9A-Fa-f]{32}$/, 'must be 16 bytes as hex');
export const transactionIdSchema = z.string().regex(/^[0-9A-Fa-f]{32}$/, 'must be 16 bytes as hex');
export const securityMediumSchema = z.string().regex(/^\d{4}$/, 'must be four digits');
export const orderTypeSchema = z.string().regex(/^[A-Z0-9]{3}$/, 'must be three upper-case letters or digits');

/** An instant as a UTC ISO string, e.g. `2024-01-15T10:00:00Z` or with milliseconds. */
export const utcTimestampSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/, 'must be a UTC ISO timestamp ending in Z')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real point in time');

/** A business date `YYYY-MM-DD` that exists in the calendar. */
export const businessDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'is not a calendar date');

export const dateRangeSchema = z.object({ start: businessDateSchema, end: businessDateSchema }).refine((r) => r.start <= r.end, 'start must not be after end');

export const bytesSchema = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'must be bytes (Buffer)');
export const nonEmptyBytesSchema = bytesSchema.refine((b) => b.length > 0, 'must not be empty');
export const sha256Schema = bytesSchema.refine((b) => b.length === 32, 'must be a 32-byte SHA-256 digest');

/** Base64 text as it goes into `OrderData` (whitespace is not allowed here; strip it first). */
export const base64TextSchema = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64 text without whitespace')
  .refine((s) => s.length % 4 === 0, 'base64 length must be a multiple of 4');

export const productSchema = z.object({
  name: normalizedString(64).min(1),
  /** ISO 639 two-letter code. */
  language: z.string().regex(/^[a-z]{2}$/, 'must be a two-letter ISO 639 code'),
  instituteId: normalizedString(64).optional(),
});
export type Product = z.infer<typeof productSchema>;
export const DEFAULT_PRODUCT: Product = { name: 'Kontor', language: 'de' };

export const signatureVersionSchema = z.enum(['A005', 'A006']);
export type SignatureVersion = z.infer<typeof signatureVersionSchema>;

export const bankKeyDigestsSchema = z.object({
  authentication: z.object({ version: z.literal('X002').default('X002'), digest: sha256Schema }),
  encryption: z.object({ version: z.literal('E002').default('E002'), digest: sha256Schema }),
});
/** Hashes of the bank's keys we expect (what was confirmed against the bank's letter). */
export type BankKeyDigests = z.input<typeof bankKeyDigestsSchema>;

/** Who sends: the fields every EBICS request header carries. */
export const subscriberFields = {
  version: versionSchema,
  hostId: hostIdSchema,
  partnerId: subscriberIdSchema,
  userId: subscriberIdSchema,
  systemId: subscriberIdSchema.optional(),
  product: productSchema.default(DEFAULT_PRODUCT),
  securityMedium: securityMediumSchema.default('0000'),
};

/** What signed requests add: a fresh nonce and the current time. */
export const securedFields = {
  ...subscriberFields,
  nonce: nonceSchema,
  timestamp: utcTimestampSchema,
};

export const securedSchema = z.object(securedFields);
export type SecuredHeaderParams = z.input<typeof securedSchema>;
export const subscriberSchema = z.object(subscriberFields);
export type SubscriberParams = z.input<typeof subscriberSchema>;

/**
 * Parses `input` with `schema`; a failure becomes `ebics.invalidParameter`
 * naming the field (never its value) so the log says what to fix.
 */
export function check<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(value)';
  const reason = issue?.message ?? 'is invalid';
  throw new KontorError('ebics.invalidParameter', `Cannot build the ${what}: ${field} ${reason}.`, { field, what });
}

/** A fresh EBICS nonce: 16 random bytes as upper-case hex. */
export function newNonce(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

/** The current instant in the form the EBICS header wants (UTC, seconds). */
export function ebicsTimestamp(now: Date = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
