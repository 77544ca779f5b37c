/**
 * Customers and suppliers (the parties) in bulk from a CSV export of an ERP's
 * master data: number, name, kind, IBAN, BIC, SEPA mandate. The file is read
 * with the same sniffing, profiles and preview-then-commit as the entries
 * import (shared/entry-import.ts); a known number is completed (new bank
 * details, new mandates), never overwritten.
 */
import { z } from 'zod';
import { AccountKind, IdSchema, PaymentMethod } from './domain';
import { ImportDetected, ImportFormat, ImportProfileName, ImportRowError, MAX_IMPORT_BASE64, PlannedInstrument } from './entry-import';

export { PlannedInstrument };

export const PARTY_FIELDS = [
  'number',
  'name',
  'kind',
  'iban',
  'bic',
  'mandateId',
  'mandateDate',
  'sequence',
  'scheme',
  'email',
  'street',
  'postalCode',
  'city',
  'country',
] as const;
export type PartyField = (typeof PARTY_FIELDS)[number];
export const REQUIRED_PARTY_FIELDS: readonly PartyField[] = ['number', 'name'];

const column = z.string().min(1).max(200).nullable().default(null);
const KindValues = z.array(z.string().trim().min(1).max(40)).max(50).default([]);

/** Customer or supplier: from a column whose values the user maps (`D`/`K`, `Debitor`/`Kreditor`), the same for every row, or not yet said (`ask`). */
export const PartyKindSource = z.discriminatedUnion('from', [
  z.object({ from: z.literal('column'), customer: KindValues, supplier: KindValues }).strict(),
  z.object({ from: z.literal('constant'), value: AccountKind }).strict(),
  z.object({ from: z.literal('ask') }).strict(),
]);
export type PartyKindSource = z.infer<typeof PartyKindSource>;

export const PartyMapping = z
  .object({
    format: ImportFormat.default({}),
    columns: z.object(Object.fromEntries(PARTY_FIELDS.map((f) => [f, column])) as Record<PartyField, typeof column>).strict(),
    kind: PartyKindSource,
    /** Where the file has no scheme column: mandates are CORE (consumers) or B2B. */
    scheme: z.enum(['CORE', 'B2B']).default('CORE'),
  })
  .strict();
export type PartyMapping = z.output<typeof PartyMapping>;
export type PartyMappingInput = z.input<typeof PartyMapping>;

export const PartyImportProfile = z.object({ name: z.string(), mapping: PartyMapping, savedAt: z.string() });
export type PartyImportProfile = z.infer<typeof PartyImportProfile>;

export const PartyPreviewRow = z.object({
  line: z.number().int(),
  ok: z.boolean(),
  values: z.record(z.string(), z.string()),
  /** The customer or supplier as it will be created, or as the ledger has it (`known`). */
  party: z.object({ kind: AccountKind, number: z.string(), name: z.string(), known: z.boolean() }).optional(),
  instruments: z.array(PlannedInstrument),
  errors: z.array(ImportRowError.omit({ field: true }).extend({ field: z.enum(PARTY_FIELDS).optional() })),
});
export type PartyPreviewRow = z.infer<typeof PartyPreviewRow>;

const Count = z.number().int();

export const PartyImportPreview = z.object({
  fileName: z.string(),
  sha256: z.string(),
  detected: ImportDetected,
  columns: z.array(z.string()),
  examples: z.array(z.string()),
  mapping: PartyMapping,
  profile: z.string().nullable(),
  mappingIssues: z.array(z.object({ field: z.enum(PARTY_FIELDS), code: z.string(), message: z.string() })),
  rows: z.array(PartyPreviewRow),
  truncated: z.boolean(),
  totals: z.object({
    rows: Count,
    ok: Count,
    failed: Count,
    customers: Count,
    suppliers: Count,
    newParties: Count,
    knownParties: Count,
    newMandates: Count,
    newBankDetails: Count,
    derivedBics: Count,
  }),
  alreadyImported: z.object({ fileName: z.string(), importedAt: z.string() }).nullable(),
  /** A file of this name was imported before (other content): a warning, not a refusal. */
  sameName: z.object({ importedAt: z.string() }).nullable(),
});
export type PartyImportPreview = z.infer<typeof PartyImportPreview>;

const FileInput = {
  fileName: z.string().trim().min(1, 'file.required').max(255),
  base64: z.string().min(1, 'file.required').max(MAX_IMPORT_BASE64, 'import.tooLarge'),
  /** Bank details and mandates belong to a business entity. */
  entityId: IdSchema,
};

export const PartyPreviewInput = z.object({ ...FileInput, mapping: PartyMapping.optional(), profile: ImportProfileName.optional() }).strict();
export const PartyCommitInput = z
  .object({ ...FileInput, mapping: PartyMapping, skipInvalid: z.boolean().default(false), saveProfileAs: ImportProfileName.optional() })
  .strict();
export const PartyCommitResult = z.object({
  created: Count,
  completed: Count,
  mandates: Count,
  bankDetails: Count,
  skipped: Count,
});
export type PartyCommitResult = z.infer<typeof PartyCommitResult>;

// ---- bulk edit ------------------------------------------------------------

/**
 * Several parties at once: their usual payment method and/or one set of bank
 * details (IBAN, BIC; the BIC derived from a bank Kontor knows when left
 * empty) for a business entity. All or nothing: one refused value refuses
 * the whole change. `dryRun` shows the plan for the confirmation step.
 */
export const PartyBulkEditInput = z
  .object({
    accountIds: z.array(IdSchema).min(1).max(1000),
    /** Absent: leave as it is; null: clear. */
    paymentMethod: PaymentMethod.nullable().optional(),
    /** The IBAN as typed: checked by the service so a bad one refuses the whole change with its own code. */
    iban: z.string().trim().min(1).max(64).optional(),
    bic: z.string().trim().min(1).max(20).optional(),
    /** The business entity the bank details are for (the only one when the ledger has one). */
    entityId: IdSchema.optional(),
    dryRun: z.boolean().default(false),
  })
  .strict();
export type PartyBulkEditInput = z.input<typeof PartyBulkEditInput>;

export const PartyBulkEditRow = z.object({
  accountId: IdSchema,
  number: z.string(),
  name: z.string(),
  kind: AccountKind,
  changed: z.boolean(),
  paymentMethod: z.object({ from: PaymentMethod.nullable(), to: PaymentMethod.nullable() }).nullable(),
  /** The bank details that become the party's active ones; null when they were so already (or none were asked). */
  bankDetails: z.object({ iban: z.string(), bic: z.string().nullable(), replaced: z.number().int() }).nullable(),
});
export type PartyBulkEditRow = z.infer<typeof PartyBulkEditRow>;

export const PartyBulkEditResult = z.object({
  dryRun: z.boolean(),
  entityId: IdSchema.nullable(),
  iban: z.string().nullable(),
  bic: z.string().nullable(),
  bicDerived: z.boolean(),
  changed: Count,
  unchanged: Count,
  rows: z.array(PartyBulkEditRow),
});
export type PartyBulkEditResult = z.infer<typeof PartyBulkEditResult>;
