/**
 * Bank CSV exports dropped onto the window (docs/sepa.md): the
 * profile that maps their columns to statement-line fields, the preview the
 * user checks before anything is written, and the commit that stores the
 * rows as one statement (all rows, or none). Sniffing (encoding, separator,
 * header line, metadata, decimal and date format) is shared with the entries
 * import.
 */
import { z } from 'zod';
import { CurrencySchema } from './domain';
import { CsvDateFormat, CsvEncoding, CsvSeparator, DecimalSeparator, ImportFormat } from './entry-import';
import { StatementSummary } from './statements';

export const MAX_BANK_CSV_BYTES = 20 * 1024 * 1024;
export const MAX_BANK_CSV_BASE64 = Math.ceil(MAX_BANK_CSV_BYTES / 3) * 4;
export const BANK_CSV_PREVIEW_ROWS = 200;

/** The statement-line fields a CSV column can feed. */
export const BANK_CSV_FIELDS = [
  'bookingDate',
  'valueDate',
  'amount',
  'debit',
  'credit',
  'direction',
  'currency',
  'counterpartyName',
  'counterpartyIban',
  'counterpartyBic',
  'remittance',
  'bookingText',
  'endToEndId',
  'mandateId',
  'creditorId',
  'reference',
] as const;
export type BankCsvField = (typeof BANK_CSV_FIELDS)[number];

export type BankCsvAmountMode = 'signed' | 'debitCredit' | 'withDirection';

/** The amount columns each amount mode reads. */
export const AMOUNT_FIELDS_BY_MODE: Readonly<Record<BankCsvAmountMode, readonly BankCsvField[]>> = {
  signed: ['amount'],
  debitCredit: ['debit', 'credit'],
  withDirection: ['amount', 'direction'],
};

/** Without these no row can become a statement line, for the amount mode. */
export function requiredBankCsvFields(mode: BankCsvAmountMode): BankCsvField[] {
  return ['bookingDate', ...AMOUNT_FIELDS_BY_MODE[mode]];
}

const column = z.string().min(1).max(200).nullable().default(null);

export const BankCsvMapping = z
  .object({
    format: ImportFormat.default({}),
    columns: z
      .object({
        bookingDate: column,
        valueDate: column,
        /** One signed amount (− = money out), or with `direction` an absolute amount. */
        amount: column,
        /** Separate columns with absolute amounts (German "Soll"/"Haben"). */
        debit: column,
        credit: column,
        /** S/H, Soll/Haben, Debit/Credit, D/C, +/− next to an absolute amount. */
        direction: column,
        currency: column,
        counterpartyName: column,
        counterpartyIban: column,
        counterpartyBic: column,
        remittance: column,
        bookingText: column,
        endToEndId: column,
        mandateId: column,
        creditorId: column,
        reference: column,
      })
      .strict(),
    amountMode: z.enum(['signed', 'debitCredit', 'withDirection']).default('signed'),
    /** Where the file has no currency column. */
    currency: CurrencySchema.default('EUR'),
    /** Data rows to leave out, by their physical line number in the file (1-based). */
    skipLines: z.array(z.number().int().min(1)).max(100_000).default([]),
    /**
     * Keeps only the rows for which this is true, in a small language (no
     * code is run): column names in double quotes or as bare words,
     * `= != < <= > >=`, `contains`, `startsWith`, `and`, `or`, `not`,
     * parentheses, strings in single quotes, amounts and dates as the file
     * writes them. Example: `"Buchungstext" contains 'LASTSCHRIFT' and Betrag < 0`.
     */
    filter: z.string().trim().max(500).nullable().default(null),
    /** Every row of the file is a chargeback (returned direct debit, card dispute). */
    chargeback: z.boolean().default(false),
  })
  .strict();
export type BankCsvMapping = z.output<typeof BankCsvMapping>;
export type BankCsvMappingInput = z.input<typeof BankCsvMapping>;

export const BankCsvProfile = z.object({
  name: z.string(),
  /** Shipped with Kontor (the common German bank exports and a generic one); cannot be overwritten. */
  builtIn: z.boolean(),
  mapping: BankCsvMapping,
});
export type BankCsvProfile = z.infer<typeof BankCsvProfile>;

const Params = z.record(z.string(), z.union([z.string(), z.number()]));
export const BankCsvRowError = z.object({
  field: z.enum(BANK_CSV_FIELDS).optional(),
  column: z.string().optional(),
  code: z.string(),
  message: z.string(),
  params: Params.optional(),
});
export type BankCsvRowError = z.infer<typeof BankCsvRowError>;

/** A row as it will be stored. */
export const BankCsvLine = z.object({
  bookingDate: z.string(),
  valueDate: z.string().nullable(),
  amountCents: z.number().int(),
  currency: z.string(),
  counterpartyName: z.string().nullable(),
  counterpartyIban: z.string().nullable(),
  counterpartyBic: z.string().nullable(),
  remittance: z.string().nullable(),
  bookingText: z.string().nullable(),
  endToEndId: z.string().nullable(),
  mandateId: z.string().nullable(),
  creditorId: z.string().nullable(),
  reference: z.string().nullable(),
  chargeback: z.boolean(),
});
export type BankCsvLine = z.infer<typeof BankCsvLine>;

export const BankCsvPreviewRow = z.object({
  /** Physical line in the file (1-based). */
  line: z.number().int(),
  /** ok: will be imported; skipped: left out by the user; filtered: the filter said no; failed: has errors. */
  state: z.enum(['ok', 'skipped', 'filtered', 'failed']),
  /** The raw cells by column name. */
  values: z.record(z.string(), z.string()),
  parsed: BankCsvLine.optional(),
  errors: z.array(BankCsvRowError),
});
export type BankCsvPreviewRow = z.infer<typeof BankCsvPreviewRow>;

export const BankCsvPreview = z.object({
  fileName: z.string(),
  sha256: z.string(),
  detected: z.object({
    encoding: CsvEncoding,
    bom: z.boolean(),
    separator: CsvSeparator,
    headerLine: z.number().int(),
    metadataLines: z.array(z.string()),
    footerLines: z.array(z.string()),
    decimal: DecimalSeparator,
    dateFormat: CsvDateFormat,
  }),
  columns: z.array(z.string()),
  examples: z.array(z.string()),
  /** The profile proposed for (or chosen for) this file, and how sure the proposal is. */
  profile: z.object({ name: z.string(), builtIn: z.boolean(), score: z.number() }).nullable(),
  mapping: BankCsvMapping,
  mappingIssues: z.array(z.object({ field: z.enum(BANK_CSV_FIELDS), code: z.string(), message: z.string(), params: Params.optional() })),
  /** A problem of the filter expression (its position in the text), null when it is fine or absent. */
  filterError: z.object({ code: z.string(), message: z.string(), position: z.number().int() }).nullable(),
  /** Our account the file belongs to: from the metadata lines ("Konto DE…") or as given; null when unknown. */
  accountIban: z.string().nullable(),
  /** The first rows (failed ones first), as they will be imported. */
  rows: z.array(BankCsvPreviewRow),
  totals: z.object({
    rows: z.number().int(),
    ok: z.number().int(),
    skipped: z.number().int(),
    filtered: z.number().int(),
    failed: z.number().int(),
    sumCents: z.number().int(),
    firstDate: z.string().nullable(),
    lastDate: z.string().nullable(),
  }),
  /** The same content was imported before (whatever its name then): it will be refused. */
  alreadyImported: z.object({ fileName: z.string(), importedAt: z.string() }).nullable(),
});
export type BankCsvPreview = z.infer<typeof BankCsvPreview>;

const FileInput = {
  fileName: z.string().trim().min(1, 'file.required').max(255),
  base64: z.string().min(1, 'file.required').max(MAX_BANK_CSV_BASE64, 'import.tooLarge'),
};

export const BankCsvPreviewInput = z
  .object({
    ...FileInput,
    /** Without a mapping and profile, Kontor proposes the best-fitting profile. */
    mapping: BankCsvMapping.optional(),
    profile: z.string().trim().min(1).max(70).optional(),
    accountIban: z.string().trim().max(34).optional(),
  })
  .strict();

export const BankCsvCommitInput = z
  .object({
    ...FileInput,
    mapping: BankCsvMapping,
    accountIban: z.string().trim().min(1, 'iban.required').max(34),
    saveProfileAs: z.string().trim().min(1, 'text.required').max(70, 'text.tooLong').optional(),
  })
  .strict();

export const BankCsvCommitResult = z.object({
  statement: StatementSummary,
  lines: z.number().int(),
  chargebacks: z.number().int(),
});
export type BankCsvCommitResult = z.infer<typeof BankCsvCommitResult>;
