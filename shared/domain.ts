/**
 * The domain as the API sees it: zod schemas for what the renderer sends and
 * receives. Inputs validate and normalise (IBANs without spaces, upper-case
 * BICs); outputs describe rows as the repositories return them.
 */
import { z } from 'zod';
import { isBusinessDate } from './dates';
import { PAYMENT_DATE_RULES } from './payment-dates';
import { isValidBic, isValidCreditorId, isValidIban, isValidSepaId, normalizeBic, normalizeIban } from './ids';

export const IdSchema = z.number().int().positive();
export const CentsSchema = z.number().int().refine(Number.isSafeInteger, 'amount.outOfRange');
export const BusinessDateSchema = z.string().refine(isBusinessDate, 'date.invalid');
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'currency.invalid');
export const CountrySchema = z.string().regex(/^[A-Z]{2}$/, 'country.invalid');
export const IbanSchema = z.string().transform(normalizeIban).refine(isValidIban, 'iban.invalid');
export const BicSchema = z.string().transform(normalizeBic).refine(isValidBic, 'bic.invalid');
export const CreditorIdSchema = z
  .string()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .refine(isValidCreditorId, 'creditorId.invalid');
export const SepaIdSchema = z.string().trim().refine(isValidSepaId, 'sepaId.invalid');

/** Free text a user types: trimmed, not empty, bounded. */
const text = (max: number) => z.string().trim().min(1, 'text.required').max(max, 'text.tooLong');
/** Optional free text: empty input means "none". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'text.tooLong')
    .nullish()
    .transform((s) => (s ? s : null));
const optional = <T extends z.ZodType>(schema: T) =>
  z
    .union([z.literal('').transform(() => null), z.null(), schema])
    .optional()
    .transform((v) => v ?? null);

const timestamps = { createdAt: z.string(), updatedAt: z.string() };

/**
 * A record's optimistic version (migration 15): 1 when created, one more with
 * every change a person makes. An edit sends the version it was made on and
 * is refused (`edit.changedMeanwhile`) when someone else changed it meanwhile.
 */
export const VersionSchema = z.number().int().min(1);

// ---- business entity -------------------------------------------------------

export const BusinessEntityInput = z.object({
  name: text(70),
  creditorId: optional(CreditorIdSchema),
  street: optionalText(70),
  postalCode: optionalText(16),
  city: optionalText(35),
  country: CountrySchema.default('DE'),
  preferredBankAccountId: optional(IdSchema),
});
export const BusinessEntity = z.object({
  id: IdSchema,
  name: z.string(),
  creditorId: z.string().nullable(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string(),
  preferredBankAccountId: IdSchema.nullable(),
  ...timestamps,
});
export type BusinessEntity = z.infer<typeof BusinessEntity>;

// ---- bank account ----------------------------------------------------------

export const BankAccountInput = z.object({
  entityId: IdSchema,
  bankAccessId: optional(IdSchema),
  name: text(70),
  iban: IbanSchema,
  bic: optional(BicSchema),
  currency: CurrencySchema.default('EUR'),
});
export const BankAccount = z.object({
  id: IdSchema,
  entityId: IdSchema,
  bankAccessId: IdSchema.nullable(),
  name: z.string(),
  iban: z.string(),
  bic: z.string().nullable(),
  currency: z.string(),
  entityName: z.string(),
  ...timestamps,
});
export type BankAccount = z.infer<typeof BankAccount>;

// ---- account (customer / supplier) ----------------------------------------

export const AccountKind = z.enum(['customer', 'supplier']);
export type AccountKind = z.infer<typeof AccountKind>;
export const AccountInput = z.object({
  kind: AccountKind,
  number: text(35),
  name: text(70),
  email: optional(z.string().trim().email('email.invalid')),
  street: optionalText(70),
  postalCode: optionalText(16),
  city: optionalText(35),
  country: optional(CountrySchema),
  notes: optionalText(2000),
});
export const Account = z.object({
  id: IdSchema,
  kind: AccountKind,
  number: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  notes: z.string().nullable(),
  /** The party's usual payment method (set in bulk on the parties screen); null: not said. */
  paymentMethod: z.enum(['sepa', 'other']).nullable(),
  version: VersionSchema,
  ...timestamps,
});
export type Account = z.infer<typeof Account>;
export const AccountFilter = z.object({
  kind: AccountKind.optional(),
  search: z.string().trim().max(100).optional(),
});

// ---- payment instrument (SEPA mandate or payout bank details) -------------

export const InstrumentKind = z.enum(['sepa_mandate', 'bank_details']);
export const Direction = z.enum(['in', 'out', 'both']);
export const MandateScheme = z.enum(['CORE', 'B2B']);
export const MandateType = z.enum(['recurring', 'one_off']);

export const PaymentInstrumentInput = z
  .object({
    accountId: IdSchema,
    entityId: IdSchema,
    kind: InstrumentKind,
    holderName: text(70),
    iban: IbanSchema,
    bic: optional(BicSchema),
    mandateId: optional(SepaIdSchema),
    mandateSignedOn: optional(BusinessDateSchema),
    scheme: optional(MandateScheme),
    mandateType: optional(MandateType),
    direction: Direction.default('both'),
    active: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'sepa_mandate') return;
    if (!v.mandateId) ctx.addIssue({ code: 'custom', path: ['mandateId'], message: 'mandate.idRequired' });
    if (!v.mandateSignedOn) ctx.addIssue({ code: 'custom', path: ['mandateSignedOn'], message: 'mandate.dateRequired' });
    if (!v.scheme) ctx.addIssue({ code: 'custom', path: ['scheme'], message: 'mandate.schemeRequired' });
    // A mandate authorises us to collect: money only comes in through it.
    if (v.direction !== 'in') ctx.addIssue({ code: 'custom', path: ['direction'], message: 'mandate.directionIn' });
  });
export const PaymentInstrument = z.object({
  id: IdSchema,
  accountId: IdSchema,
  entityId: IdSchema,
  kind: InstrumentKind,
  holderName: z.string(),
  iban: z.string(),
  bic: z.string().nullable(),
  mandateId: z.string().nullable(),
  mandateSignedOn: z.string().nullable(),
  scheme: MandateScheme.nullable(),
  mandateType: MandateType.nullable(),
  firstUsedOn: z.string().nullable(),
  lastUsedOn: z.string().nullable(),
  direction: Direction,
  active: z.boolean(),
  version: VersionSchema,
  ...timestamps,
});
export type PaymentInstrument = z.infer<typeof PaymentInstrument>;

// ---- entry (receivable / payable) ------------------------------------------

export const EntryType = z.enum(['Debit', 'Credit']);
export const EntryStatus = z.enum(['Open', 'Balanced']);
export const PaymentMethod = z.enum(['sepa', 'other']);
export const CreditApproval = z.enum(['pending', 'approved', 'rejected', 'held']);

export const EntryInput = z.object({
  entityId: IdSchema,
  accountId: IdSchema,
  type: EntryType,
  number: text(35),
  statementDate: BusinessDateSchema,
  dueDate: optional(BusinessDateSchema),
  currency: CurrencySchema.default('EUR'),
  /** The amount as the invoice shows it: positive; the sign follows from the type. */
  amountCents: CentsSchema.refine((c) => c > 0, 'amount.mustBePositive'),
  paymentReference: optionalText(140),
  requestedMethod: optional(PaymentMethod),
  requestedInstrumentId: optional(IdSchema),
  requestedBankAccountId: optional(IdSchema),
  needsApproval: z.boolean().default(false),
});
export const Entry = z.object({
  id: IdSchema,
  entityId: IdSchema,
  accountId: IdSchema,
  accountName: z.string(),
  accountNumber: z.string(),
  type: EntryType,
  number: z.string(),
  statementDate: z.string(),
  dueDate: z.string().nullable(),
  currency: z.string(),
  /** Signed as in docs/architecture.md: receivables positive, payables negative. */
  amountCents: CentsSchema,
  openAmountCents: CentsSchema,
  paymentReference: z.string().nullable(),
  requestedMethod: PaymentMethod.nullable(),
  requestedInstrumentId: IdSchema.nullable(),
  requestedBankAccountId: IdSchema.nullable(),
  creditApproval: CreditApproval.nullable(),
  approvedBy: z.string().nullable(),
  preparedBy: z.string().nullable(),
  status: EntryStatus,
  /** The payment order on its way that pays or collects it (set by entries.list and entries.get): the entry is "in payment". */
  inPayment: z.object({ orderId: IdSchema, orderStatus: z.string() }).nullable().optional(),
  version: VersionSchema,
  ...timestamps,
});
export type Entry = z.infer<typeof Entry>;
export const EntryFilter = z.object({
  type: EntryType.optional(),
  status: EntryStatus.optional(),
  accountId: IdSchema.optional(),
  entityId: IdSchema.optional(),
  dueFrom: BusinessDateSchema.optional(),
  dueTo: BusinessDateSchema.optional(),
  search: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).default(0),
});
export type EntryFilter = z.input<typeof EntryFilter>;

// ---- settings and status ---------------------------------------------------

export const Locale = z.enum(['en', 'de']);
export type Locale = z.infer<typeof Locale>;
/**
 * What a person may do in this ledger; one person may hold several. A viewer
 * reads; a preparer enters and builds; an approver releases payables and
 * orders (never their own); a signer sends orders to the bank; an
 * administrator grants roles.
 */
export const PersonRole = z.enum(['viewer', 'preparer', 'approver', 'signer', 'administrator']);
export type PersonRole = z.infer<typeof PersonRole>;
export const Settings = z.object({
  locale: Locale,
  /** Who acts: the operating-system account, named by the host. Shown, never edited. */
  identity: z.string(),
  /** How the person likes to be called; a label only. */
  displayName: z.string().nullable(),
  roles: z.array(PersonRole),
  /** End-of-day statements fetched by themselves once a day while Kontor is open (the workstation's choice). */
  autoFetchStatements: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;
export const SettingsPatch = z.object({
  locale: Locale.optional(),
  displayName: z.string().trim().max(70, 'text.tooLong').nullable().optional(),
  autoFetchStatements: z.boolean().optional(),
});

export const KeychainStatus = z.object({
  available: z.boolean(),
  backend: z.string(),
  reason: z.string().optional(),
});
export const AppStatus = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser', 'cli']),
  dataDir: z.string(),
  databaseFile: z.string(),
  schemaVersion: z.number().int(),
  latestSchemaVersion: z.number().int(),
  keychain: KeychainStatus,
  /** Today's business date by the main process's clock: the renderer's "today" (forms' defaults and checks). */
  today: BusinessDateSchema,
});
export type AppStatus = z.infer<typeof AppStatus>;

export const Progress = z.object({
  taskId: z.string(),
  label: z.string(),
  done: z.number(),
  total: z.number(),
  /** What the work is about (e.g. the payment order being uploaded), so the UI shows the bar in the right place. */
  subject: z.object({ type: z.literal('payment_order'), id: z.number().int() }).optional(),
});
export type Progress = z.infer<typeof Progress>;

export const DemoBankStatus = z.union([
  z.object({ running: z.literal(false) }),
  z.object({
    running: z.literal(true),
    url: z.string(),
    hostId: z.string(),
    partnerId: z.string(),
    userId: z.string(),
    /** The user letter of the demo subscriber: what a real bank would post. */
    letter: z.string(),
  }),
]);
export type DemoBankStatus = z.infer<typeof DemoBankStatus>;

// ---- bank access (EBICS contract) ------------------------------------------

export const EbicsVersion = z.enum(['H004', 'H005']);
export type EbicsVersion = z.infer<typeof EbicsVersion>;
export const KeySize = z.union([z.literal(2048), z.literal(3072), z.literal(4096)]);
export const SignatureVersion = z.enum(['A005', 'A006']);

/**
 * The setup as the user walks it: new (letter data entered) → keys_created →
 * ini_sent → hia_sent (letter printed, waiting for the bank) →
 * bank_keys_fetched (HPB done, hashes to compare) → ready. suspended and
 * expired end the access's use; expired offers to initialise again.
 */
export const BankAccessState = z.enum(['new', 'keys_created', 'ini_sent', 'hia_sent', 'bank_keys_fetched', 'ready', 'suspended', 'expired']);
export type BankAccessState = z.infer<typeof BankAccessState>;

/** EBICS ids as banks print them: letters, digits, a few signs, at most 35. */
const EbicsIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9,=]{1,35}$/, 'ebicsId.invalid');
const HostIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,35}$/, 'ebicsHostId.invalid');
export const HostUrlSchema = z
  .string()
  .trim()
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || (u.protocol === 'http:' && /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(u.hostname));
    } catch {
      return false;
    }
  }, 'hostUrl.invalid');

export const StatementFormat = z.enum(['camt', 'mt940']);
export type StatementFormat = z.infer<typeof StatementFormat>;

export const BankAccessInput = z.object({
  name: text(70),
  hostUrl: HostUrlSchema,
  hostId: HostIdSchema,
  partnerId: EbicsIdSchema,
  userId: EbicsIdSchema,
  ebicsVersion: EbicsVersion,
  keySize: KeySize.default(2048),
  signatureVersion: SignatureVersion.default('A006'),
  /** The embedded demo bank: plain HTTP on loopback is allowed, and a clerk button exists. */
  isDemo: z.boolean().default(false),
  amountLimitCents: optional(CentsSchema.refine((c) => c > 0, 'amount.mustBePositive')),
  /** Which end-of-day format to fetch: camt.053 (C53 / BTD EOP camt.053) or MT940 (STA / BTD EOP mt940). */
  statementFormat: StatementFormat.default('camt'),
});

export const KeyInfo = z.object({
  /** A005/A006, X002 or E002. */
  version: z.string(),
  createdAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
});

export const BankAccess = z.object({
  id: IdSchema,
  name: z.string(),
  hostUrl: z.string(),
  hostId: z.string(),
  partnerId: z.string(),
  userId: z.string(),
  ebicsVersion: EbicsVersion,
  keySize: z.number().int(),
  signatureVersion: SignatureVersion,
  state: BankAccessState,
  isDemo: z.boolean(),
  amountLimitCents: CentsSchema.nullable(),
  statementFormat: StatementFormat,
  /** The access's version (VersionSchema): its settings form sends it back. */
  version: VersionSchema,
  keys: z.object({ signature: KeyInfo, authentication: KeyInfo, encryption: KeyInfo }),
  /** Hashes of the bank's keys as fetched by HPB (uppercase hex pairs), before and after they were trusted. */
  bankKeys: z
    .object({
      authenticationHash: z.string(),
      encryptionHash: z.string(),
      trustedAt: z.string().nullable(),
    })
    .nullable(),
  /** True when TLS is verified (false only for the demo bank on this computer). */
  tlsVerified: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BankAccess = z.infer<typeof BankAccess>;

/** Hashes the user types or pastes from the bank's letter; spaces and case do not matter. */
export const BankKeyHashesInput = z.object({
  id: IdSchema,
  authenticationHash: z.string().trim().min(1, 'text.required').max(200),
  encryptionHash: z.string().trim().min(1, 'text.required').max(200),
});

export const FileDownload = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** The file's bytes, base64. */
  base64: z.string(),
});
export type FileDownload = z.infer<typeof FileDownload>;

/** An order waiting at the demo bank for the authorised signer (distributed signature, VEU). */
export const DemoBankOrder = z.object({
  orderId: z.string(),
  orderType: z.string(),
  partnerId: z.string(),
  userId: z.string(),
  state: z.string(),
  transactions: z.number().int(),
  amountCents: CentsSchema,
  receivedAt: z.string(),
});
export type DemoBankOrder = z.infer<typeof DemoBankOrder>;

// ---- payment orders (the queue) --------------------------------------------

/** `expired`: the bank neither released nor refused it and no longer lists it; nothing was paid. */
export const OrderStatus = z.enum(['draft', 'approved', 'uploading', 'uploaded', 'released', 'rejected', 'expired', 'exported', 'canceled']);
export type OrderStatus = z.infer<typeof OrderStatus>;
export const OrderKind = z.enum(['credit_transfer', 'direct_debit']);

/** A text the builder changed to fit the SEPA character set (or cut to its maximum length). */
export const TextChangePreview = z.object({ field: z.string(), before: z.string(), after: z.string(), truncated: z.boolean() });
export type TextChangePreview = z.infer<typeof TextChangePreview>;

/**
 * Something the user should know about a payment file: `code` with `params`
 * for the renderer to translate (`sepa.transliterated` {count, cut} with the
 * first changed texts, `sepa.executionNotTarget2Day` {paymentInfoId, date,
 * next}); `message` says the same in English (orders built before codes
 * existed have only that, with code `text`).
 */
export const OrderWarning = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  changes: z.array(TextChangePreview).optional(),
  message: z.string(),
});
export type OrderWarning = z.infer<typeof OrderWarning>;

/** The order in the bank's distributed signature (VEU overview, HVU): signatures done of required, as last seen. */
export const OrderSignatures = z.object({ done: z.number().int(), required: z.number().int(), checkedAt: z.string() });
export type OrderSignatures = z.infer<typeof OrderSignatures>;

/**
 * The date rule a bank's rejection names: the rules of shared/payment-dates.ts,
 * and `invalidDate` for a bank that only says the date is invalid (DT01).
 */
export const RejectedDateRule = z.enum([...PAYMENT_DATE_RULES, 'invalidDate']);
export type RejectedDateRule = z.infer<typeof RejectedDateRule>;

/**
 * Why the bank rejected an order, as codes for the renderer to translate
 * (the bank's own words stay in `bankMessage`): `protocol` — the ISO 20022
 * status reason code of the customer protocol (HAC, e.g. DT03, DT05, CH03,
 * DS04), with the date rule it stands for, the refused date and the limit the
 * bank named (dates `YYYY-MM-DD`, null when not known); `ebics` — the EBICS
 * return code the upload was refused with and its name (error code
 * `ebics.<name>`, null for a code Kontor does not know).
 */
export const BankRejection = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('protocol'),
    reasonCode: z.string(),
    dateRule: RejectedDateRule.nullable(),
    date: z.string().nullable(),
    earliest: z.string().nullable(),
    latest: z.string().nullable(),
    next: z.string().nullable(),
  }),
  z.object({ source: z.literal('ebics'), ebicsCode: z.string(), name: z.string().nullable() }),
]);
export type BankRejection = z.infer<typeof BankRejection>;

export const PaymentOrder = z.object({
  id: IdSchema,
  bankAccessId: IdSchema.nullable(),
  bankAccountId: IdSchema,
  bankAccountName: z.string(),
  bankAccountIban: z.string(),
  kind: OrderKind,
  format: z.string(),
  scheme: z.enum(['CORE', 'B2B']).nullable(),
  sha256: z.string(),
  messageId: z.string(),
  txCount: z.number().int(),
  controlSumCents: CentsSchema,
  executionDate: z.string(),
  status: OrderStatus,
  /** SEPA Instant credit transfer (LclInstrm INST; CIP/CIV, BTF SCI). */
  instant: z.boolean(),
  warnings: z.array(OrderWarning),
  /** null until the bank's VEU overview listed the order. */
  signatures: OrderSignatures.nullable(),
  ebicsOrderId: z.string().nullable(),
  bankMessage: z.string().nullable(),
  /** Rejected orders: the bank's reason as codes. */
  bankRejection: BankRejection.nullable(),
  approvedBy: z.string().nullable(),
  /** Who built the run (null for orders built before this was recorded); the approver must be someone else. */
  builtBy: z.string().nullable(),
  /** When Kontor asks the bank next about it on its own; null when it does not follow it. */
  nextCheckAt: z.string().nullable(),
  uploadedAt: z.string().nullable(),
  exportedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Changes to a draft (entries taken out or put in) send it; see VersionSchema. */
  version: VersionSchema,
});
export type PaymentOrder = z.infer<typeof PaymentOrder>;

export const OrderPayment = z.object({
  id: IdSchema,
  entryId: IdSchema,
  entryNumber: z.string(),
  amountCents: CentsSchema,
  endToEndId: z.string(),
  counterpartyName: z.string(),
  counterpartyIban: z.string(),
  mandateId: z.string().nullable(),
  sequenceType: z.string().nullable(),
  status: z.string(),
  remittance: z.string().nullable(),
});
export const PaymentOrderDetail = PaymentOrder.extend({ payments: z.array(OrderPayment) });
export type PaymentOrderDetail = z.infer<typeof PaymentOrderDetail>;

export const NotEligibleEntry = z.object({
  entryId: IdSchema,
  number: z.string(),
  accountName: z.string(),
  openAmountCents: CentsSchema,
  /** Reason codes, e.g. `noMandate`; the renderer translates `eligibility.<code>`. */
  reasons: z.array(z.string()),
  /** The same reasons in English words. */
  messages: z.array(z.string()),
});
export const EligibilityReport = z.object({
  today: z.string(),
  /** How many days ahead a due date may lie (the `dueTooLate` reason's limit). */
  horizonDays: z.number().int(),
  eligible: z.array(
    z.object({
      entryId: IdSchema,
      number: z.string(),
      accountName: z.string(),
      kind: OrderKind,
      amountCents: CentsSchema,
      currency: z.string(),
      /** The own bank account the payment goes through. */
      bankAccountId: IdSchema,
      requestedDate: z.string(),
      dateMoved: z.boolean(),
    }),
  ),
  notEligible: z.array(NotEligibleEntry),
});
export type EligibilityReport = z.infer<typeof EligibilityReport>;
