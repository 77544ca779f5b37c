/**
 * The statement browser's side of the API contract: stored statements, their
 * lines (paged for the virtualised table), retrieval from the bank and the
 * manual import of a camt or MT940 file.
 */
import { z } from 'zod';
import { BusinessDateSchema, CentsSchema, IdSchema } from './domain';

/** A dropped or chosen file, base64; the browser host's request limit is 32 MB. */
export const MAX_STATEMENT_IMPORT_BASE64 = 30 * 1024 * 1024;

/** `csv`: rows of a bank's CSV export, stored as one statement without balances; `psp`: a PSP settlement batch (the PSP clearing account). */
export const ReportKind = z.enum(['camt.052', 'camt.053', 'camt.054', 'mt940', 'mt942', 'csv', 'psp']);
export type ReportKind = z.infer<typeof ReportKind>;

/**
 * The warning codes a parsed statement can carry: what the parser tolerated
 * (see electron/statements/tolerance.ts and docs/statements.md). Every code
 * has an English and a German text in the renderer's dictionaries.
 */
export const STATEMENT_WARNINGS = [
  'statement.balanceMismatch',
  'statement.currencyMismatch',
  'statement.currencyUnknown',
  'statement.balanceCurrencyMissing',
  'statement.balanceDateMissing',
  'statement.bookingDateMissing',
  'statement.openingBalanceMissing',
  'statement.closingBalanceMissing',
  'statement.noDate',
  'statement.dateAdjusted',
  'statement.dateUnreadable',
  'statement.timestampUnreadable',
  'statement.amountPrecision',
  'statement.idMissing',
  'statement.accountUnclear',
  'statement.detailsAmbiguous',
  'statement.encodingUncertain',
  'statement.encodingMismatch',
  'statement.mixedEncoding',
  'statement.namespaceMissing',
  'statement.namespaceMismatch',
  'statement.unknownEntity',
  'statement.unknownElement',
  'statement.controlCharactersRemoved',
] as const;
export type StatementWarning = (typeof STATEMENT_WARNINGS)[number];

export const MatchState = z.enum(['unmatched', 'proposed', 'matched', 'ignored']);
export type MatchState = z.infer<typeof MatchState>;

export const StatementAccount = z.object({
  /** The account's IBAN (or other account id when the bank gives no IBAN). */
  iban: z.string(),
  currency: z.string(),
  /** Known when the IBAN belongs to one of the company's bank accounts. */
  bankAccountId: IdSchema.nullable(),
  name: z.string().nullable(),
  latestBalance: z.object({ amountCents: CentsSchema, date: BusinessDateSchema }).nullable(),
  statementCount: z.number().int(),
  lineCount: z.number().int(),
  unmatchedCount: z.number().int(),
  lastBookingDate: BusinessDateSchema.nullable(),
});
export type StatementAccount = z.infer<typeof StatementAccount>;

export const BalancePoint = z.object({ date: BusinessDateSchema, amountCents: CentsSchema });
export type BalancePoint = z.infer<typeof BalancePoint>;

export const StatementSummary = z.object({
  id: IdSchema,
  iban: z.string(),
  currency: z.string(),
  sourceFormat: z.enum(['camt', 'mt940', 'csv', 'psp']),
  reportKind: ReportKind,
  messageName: z.string(),
  statementId: z.string(),
  sequenceNumber: z.string().nullable(),
  periodFrom: BusinessDateSchema,
  periodTo: BusinessDateSchema,
  openingCents: CentsSchema.nullable(),
  closingCents: CentsSchema.nullable(),
  /** null: the file carries no opening or closing balance to check against. */
  balanced: z.boolean().nullable(),
  differenceCents: CentsSchema.nullable(),
  lineCount: z.number().int(),
  sumCents: CentsSchema,
  fileName: z.string().nullable(),
  importedAt: z.string(),
  /** Codes of what the parser tolerated (translated in the UI). */
  warnings: z.array(z.string()),
  /** The bank layout the MT940 was read as (`ing-nl`, `de-dk`, …; `iso20022` for camt); absent for CSV. */
  dialect: z.string().nullable().optional(),
  /** The character encoding the text was read in (`utf-8`, `windows-1252`, `cp852`, …). */
  encoding: z.string().nullable().optional(),
});
export type StatementSummary = z.infer<typeof StatementSummary>;

export const StatementLine = z.object({
  id: IdSchema,
  statementDbId: IdSchema,
  lineNo: z.number().int(),
  accountIban: z.string(),
  bookingDate: BusinessDateSchema,
  valueDate: BusinessDateSchema.nullable(),
  amountCents: CentsSchema,
  currency: z.string(),
  counterpartyName: z.string().nullable(),
  counterpartyIban: z.string().nullable(),
  counterpartyBic: z.string().nullable(),
  remittance: z.string().nullable(),
  bookingText: z.string().nullable(),
  endToEndId: z.string().nullable(),
  mandateId: z.string().nullable(),
  bankReference: z.string().nullable(),
  bankTxCode: z.string().nullable(),
  returnReason: z.string().nullable(),
  isReversal: z.boolean(),
  batchCount: z.number().int().nullable(),
  matchState: MatchState,
});
export type StatementLine = z.infer<typeof StatementLine>;

export const StatementLineDetail = StatementLine.extend({
  statement: StatementSummary,
  creditorId: z.string().nullable(),
  chargesCents: CentsSchema.nullable(),
  /** The bank's own unique id of the booking (e.g. the German `FI-UMSATZ-ID`). */
  bankTransactionId: z.string().nullable().optional(),
  /** The return reason in words (camt `RtrInf/AddtlInf`), beside the code in returnReason. */
  returnReasonText: z.string().nullable().optional(),
  /** Every transaction of the booking (one, or many for a batch), as parsed. */
  transactions: z.array(z.record(z.string(), z.unknown())),
  /** The booking's text exactly as the bank sent it. */
  raw: z.string(),
});
export type StatementLineDetail = z.infer<typeof StatementLineDetail>;

const LineFilterFields = {
  iban: z.string().trim().max(64).optional(),
  statementDbId: IdSchema.optional(),
  from: BusinessDateSchema.optional(),
  to: BusinessDateSchema.optional(),
  minCents: CentsSchema.optional(),
  maxCents: CentsSchema.optional(),
  /** Searches remittance, booking text, references and counterparty. */
  text: z.string().trim().max(200).optional(),
  counterparty: z.string().trim().max(140).optional(),
  matched: z.enum(['all', 'matched', 'unmatched']).default('all'),
  direction: z.enum(['all', 'in', 'out']).default('all'),
};
export const LineFilter = z.object(LineFilterFields).strict();
export type LineFilter = z.input<typeof LineFilter>;

export const LinePage = z
  .object({
    ...LineFilterFields,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
    sort: z.enum(['bookingDate', 'amount']).default('bookingDate'),
    descending: z.boolean().default(true),
  })
  .strict();
export type LinePage = z.input<typeof LinePage>;

export const LinePageResult = z.object({
  rows: z.array(StatementLine),
  total: z.number().int(),
  sumCents: CentsSchema,
});
export type LinePageResult = z.infer<typeof LinePageResult>;

export const StatementImportInput = z
  .object({
    fileName: z.string().trim().min(1, 'file.required').max(255),
    base64: z.string().min(1, 'file.required').max(MAX_STATEMENT_IMPORT_BASE64, 'import.tooLarge'),
  })
  .strict();

export const StatementImportResult = z.object({
  stored: z.array(StatementSummary),
  /** Statements in the file that were stored before (same account, id and period). */
  duplicates: z.number().int(),
  /** Issued payments the new lines marked Collected, Rejected or Reversed. */
  paymentsUpdated: z.number().int(),
});
export type StatementImportResult = z.infer<typeof StatementImportResult>;

export const FetchKind = z.enum(['eod', 'intraday', 'notifications']);
export type FetchKind = z.infer<typeof FetchKind>;

export const StatementFetchInput = z
  .object({
    bankAccessId: IdSchema.optional(),
    kind: FetchKind.default('eod'),
    from: BusinessDateSchema.optional(),
    to: BusinessDateSchema.optional(),
  })
  .strict()
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'date.rangeReversed', path: ['to'] });

export const StatementFetchResult = z.object({
  accesses: z.array(
    z.object({
      bankAccessId: IdSchema,
      name: z.string(),
      /** The bank answered "no data available" (090005): normal, not an error. */
      noData: z.boolean(),
      files: z.number().int(),
      stored: z.number().int(),
      duplicates: z.number().int(),
      paymentsUpdated: z.number().int(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
});
export type StatementFetchResult = z.infer<typeof StatementFetchResult>;
