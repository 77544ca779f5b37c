/**
 * Customers and suppliers (the parties) in bulk from a CSV export of an ERP's
 * master data: number, name, kind, IBAN, BIC, SEPA mandate. The file is read
 * with the same sniffing, profiles and preview-then-commit as the entries
 * import (shared/entry-import.ts); a known number is completed (new bank
 * details, new mandates), never overwritten.
 */
import { z } from 'zod';
import { AccountKind, IdSchema } from './domain';
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
