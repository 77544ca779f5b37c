/**
 * Screens follow what other workstations commit to the team ledger: main
 * sends `ledger.changed` with the areas a transaction wrote, and every loaded
 * call (useApi) that reads one of them loads again — once per burst, since a
 * payment run commits several transactions in a row. A ledger file has one
 * workstation and sends nothing; the page listens only on a team ledger.
 */
import type { ApiName } from '../../../shared/api';
import type { LedgerArea } from '../../../shared/ledger-changes';
import { subscribe } from './client';

const EVERYTHING = 'everything';
type Reads = readonly LedgerArea[] | typeof EVERYTHING;

/** What the reads of each group of calls show (by the name before the dot); a group not listed reloads on any change. */
const READS: Record<string, Reads> = {
  app: EVERYTHING,
  setup: EVERYTHING,
  audit: EVERYTHING,
  ledger: [],
  settings: ['settings', 'people'],
  users: ['people'],
  entities: ['entities', 'banks'],
  bankAccounts: ['banks', 'entities'],
  bankAccess: ['banks'],
  accounts: ['parties', 'entries'],
  instruments: ['parties'],
  parties: ['parties'],
  entries: ['entries', 'orders', 'parties', 'statements'],
  orders: ['orders', 'entries', 'parties', 'banks'],
  payments: ['entries', 'orders', 'statements'],
  statements: ['statements', 'banks'],
  bankCsv: ['statements'],
  reconcile: ['statements', 'entries', 'orders'],
  demoBank: ['orders', 'banks'],
  veu: ['orders', 'banks'],
  vop: ['orders', 'parties'],
};

/** Whether a change to `areas` may change what `name` answers. */
export function reloadsOn(name: ApiName, areas: readonly LedgerArea[]): boolean {
  const reads = READS[name.slice(0, name.indexOf('.'))] ?? EVERYTHING;
  return reads === EVERYTHING ? areas.length > 0 : areas.some((a) => reads.includes(a));
}

interface Loaded {
  name: ApiName;
  reload: () => void;
}
const loaded = new Set<Loaded>();
const heard = new Set<LedgerArea>();
let flushing: ReturnType<typeof setTimeout> | null = null;
/** Commits that follow each other this closely reload a screen once. */
const BURST_MS = 150;

function flush(): void {
  flushing = null;
  const areas = [...heard];
  heard.clear();
  for (const l of loaded) if (reloadsOn(l.name, areas)) l.reload();
}

/** Registers a loaded call for reloading on changes; returns the function that forgets it. */
export function reloadOnLedgerChange(name: ApiName, reload: () => void): () => void {
  const entry = { name, reload };
  loaded.add(entry);
  return () => loaded.delete(entry);
}

/** Listens for the team's changes until the returned function is called (when the page learns its ledger is a team ledger). */
export function followLedgerChanges(): () => void {
  return subscribe('ledger.changed', (change) => {
    for (const a of change.areas) heard.add(a);
    flushing ??= setTimeout(flush, BURST_MS);
  });
}
