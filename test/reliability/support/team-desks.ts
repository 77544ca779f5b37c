/**
 * The team-concurrency suite's cast: one team ledger on PostgreSQL, the demo
 * bank over HTTP, an administrator who sets up the bank access (its keys in
 * a key file both desks read, as if imported at both workstations) and books
 * the payables, and two desks — long-lived Kontor processes
 * (support/team-worker.ts), each logged in as its own database login with
 * the preparer, approver and signer roles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startDemoBank, type DemoBank } from '../../../electron/demo-bank';
import { accountsOfPartner } from '../../../electron/demo-bank/store/accounts';
import { createLogin } from '../../../electron/ledger/pg/team';
import { createContext, type ServiceContext } from '../../../electron/services/context';
import { addDays } from '../../../shared/dates';
import { asLogin, freshTeamLedger, withSuperuser } from '../../support/pg-ledger';
import { readyDemoAccess } from '../../support/ready-access';
import { ok } from './api';
import { movableClock } from './clock';
import { fileSecretStore } from './file-secrets';
import { REPO } from './mode';

export interface Team {
  url: string;
  bank: DemoBank;
  clock: ReturnType<typeof movableClock>;
  admin: ServiceContext;
  accessId: number;
  entityId: number;
  supplierId: number;
  secretsFile: string;
  logins: { name: string; password: string }[];
  entries: number;
}

export async function openTeam(dir: string, start: string): Promise<Team> {
  const url = freshTeamLedger();
  // Logins belong to the whole cluster: names of this run's own.
  const suffix = randomBytes(3).toString('hex');
  const admin = { name: `chef_${suffix}`, password: randomBytes(9).toString('hex') };
  const logins = ['anna', 'bernd'].map((n) => ({ name: `${n}_${suffix}`, password: randomBytes(9).toString('hex') }));
  withSuperuser(url, (db) => {
    for (const l of [admin, ...logins]) createLogin(db, l.name, l.password);
  });
  const clock = movableClock(start);
  const bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock, log: () => undefined, directDebitReturnPercent: 0 });
  const secretsFile = join(dir, 'keys.json');
  // The first login to act becomes the ledger's administrator.
  const ctx = createContext({
    dataDir: join(dir, 'admin'),
    host: 'cli',
    clock,
    secretStore: fileSecretStore(secretsFile),
    databaseUrl: asLogin(url, admin.name, admin.password),
  });
  ctx.demoBank = bank;
  const accessId = await readyDemoAccess(ctx, { url: bank.url, hostId: bank.hostId, ebicsVersion: 'H005' });
  const iban = accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban;
  const entity = await ok(ctx, 'entities.create', { name: 'Kontor Team GmbH' });
  const account = await ok(ctx, 'bankAccounts.create', { entityId: entity.id, bankAccessId: accessId, name: 'Konto', iban });
  await ok(ctx, 'entities.update', { id: entity.id, values: { name: entity.name, preferredBankAccountId: account.id } });
  const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: 'L-1', name: 'Lieferant Eins GmbH' });
  await ok(ctx, 'instruments.create', {
    accountId: supplier.id,
    entityId: entity.id,
    kind: 'bank_details',
    holderName: 'Lieferant Eins GmbH',
    iban: 'DE02120300000000202051',
    direction: 'out',
  });
  for (const l of logins) for (const role of ['preparer', 'approver', 'signer'] as const) await ok(ctx, 'users.grant', { user: l.name, role });
  return { url, bank, clock, admin: ctx, accessId, entityId: entity.id, supplierId: supplier.id, secretsFile, logins, entries: 0 };
}

/** A new open payable, due in five days, booked by the administrator. */
export async function newPayable(team: Team, amountCents: number): Promise<number> {
  team.entries += 1;
  const entry = await ok(team.admin, 'entries.create', {
    entityId: team.entityId,
    accountId: team.supplierId,
    type: 'Credit',
    number: `ER-${team.entries}`,
    statementDate: team.clock.today(),
    dueDate: addDays(team.clock.today(), 5),
    amountCents,
    requestedMethod: 'sepa',
  });
  return entry.id;
}

export type Step = 'build' | 'approve' | 'upload' | 'recover';

export interface RoundAnswer {
  round: number;
  error?: string;
  build?: { asked: number[]; orders?: number[]; refused?: string };
  approve?: Array<{ id: number; result: string }>;
  upload?: Array<{ id: number; result: string }>;
  recover?: { bankError: string | null; orders: Array<{ id: number; action: string; rule: string }> };
  /** Milliseconds the desk spent in each step (for the summary's "where the time goes"). */
  ms?: Partial<Record<Step, number>>;
}

/** One desk: a Kontor process of one login, driven round by round over stdin. */
export interface Desk {
  login: string;
  child: ChildProcess;
  started: Promise<void>;
  /** Sends a round and resolves with the desk's answer (rejects when the process ends first). */
  round(msg: { round: number; now: string; steps: Step[]; seed: number }): Promise<RoundAnswer>;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  stderr(): string;
}

export function startDesk(team: Team, dir: string, login: { name: string; password: string }, segmentSize: number): Desk {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'team-worker.ts')], {
    cwd: REPO,
    env: {
      ...process.env,
      URL: asLogin(team.url, login.name, login.password),
      DATA_DIR: join(dir, login.name),
      SECRETS_FILE: team.secretsFile,
      NOW: team.clock.now().toISOString(),
      KONTOR_EBICS_SEGMENT_SIZE: String(segmentSize),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  // A desk killed on purpose: what was still being written to it goes nowhere.
  child.stdin!.on('error', () => undefined);
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const waiting: Array<{ resolve: (a: RoundAnswer) => void; reject: (e: Error) => void }> = [];
  let onStart: () => void = () => undefined;
  let failStart: (e: Error) => void = () => undefined;
  const started = new Promise<void>((res, rej) => {
    onStart = res;
    failStart = rej;
  });
  started.catch(() => undefined);
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line === 'start') return onStart();
    if (line.startsWith('{')) waiting.shift()?.resolve(JSON.parse(line) as RoundAnswer);
  });
  const exited = new Promise<void>((res) =>
    child.once('exit', (code, signal) => {
      const e = new Error(`desk ${login.name} ended (${code ?? signal}): ${err.slice(-2000)}`);
      failStart(e);
      for (const w of waiting.splice(0)) w.reject(e);
      res();
    }),
  );
  return {
    login: login.name,
    child,
    started,
    exited,
    stderr: () => err,
    round(msg) {
      return new Promise<RoundAnswer>((resolve, reject) => {
        waiting.push({ resolve, reject });
        child.stdin!.write(`${JSON.stringify({ ...msg, accessId: team.accessId })}\n`);
      });
    },
  };
}

export async function stopDesk(desk: Desk): Promise<void> {
  if (desk.child.exitCode === null && desk.child.signalCode === null) desk.child.stdin!.end(`${JSON.stringify({ quit: true })}\n`);
  await desk.exited;
}
