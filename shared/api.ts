/**
 * The one table of calls between the renderer (or browser host, or CLI) and
 * the main process, joined here from the tables of each domain (shared/api/).
 * Main validates every input with these schemas before any work; the
 * renderer's client is typed from the same table, so a renamed field breaks
 * the build on both sides.
 */
import type { z } from 'zod';
import { Progress } from './domain';
import { LedgerChanged } from './ledger-changes';
import { accountsApi } from './api/accounts';
import { appApi } from './api/app';
import { bankAccessApi } from './api/bank-access';
import { bankCsvApi } from './api/bank-csv';
import { demoBankApi } from './api/demo-bank';
import { entitiesApi } from './api/entities';
import { entriesApi } from './api/entries';
import { ordersApi } from './api/orders';
import { peopleApi } from './api/people';
import { partiesApi } from './api/parties';
import { reconcileApi } from './api/reconcile';
import { settingsApi } from './api/settings';
import { statementsApi } from './api/statements';
import { veuApi } from './api/veu';
import { vopApi } from './api/vop';

/** The calls of each domain, one table per file under shared/api/. */
export const apiDomains = {
  app: appApi,
  settings: settingsApi,
  entities: entitiesApi,
  accounts: accountsApi,
  parties: partiesApi,
  entries: entriesApi,
  orders: ordersApi,
  statements: statementsApi,
  bankCsv: bankCsvApi,
  reconcile: reconcileApi,
  demoBank: demoBankApi,
  bankAccess: bankAccessApi,
  people: peopleApi,
  veu: veuApi,
  vop: vopApi,
} as const;

export const api = {
  ...appApi,
  ...settingsApi,
  ...entitiesApi,
  ...accountsApi,
  ...partiesApi,
  ...entriesApi,
  ...ordersApi,
  ...statementsApi,
  ...bankCsvApi,
  ...reconcileApi,
  ...demoBankApi,
  ...bankAccessApi,
  ...peopleApi,
  ...veuApi,
  ...vopApi,
} as const;

export type Api = typeof api;
export type ApiName = keyof Api;
export type ApiInput<N extends ApiName> = z.input<Api[N]['input']>;
export type ApiParsedInput<N extends ApiName> = z.output<Api[N]['input']>;
export type ApiOutput<N extends ApiName> = z.output<Api[N]['output']>;

export function isApiName(name: string): name is ApiName {
  return Object.prototype.hasOwnProperty.call(api, name);
}

/** Events main pushes to the renderer: progress of long work; changes another workstation committed to the team ledger. */
export const events = {
  progress: Progress,
  'ledger.changed': LedgerChanged,
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
