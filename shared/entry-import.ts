/**
 * Entries in bulk from an ERP's CSV export: the mapping from CSV columns to
 * entry fields (what a saved profile holds) and the preview the user sees
 * before anything is written. Import is preview, then commit: the preview
 * never writes, the commit recomputes it and writes all rows in one
 * transaction.
 */
import { z } from 'zod';
import { CurrencySchema, EntryInput, EntryType, IdSchema, PaymentMethod } from './domain';

/** The largest CSV file accepted, and the same limit on its base64 text. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_BASE64 = Math.ceil(MAX_IMPORT_BYTES / 3) * 4;
/** At most this many rows come back in a preview (all failed rows first, in line order). */
export const PREVIEW_ROW_LIMIT = 1000;

export const CsvEncoding = z.enum(['utf-8', 'utf-16le', 'windows-1252']);
export type CsvEncoding = z.infer<typeof CsvEncoding>;
export const CsvSeparator = z.enum([';', ',', '\t', '|']);
export type CsvSeparator = z.infer<typeof CsvSeparator>;
export const DecimalSeparator = z.enum([',', '.']);
export type DecimalSeparator = z.infer<typeof DecimalSeparator>;
export const CsvDateFormat = z.enum(['dd.mm.yyyy', 'yyyy-mm-dd', 'dd/mm/yyyy', 'mm/dd/yyyy', 'yyyymmdd']);
export type CsvDateFormat = z.infer<typeof CsvDateFormat>;

/** Overrides of what the file sniffer detects; anything left out is detected. */
export const ImportFormat = z
  .object({
    encoding: CsvEncoding.optional(),
    separator: CsvSeparator.optional(),
    /** The physical line (1-based) of the header row; lines above it are metadata. */
    headerLine: z.number().int().min(1).max(10_000).optional(),
    /** The file has no header row: every line is data, columns are named by number (`#1`, `#2`, …). */
    noHeader: z.boolean().optional(),
    decimal: DecimalSeparator.optional(),
    dateFormat: CsvDateFormat.optional(),
  })
  .strict();

const ColumnName = z.string().min(1).max(200);
const column = ColumnName.nullable().default(null);

/** The entry fields a CSV column can feed. */
export const IMPORT_FIELDS = [
  'number',
  'statementDate',
  'dueDate',
  'amount',
  'type',
  'currency',
  'accountNumber',
  'accountName',
  'paymentReference',
  'requestedMethod',
  'mandateId',
  'mandateDate',
  'iban',
  'bic',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Without these no row can become an entry. */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['number', 'statementDate', 'amount', 'accountNumber'];

/** Cell values of a type column (compared trimmed, whatever their case). */
const TypeValues = z.array(z.string().trim().min(1).max(40)).max(50).default([]);

/**
 * How a row's type (receivable or payable) is found: from a column, whose
 * values the user maps (`D`/`K`, `S`/`H`, `RE`/`GS`; both lists empty = the
 * words Kontor knows: Debit/Credit, Soll/Haben, S/H, +/−), from the sign of
 * the amount (positive = receivable), or the same for every row. `ask` is
 * what a file without a type column gets before the user (or a profile)
 * said: the mapping is incomplete until then — the sign is never guessed.
 */
export const ImportTypeSource = z.discriminatedUnion('from', [
  z.object({ from: z.literal('column'), receivable: TypeValues, payable: TypeValues }).strict(),
  z.object({ from: z.literal('amountSign') }).strict(),
  z.object({ from: z.literal('constant'), value: EntryType }).strict(),
  z.object({ from: z.literal('ask') }).strict(),
]);
export type ImportTypeSource = z.infer<typeof ImportTypeSource>;

export const ImportMapping = z
  .object({
    format: ImportFormat.default({}),
    /** Column (header name as listed in the preview's `columns`) per field; null = not in the file. */
    columns: z
      .object({
        number: column,
        statementDate: column,
        dueDate: column,
        amount: column,
        type: column,
        currency: column,
        accountNumber: column,
        accountName: column,
        paymentReference: column,
        requestedMethod: column,
        mandateId: column,
        /** The mandate's date of signature: with IBAN and reference, an unknown mandate is created. */
        mandateDate: column,
        /** The customer's or supplier's IBAN and BIC: bank details (or the mandate's account) are created or completed. */
        iban: column,
        bic: column,
      })
      .strict(),
    type: ImportTypeSource,
    /**
     * `absolute`: every amount is positive, the type says which way the
     * money goes. `signed`: receivables positive, payables negative (as in the
     * ledger); a sign that contradicts the type is an error. Implied when the
     * type comes from the amount's sign.
     */
    amountSign: z.enum(['absolute', 'signed']).default('absolute'),
    /** Where the file has no currency (column not mapped or cell empty). */
    currency: CurrencySchema.default('EUR'),
    /** Where the file has no payment method. */
    requestedMethod: PaymentMethod.nullable().default(null),
    /** Unknown customer/supplier numbers become new accounts, named from the name column. */
    createAccounts: z.boolean().default(false),
    /** Payables wait for an approver before they can be paid. */
    needsApproval: z.boolean().default(false),
  })
  .strict();
export type ImportMapping = z.output<typeof ImportMapping>;
export type ImportMappingInput = z.input<typeof ImportMapping>;

export const ImportProfileName = z.string().trim().min(1, 'text.required').max(70, 'text.tooLong');
export const ImportProfile = z.object({ name: z.string(), mapping: ImportMapping, savedAt: z.string() });
export type ImportProfile = z.infer<typeof ImportProfile>;

const Params = z.record(z.string(), z.union([z.string(), z.number()]));

/** One thing wrong with a row, in words; `code` is translated by the renderer (`code.<code>`). */
export const ImportRowError = z.object({
  field: z.enum(IMPORT_FIELDS).optional(),
  /** The CSV column the value came from. */
  column: z.string().optional(),
  code: z.string(),
  message: z.string(),
  params: Params.optional(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

/** The entry a row would become: EntryInput, except that a new account has no id yet. */
export const ImportEntry = EntryInput.extend({ accountId: IdSchema.nullable() });
export type ImportEntry = z.output<typeof ImportEntry>;

/** A bank account or mandate an import creates for a customer or supplier (the entries import plans them too). */
export const PlannedInstrument = z.object({
  accountNumber: z.string(),
  kind: z.enum(['sepa_mandate', 'bank_details']),
  holderName: z.string(),
  iban: z.string(),
  bic: z.string().nullable(),
  mandateId: z.string().nullable(),
  mandateSignedOn: z.string().nullable(),
  mandateType: z.enum(['recurring', 'one_off']).nullable(),
  scheme: z.enum(['CORE', 'B2B']).nullable(),
  direction: z.enum(['in', 'out', 'both']),
});

export type PlannedInstrument = z.infer<typeof PlannedInstrument>;

export const ImportPreviewRow = z.object({
  /** Physical line of the row in the file (1-based), as an editor shows it. */
  line: z.number().int(),
  ok: z.boolean(),
  /** The text of each mapped field's cell, trimmed. */
  values: z.record(z.string(), z.string()),
  entry: ImportEntry.optional(),
  /** The customer or supplier as found in the ledger or as it will be created. */
  account: z.object({ number: z.string(), name: z.string() }).optional(),
  newAccount: z.object({ kind: z.enum(['customer', 'supplier']), number: z.string(), name: z.string() }).optional(),
  /** Bank details and a mandate this row brings that the ledger lacks (created with the entries). */
  instruments: z.array(PlannedInstrument).optional(),
  /** The reference of the mandate the import creates and the entry is to be collected with. */
  newMandate: z.string().optional(),
  errors: z.array(ImportRowError),
});
export type ImportPreviewRow = z.infer<typeof ImportPreviewRow>;

export const ImportDetected = z.object({
  encoding: CsvEncoding,
  bom: z.boolean(),
  separator: CsvSeparator,
  /** 0 when the file has no header row (columns by number). */
  headerLine: z.number().int(),
  /** The lines above the header (account, period, …), as text. */
  metadataLines: z.array(z.string()),
  /** Lines after the data that were left out (totals and the like). */
  footerLines: z.array(z.string()),
  decimal: DecimalSeparator,
  dateFormat: CsvDateFormat,
});
export type ImportDetected = z.infer<typeof ImportDetected>;

export const ImportMappingIssue = z.object({ field: z.enum(IMPORT_FIELDS), code: z.string(), message: z.string(), params: Params.optional() });
export type ImportMappingIssue = z.infer<typeof ImportMappingIssue>;

export const TypeTotal = z.object({ type: EntryType, currency: z.string(), count: z.number().int(), amountCents: z.number().int() });
export type TypeTotal = z.infer<typeof TypeTotal>;

export const ImportPreview = z.object({
  fileName: z.string(),
  sha256: z.string(),
  detected: ImportDetected,
  /** Header names, made unique (`Betrag (2)`) and named (`#5`) where the file has none. */
  columns: z.array(z.string()),
  /** The first non-empty value of each column, to help choose. */
  examples: z.array(z.string()),
  mapping: ImportMapping,
  /** The profile the mapping came from, if any. */
  profile: z.string().nullable(),
  /** Problems of the mapping itself (a required field without column, a column the file lacks). */
  mappingIssues: z.array(ImportMappingIssue),
  rows: z.array(ImportPreviewRow),
  /** True when `rows` holds only part of the file's rows. */
  truncated: z.boolean(),
  totals: z.object({
    rows: z.number().int(),
    ok: z.number().int(),
    failed: z.number().int(),
    newAccounts: z.number().int(),
    newMandates: z.number().int(),
    newBankDetails: z.number().int(),
  }),
  /** Of the rows without errors: count and sum per type and currency (amounts as on the invoice, positive). */
  typeTotals: z.array(TypeTotal),
  /** The same content was imported before (whatever its name then): it will be refused. */
  alreadyImported: z.object({ fileName: z.string(), importedAt: z.string() }).nullable(),
  /** A file of this name was imported before with other content: a warning (an export of the same name may be a new one). */
  sameName: z.object({ importedAt: z.string() }).nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

const FileInput = {
  fileName: z.string().trim().min(1, 'file.required').max(255),
  base64: z.string().min(1, 'file.required').max(MAX_IMPORT_BASE64, 'import.tooLarge'),
  entityId: IdSchema,
};

export const ImportPreviewInput = z.object({ ...FileInput, mapping: ImportMapping.optional(), profile: ImportProfileName.optional() }).strict();
export const ImportCommitInput = z
  .object({ ...FileInput, mapping: ImportMapping, skipInvalid: z.boolean().default(false), saveProfileAs: ImportProfileName.optional() })
  .strict();
export const ImportCommitResult = z.object({
  imported: z.number().int(),
  skipped: z.number().int(),
  accountsCreated: z.number().int(),
  mandatesCreated: z.number().int(),
  bankDetailsCreated: z.number().int(),
});
export type ImportCommitResult = z.infer<typeof ImportCommitResult>;
