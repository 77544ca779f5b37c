/**
 * The one table of calls between the renderer (or browser host, or CLI) and
 * the main process. Main validates every input with these schemas before any
 * work; the renderer's client is typed from the same table, so a renamed field
 * breaks the build on both sides.
 */
import { z } from 'zod';
import {
  Account,
  AccountFilter,
  AccountInput,
  AppStatus,
  BankAccount,
  BankAccountInput,
  BusinessEntity,
  BusinessEntityInput,
  BankAccess,
  BankAccessInput,
  BankKeyHashesInput,
  EbicsVersion,
  FileDownload,
  Locale,
  DemoBankOrder,
  EligibilityReport,
  OrderStatus,
  PaymentOrder,
  PaymentOrderDetail,
  DemoBankStatus,
  Entry,
  EntryFilter,
  EntryInput,
  IdSchema,
  PaymentInstrument,
  PaymentInstrumentInput,
  Progress,
  Settings,
  SettingsPatch,
  StatementFormat,
} from './domain';
import { ImportCommitInput, ImportCommitResult, ImportPreview, ImportPreviewInput, ImportProfile } from './entry-import';
import {
  BalancePoint,
  LineFilter,
  LinePage,
  LinePageResult,
  StatementAccount,
  StatementFetchInput,
  StatementFetchResult,
  StatementImportInput,
  StatementImportResult,
  StatementLineDetail,
  StatementSummary,
} from './statements';
import { BankCsvCommitInput, BankCsvCommitResult, BankCsvPreview, BankCsvPreviewInput, BankCsvProfile } from './bank-csv';
import { Allocation, Assignment, EntryRef, EntrySearch, Proposal, ProposalFilter, RunResult } from './reconcile';

interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> => ({ input, output });
const none = z.object({}).strict();
const byId = z.object({ id: IdSchema }).strict();
const update = <T extends z.ZodObject>(schema: T) => z.object({ id: IdSchema, values: schema });
/**
 * The one-time code the browser host printed on its terminal, typed by the
 * person into the page. The window and the CLI ask natively and ignore it.
 */
const confirmation = z
  .object({ id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), code: z.string().trim().min(1, 'text.required').max(20) })
  .strict()
  .optional();

export const api = {
  'app.status': call(none, AppStatus),

  'settings.get': call(none, Settings),
  'settings.update': call(SettingsPatch.strict(), Settings),

  'entities.list': call(none, z.array(BusinessEntity)),
  'entities.create': call(BusinessEntityInput, BusinessEntity),
  'entities.update': call(update(BusinessEntityInput), BusinessEntity),

  'bankAccounts.list': call(z.object({ entityId: IdSchema.optional() }), z.array(BankAccount)),
  'bankAccounts.create': call(BankAccountInput, BankAccount),
  'bankAccounts.update': call(update(BankAccountInput), BankAccount),

  'accounts.list': call(AccountFilter, z.array(Account)),
  'accounts.get': call(byId, Account),
  'accounts.create': call(AccountInput, Account),
  'accounts.update': call(update(AccountInput), Account),

  'instruments.list': call(z.object({ accountId: IdSchema }), z.array(PaymentInstrument)),
  'instruments.create': call(PaymentInstrumentInput, PaymentInstrument),
  'instruments.update': call(z.object({ id: IdSchema, values: PaymentInstrumentInput }), PaymentInstrument),

  'entries.list': call(EntryFilter, z.object({ rows: z.array(Entry), total: z.number().int() })),
  'entries.get': call(byId, Entry),
  'entries.create': call(EntryInput, Entry),
  'entries.update': call(update(EntryInput), Entry),
  /** Four eyes on payables: an approver other than the preparer approves or rejects. */
  'entries.approve': call(byId, Entry),
  'entries.reject': call(byId, Entry),
  /** Reads a CSV export and shows what each row would become; writes nothing. */
  'entries.importPreview': call(ImportPreviewInput, ImportPreview),
  /** Imports the rows of a CSV file in one transaction (all, or with `skipInvalid` the valid ones); the same content twice is refused. */
  'entries.importCommit': call(ImportCommitInput, ImportCommitResult),
  /** The saved column mappings, by name. */
  'entries.importProfiles': call(none, z.array(ImportProfile)),

  'ledger.backup': call(none, z.object({ file: z.string(), pages: z.number().int() })),

  /** Which open entries would become payments today, and why the others would not. */
  'orders.eligibility': call(none, EligibilityReport),
  /** Builds draft payment orders (one file per bank account, kind and scheme) from the eligible entries. */
  'orders.build': call(none, z.object({ orders: z.array(PaymentOrder), report: EligibilityReport })),
  'orders.list': call(z.object({ status: OrderStatus.optional() }), z.array(PaymentOrder)),
  'orders.get': call(byId, PaymentOrderDetail),
  'orders.approve': call(byId, PaymentOrder),
  'orders.cancel': call(byId, PaymentOrder),
  /** Uploads under the transport signature; progress events. `override` resends a file that may have gone out before. */
  'orders.upload': call(
    z.object({ id: IdSchema, override: z.object({ confirm: z.literal(true), reason: z.string().trim().min(5, 'text.required').max(200) }).optional() }),
    PaymentOrder,
  ),
  'orders.export': call(byId, FileDownload),
  /** HAC: the bank's protocol tells which uploaded orders were released or rejected. */
  'orders.refreshStatus': call(z.object({ bankAccessId: IdSchema }), z.object({ updated: z.number().int() })),
  /** Interrupted uploads (`uploading`): the journal, then HVU/HAC, then EBICS recovery or a new upload where the rules allow it. */
  'orders.recover': call(
    z.object({ bankAccessId: IdSchema }),
    z.object({
      updated: z.number().int(),
      bankAsked: z.boolean(),
      bankError: z.object({ code: z.string(), message: z.string() }).optional(),
      orders: z.array(
        z.object({
          orderId: z.number().int(),
          action: z.enum(['confirmed', 'resumed', 'resent', 'waiting', 'failed']),
          rule: z.string(),
          status: OrderStatus,
          notBefore: z.string().nullable().optional(),
          error: z.object({ code: z.string(), message: z.string() }).optional(),
        }),
      ),
    }),
  ),

  /** Accounts that have statements, with their latest closing balance. */
  'statements.accounts': call(none, z.array(StatementAccount)),
  /** Closing balance per day for the chart. */
  'statements.balanceHistory': call(z.object({ iban: z.string().trim().min(1).max(64) }).strict(), z.array(BalancePoint)),
  'statements.list': call(
    z.object({ iban: z.string().trim().max(64).optional(), from: LinePage.shape.from, to: LinePage.shape.to }).strict(),
    z.array(StatementSummary),
  ),
  /** One page of lines for the virtualised table, with the filter's total count and sum. */
  'statements.lines': call(LinePage, LinePageResult),
  'statements.line': call(byId, StatementLineDetail),
  'statements.exportCsv': call(LineFilter, FileDownload),
  /** A camt or MT940 file (or a ZIP of them) chosen or dropped by the user, stored like a download. */
  'statements.import': call(StatementImportInput, StatementImportResult),
  /** Retrieves statements (end of day up to yesterday, intraday, notifications) from one or every ready access. Progress events. */
  'statements.fetch': call(StatementFetchInput, StatementFetchResult),

  /** A bank's CSV export: sniffed, a profile proposed, every row as it would be stored; writes nothing. */
  'bankCsv.preview': call(BankCsvPreviewInput, BankCsvPreview),
  /** Stores the rows as one statement of the account (all rows or none); the same content twice is refused. */
  'bankCsv.commit': call(BankCsvCommitInput, BankCsvCommitResult),
  /** Built-in profiles (German bank exports, generic) and the saved ones. */
  'bankCsv.profiles': call(none, z.array(BankCsvProfile)),

  /** Proposes matches for every line with something left to assign; `acceptSure` assigns the exact-key ones right away. */
  'reconcile.run': call(z.object({ acceptSure: z.boolean().default(false) }).strict(), RunResult),
  'reconcile.proposals': call(ProposalFilter, z.object({ rows: z.array(Proposal), total: z.number().int() })),
  /** Accepts a proposal as it is, or with other allocations (another target, other amounts). */
  'reconcile.accept': call(z.object({ id: IdSchema, allocations: z.array(Allocation).min(1).max(100).optional() }).strict(), Assignment),
  'reconcile.reject': call(byId, Proposal),
  /** Accepts every open proposal that is sure (exact keys). */
  'reconcile.acceptSure': call(none, z.object({ accepted: z.number().int() })),
  /** Assigns a line to entries by hand. */
  'reconcile.assign': call(z.object({ lineId: IdSchema, allocations: z.array(Allocation).min(1).max(100) }).strict(), Assignment),
  /** Takes an assignment back: its entry items go, amounts and statuses return to what they were. */
  'reconcile.undo': call(byId, Assignment),
  'reconcile.assignments': call(z.object({ lineId: IdSchema }).strict(), z.array(Assignment)),
  /** Open entries by number, name, reference or amount, for assigning by hand. */
  'reconcile.searchEntries': call(EntrySearch, z.array(EntryRef)),

  'demoBank.status': call(none, DemoBankStatus),
  /** Orders at the demo bank, newest first, for the signer's buttons in demo mode. */
  'demoBank.orders': call(none, z.array(DemoBankOrder)),
  /** Plays the authorised signer at the demo bank: release or reject an order. */
  'demoBank.decide': call(z.object({ orderId: z.string().min(1).max(35), decision: z.enum(['release', 'reject']) }), z.array(DemoBankOrder)),

  /** HEV: which EBICS versions a host speaks, to preselect the version in the setup. */
  'bankAccess.probe': call(
    z.object({ hostUrl: BankAccessInput.shape.hostUrl, hostId: BankAccessInput.shape.hostId }),
    z.object({ versions: z.array(EbicsVersion) }),
  ),
  'bankAccess.list': call(none, z.array(BankAccess)),
  'bankAccess.get': call(byId, BankAccess),
  'bankAccess.create': call(BankAccessInput, BankAccess),
  /** Only while no key has been sent: the letter data can still be corrected. */
  'bankAccess.update': call(update(BankAccessInput), BankAccess),
  /** Creates the keys (once) and sends INI and HIA (each once); resumable. Progress events. */
  'bankAccess.initialise': call(byId, BankAccess),
  /** The initialisation letter as PDF, re-printable while the access waits for the bank. */
  'bankAccess.letter': call(z.object({ id: IdSchema, locale: Locale, place: z.string().trim().max(70).optional() }), FileDownload),
  /** HPB: fetches the bank's keys; they are not trusted until their hashes are accepted. */
  'bankAccess.fetchBankKeys': call(byId, BankAccess),
  /** Compares the hashes from the bank's letter; only an exact match makes the access ready. */
  'bankAccess.acceptBankKeys': call(BankKeyHashesInput, BankAccess),
  /*
   * The four calls that decide who can talk to the bank as the company: each
   * needs a fresh confirmation by the person at the keyboard (the host's
   * `confirm`), on top of the session; each answer is in the audit log.
   */
  /** SPR: suspends the subscriber at the bank. Needs `confirm: true`. */
  'bankAccess.suspend': call(z.object({ id: IdSchema, confirm: z.literal(true), confirmation }), BankAccess),
  /** Starts over after expiry or suspension: deletes the keys; new keys, INI and HIA again. */
  'bankAccess.reinitialise': call(z.object({ id: IdSchema, confirm: z.literal(true), confirmation }), BankAccess),
  /** The private keys, encrypted under `password` (scrypt, AES-256-GCM), as a file for the caller. */
  'bankAccess.exportKeys': call(z.object({ id: IdSchema, password: z.string().min(10, 'password.tooShort').max(500), confirmation }), FileDownload),
  'bankAccess.importKeys': call(z.object({ id: IdSchema, password: z.string().min(1).max(500), base64: z.string().max(2_000_000), confirmation }), BankAccess),
  /** camt.053 or MT940 for the end-of-day statements; can change at any time. */
  'bankAccess.setStatementFormat': call(z.object({ id: IdSchema, statementFormat: StatementFormat }).strict(), BankAccess),
  /** Demo bank only: plays the bank clerk who compared the letter, and returns the bank's confirmation letter. */
  'bankAccess.demoActivate': call(byId, z.object({ confirmationLetter: z.string() })),
} as const satisfies Record<string, CallSpec>;

export type Api = typeof api;
export type ApiName = keyof Api;
export type ApiInput<N extends ApiName> = z.input<Api[N]['input']>;
export type ApiParsedInput<N extends ApiName> = z.output<Api[N]['input']>;
export type ApiOutput<N extends ApiName> = z.output<Api[N]['output']>;

export function isApiName(name: string): name is ApiName {
  return Object.prototype.hasOwnProperty.call(api, name);
}

/** Events main pushes to the renderer (progress of long work). */
export const events = {
  progress: Progress,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export interface ApiIssue {
  /** Dotted path of the offending field, e.g. `values.iban`. */
  path: string;
  /** A message code (e.g. `iban.invalid`) the renderer translates. */
  message: string;
}
export interface ApiError {
  code: string;
  message: string;
  params?: Record<string, string | number>;
  issues?: ApiIssue[];
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The whole surface the preload exposes, and that the browser client imitates. */
export interface KontorBridge {
  invoke(name: string, input: unknown): Promise<ApiResult<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}
