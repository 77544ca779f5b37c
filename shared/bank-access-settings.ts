/**
 * What a bank access lets the user choose beyond its letter data: which pain
 * versions the bank takes, whether umlauts stay in payment files, the EBICS
 * 3.0 order parameters (BTF) where a bank deviates from the German defaults,
 * which hash the bank prints for EBICS 3.0, the statement format and the
 * amount limit. The API's shape; main keeps its own storage layout.
 */
import { z } from 'zod';
import { CentsSchema, StatementFormat, VersionSchema } from './domain';

export const CreditTransferPain = z.enum(['pain.001.001.09', 'pain.001.001.03']);
export const DirectDebitPain = z.enum(['pain.008.001.08', 'pain.008.001.02']);
/** EBICS 3.0: the bank's letter shows the hash of the certificate (the default) or of the public key. */
export const BankHashMode = z.enum(['certificate', 'publicKey']);

/** The purposes whose BTF service a bank may name differently. */
export const BTF_PURPOSES = ['credit_transfer', 'direct_debit_core', 'direct_debit_b2b', 'statement_eod_camt', 'statement_eod_mt940', 'intraday_camt'] as const;
export const BtfPurpose = z.enum(BTF_PURPOSES);
export type BtfPurpose = z.infer<typeof BtfPurpose>;

/** The fields of a BTF `Service` a bank may set; empty means the default. Checked in main against the EBICS 3.0 schema rules. */
export const BTF_FIELDS = ['serviceName', 'scope', 'serviceOption', 'container', 'msgName', 'msgVersion', 'msgVariant', 'msgFormat'] as const;
export type BtfField = (typeof BTF_FIELDS)[number];
const field = z.string().trim().max(10, 'text.tooLong').optional();
export const BtfParameters = z
  .object({
    serviceName: field,
    scope: field,
    serviceOption: field,
    container: field,
    msgName: field,
    msgVersion: field,
    msgVariant: field,
    msgFormat: field,
  })
  .strict();
export type BtfParameters = Partial<Record<BtfField, string>>;

export const BankAccessSettingsInput = z
  .object({
    creditTransferPain: CreditTransferPain,
    directDebitPain: DirectDebitPain,
    /** The German extended character set (DFÜ-Abkommen annex 3): Ä Ö Ü ä ö ü ß & * $ % stay as they are. */
    germanCharset: z.boolean(),
    bankHashMode: BankHashMode,
    statementFormat: StatementFormat,
    amountLimitCents: CentsSchema.refine((c) => c > 0, 'amount.mustBePositive').nullable(),
    /** The bank's maximum number of payments in one file; a run with more is split. */
    maxPaymentsPerFile: z.number().int().min(1).max(1_000_000).nullable().default(null),
    /** The bank's maximum total of one file; a run above it is split (a single payment above it is left out). */
    maxFileAmountCents: CentsSchema.refine((c) => c > 0, 'amount.mustBePositive')
      .nullable()
      .default(null),
    btf: z.partialRecord(BtfPurpose, BtfParameters),
    /** The bank offers SEPA Instant to this access (CIP/CIV, BTF SCI): only then may a run be instant. */
    instantOffered: z.boolean().default(false),
    /** The bank's maximum per instant payment (the EPC scheme has none since 2025; banks set their own); null: none. */
    instantLimitCents: CentsSchema.refine((c) => c > 0, 'amount.mustBePositive')
      .nullable()
      .default(null),
    /** The bank access's version the form was loaded at: a save on an older one is refused (edit.changedMeanwhile). */
    version: VersionSchema,
  })
  .strict();
export type BankAccessSettingsInput = z.input<typeof BankAccessSettingsInput>;

export const BankAccessSettings = z.object({
  creditTransferPain: CreditTransferPain,
  directDebitPain: DirectDebitPain,
  germanCharset: z.boolean(),
  bankHashMode: BankHashMode,
  statementFormat: StatementFormat,
  amountLimitCents: CentsSchema.nullable(),
  maxPaymentsPerFile: z.number().int().nullable(),
  maxFileAmountCents: CentsSchema.nullable(),
  btf: z.partialRecord(BtfPurpose, BtfParameters),
  instantOffered: z.boolean(),
  instantLimitCents: CentsSchema.nullable(),
  version: VersionSchema,
});
export type BankAccessSettings = z.infer<typeof BankAccessSettings>;

/** Kontor's defaults, as an access without any choice behaves. */
export const DEFAULT_BANK_ACCESS_SETTINGS: Omit<
  BankAccessSettings,
  'statementFormat' | 'amountLimitCents' | 'maxPaymentsPerFile' | 'maxFileAmountCents' | 'version'
> = {
  creditTransferPain: 'pain.001.001.09',
  directDebitPain: 'pain.008.001.08',
  germanCharset: false,
  bankHashMode: 'certificate',
  btf: {},
  instantOffered: false,
  instantLimitCents: null,
};

/** An account the bank lists for the subscriber (HTD), offered when an own account is created. */
export const OfferedAccount = z.object({
  iban: z.string(),
  bic: z.string().nullable(),
  currency: z.string(),
  holder: z.string().nullable(),
  description: z.string().nullable(),
});
export type OfferedAccount = z.infer<typeof OfferedAccount>;
