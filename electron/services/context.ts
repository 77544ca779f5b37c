import { userInfo } from 'node:os';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../../shared/dates';
import { systemClock, toInstantIso } from '../../shared/dates';
import { openLedger } from '../ledger/database';
import { openTeamLedger, teamLogin } from '../ledger/pg/open';
import { redactUrl } from '../ledger/pg/database';
import { setWriterAccount } from '../ledger/repos/audit-log';
import { databaseFileIn } from './data-dir';
import { ledgerChoiceFile, readLedgerChoice } from './ledger-choice-file';
import { KontorError, isKontorError } from '../../shared/errors';
import { createEventBus, type EventBus } from './events';
import { openKeychain, probeKeychain } from '../vault/keychain';
import type { SecretStore } from '../vault/keychain';
import type { DemoBank } from '../demo-bank/server';

export type HostKind = 'electron' | 'browser' | 'cli';
export type LedgerChosenBy = 'host' | 'environment' | 'window' | 'default';

/**
 * The calls that hand over or replace the keys of a bank access, or block it
 * at the bank: they decide who can talk to the bank as the company.
 */
export const CONFIRMED_CALLS = ['bankAccess.exportKeys', 'bankAccess.importKeys', 'bankAccess.suspend', 'bankAccess.reinitialise'] as const;
export type ConfirmedCall = (typeof CONFIRMED_CALLS)[number];

/** What the person at the keyboard is asked to confirm. */
export interface ConfirmationRequest {
  call: ConfirmedCall;
  access: { id: number; name: string; hostId: string; partnerId: string; userId: string };
  /** The language of the question: the user's setting. */
  locale: 'de' | 'en';
  /** The one-time code the person typed into the page (browser host only; other hosts ignore it). */
  code?: { id: string; code: string };
}

export type ConfirmationOutcome =
  | { result: 'confirmed' }
  | { result: 'cancelled' }
  /** The browser host printed a one-time code on its terminal; the call is repeated with it. */
  | { result: 'codeSent'; id: string; expiresAt: string }
  | { result: 'refused'; reason: 'codeWrong' | 'codeExpired' | 'codeSpent' | 'noTerminal' };

/**
 * Asks the person at the keyboard, through a channel the renderer cannot
 * fake: a native dialog of the window, a terminal prompt, or a code the
 * browser host prints on its own terminal.
 */
export type Confirm = (request: ConfirmationRequest) => Promise<ConfirmationOutcome>;

/** Everything a use case may touch. Built once per process by the host. */
export interface ServiceContext {
  readonly db: Database;
  readonly clock: Clock;
  readonly dataDir: string;
  readonly databaseFile: string;
  /** What chose the open ledger: the host's option, KONTOR_DATABASE_URL (or `--database`), the window's choice, or nothing (the file). */
  readonly ledgerChosenBy: LedgerChosenBy;
  readonly host: HostKind;
  readonly events: EventBus;
  /** The embedded demo bank, once the host has started it (null when off). */
  demoBank: DemoBank | null;
  /** Set by the host that can ask a person; without it the calls in CONFIRMED_CALLS are refused. */
  confirm: Confirm | null;
  /** The OS keychain, opened on first use so a missing Secret Service only fails the calls that need it. */
  secrets(): SecretStore;
  keychainStatus(): { available: boolean; backend: string; reason?: string };
  /** The operating-system account this process runs as. */
  workstationUser(): string;
  /** This instant from the clock, as the ledger stores it (`2026-11-21T09:30:00.000Z`). */
  now(): string;
  /** The business day of the clock. */
  today(): string;
  /**
   * Who acts: the identity the host named when it built the context — the
   * operating-system account. No setting and no API input changes it (the
   * display name is a label beside it). Every audit record, preparer and
   * approver is named by this one function.
   */
  actor(): string;
  close(): void;
}

export interface ContextOptions {
  dataDir: string;
  host: HostKind;
  clock?: Clock;
  nativeBinding?: string;
  /** Tests inject their own store (and keychain service name) here. */
  secretStore?: SecretStore;
  keychainService?: string;
  confirm?: Confirm;
  /**
   * Who acts, named by the host: the window passes the OS account; the
   * browser host and the CLI take `identityFromEnvironment`. A function lets
   * tests act as several people on one ledger. Default: the OS account.
   */
  identity?: string | (() => string);
  /**
   * A team ledger on PostgreSQL (`postgres://login@host/db`) instead of the
   * data folder's file; default KONTOR_DATABASE_URL. Without a password in
   * the URL the login's password comes from the OS keychain
   * (`teamLedgerAccount`). Who acts is then the database login — a fixed
   * identity the host names is ignored, the server's triggers compare with
   * the login; only a function (tests playing several people) is kept.
   */
  databaseUrl?: string;
}

/** The keychain entry holding a person's password for a team ledger. */
export function teamLedgerAccount(url: string): string {
  const u = new URL(url);
  return `team-ledger:${decodeURIComponent(u.username)}@${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

function withKeychainPassword(url: string, secrets: () => SecretStore): string {
  const u = new URL(url);
  if (u.password || !u.username) return url;
  const password = secrets().get(teamLedgerAccount(url));
  if (password === null) return url;
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** The login of the account this process runs as (not $USER, which anyone can set). */
export function osAccount(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/**
 * The OS account; in a demonstration or test run on a fixed clock
 * (KONTOR_CLOCK_START set) KONTOR_TEST_USER may name another identity, so
 * end-to-end tests play two people on one computer. Such rows still carry
 * the real OS account in the audit log. The window never reads this.
 */
export function identityFromEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  const test = env.KONTOR_TEST_USER?.trim() ?? '';
  return test !== '' && (env.KONTOR_CLOCK_START ?? '') !== '' ? test : osAccount();
}

/**
 * The keychain service name. Tests and development set KONTOR_KEYCHAIN_SERVICE
 * so they never touch the keys of a real installation on the same machine.
 */
function keychainServiceName(o: ContextOptions): string {
  return o.keychainService ?? process.env.KONTOR_KEYCHAIN_SERVICE ?? 'Kontor';
}

/** The team ledger's URL and what named it: the host, the environment, the window's choice; none for the file. */
function chosenLedger(o: ContextOptions): { url: string | undefined; by: LedgerChosenBy } {
  if (o.databaseUrl !== undefined) return { url: o.databaseUrl || undefined, by: o.databaseUrl ? 'host' : 'default' };
  if (process.env.KONTOR_DATABASE_URL) return { url: process.env.KONTOR_DATABASE_URL, by: 'environment' };
  const chosen = readLedgerChoice(o.dataDir);
  return chosen ? { url: chosen, by: 'window' } : { url: undefined, by: 'default' };
}

/** A team ledger chosen in the window that does not open: the way back to the file, since the window cannot be reached to undo it. */
function withWayBack(e: unknown, dataDir: string): unknown {
  if (!isKontorError(e)) return e;
  const file = ledgerChoiceFile(dataDir);
  return new KontorError(
    e.code,
    `${e.message} This team ledger was chosen in Settings; to open this computer's ledger file instead, delete ${file} and start Kontor again.`,
    { ...e.params, choiceFile: file },
  );
}

function openChosen(o: ContextOptions, url: string | undefined, by: LedgerChosenBy, databaseFile: string, secrets: () => SecretStore): Database {
  try {
    return url ? openTeamLedger(withKeychainPassword(url, secrets)) : openLedger(databaseFile, o.nativeBinding ? { nativeBinding: o.nativeBinding } : {});
  } catch (e) {
    throw by === 'window' ? withWayBack(e, o.dataDir) : e;
  }
}

export function createContext(o: ContextOptions): ServiceContext {
  const service = keychainServiceName(o);
  let store = o.secretStore;
  const secrets = () => (store ??= openKeychain(service));
  const { url: teamUrl, by: ledgerChosenBy } = chosenLedger(o);
  // In a team ledger this names the server (no password), for the About box; nothing opens it as a file.
  const databaseFile = teamUrl ? redactUrl(teamUrl) : databaseFileIn(o.dataDir);
  const db = openChosen(o, teamUrl, ledgerChosenBy, databaseFile, secrets);
  let status: { available: boolean; backend: string; reason?: string } | undefined;
  const clock = o.clock ?? systemClock;
  const identity =
    teamUrl && typeof o.identity !== 'function' ? teamLogin(db) : (o.identity ?? (o.host === 'electron' ? osAccount() : identityFromEnvironment()));
  setWriterAccount(db, osAccount());
  return {
    db,
    clock,
    dataDir: o.dataDir,
    databaseFile,
    ledgerChosenBy,
    host: o.host,
    events: createEventBus(),
    demoBank: null,
    confirm: o.confirm ?? null,
    secrets,
    keychainStatus() {
      if (o.secretStore) return { available: true, backend: o.secretStore.backend };
      status ??= probeKeychain(service);
      return status;
    },
    workstationUser: osAccount,
    now: () => toInstantIso(clock.now()),
    today: () => clock.today(),
    actor: typeof identity === 'function' ? identity : () => identity,
    close() {
      void this.demoBank?.close();
      if (db.open) db.close();
    },
  };
}
