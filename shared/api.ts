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
} from './domain';

interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> => ({ input, output });
const none = z.object({}).strict();
const byId = z.object({ id: IdSchema }).strict();
const update = <T extends z.ZodObject>(schema: T) => z.object({ id: IdSchema, values: schema });

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

  'ledger.backup': call(none, z.object({ file: z.string(), pages: z.number().int() })),

  'demoBank.status': call(none, DemoBankStatus),
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
