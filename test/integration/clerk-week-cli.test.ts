/**
 * Issue 17, "must be shown": a treasury clerk's whole week through the
 * `kontor` command only, as a user types it. Every step spawns the real CLI
 * (`node electron/host/kontor.mjs`, the bundle the `kontor` bin runs) on one
 * data folder that starts empty; the demo bank runs as its own
 * `kontor demo-bank start` process and is reached over HTTP; the keys live
 * in the real OS keychain. Two people share the computer: Anna prepares,
 * builds and uploads, Bernd approves (KONTOR_TEST_USER on a fixed clock,
 * docs/teams.md). Every command's clock is the week's own (KONTOR_CLOCK_START),
 * so nothing depends on today's date.
 *
 * Monday: the bank's user letter, the company, the bank access (INI/HIA, the
 * bank's activation, its keys compared and trusted), the own accounts linked,
 * master data and 20 open items from the ERP's export. Tuesday: Bernd
 * approves the payables (rejects one); Anna builds the runs, may not approve
 * them herself, Bernd does; Anna uploads; the signer releases at the bank;
 * `orders refresh` follows the bank; the released file is exported again.
 * Friday: statements fetched, the bank's bookings matched and accepted, the
 * Sparkasse CSV imported and matched (a 5,00 difference booked as a fee), a
 * cash payment settled, the ERP's CSV of settled entries written, and the
 * audit log verified.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startedClock, toInstantIso, type Clock } from '../../shared/dates';
import type { Entry, PaymentOrder } from '../../shared/domain';
import { probeKeychain } from '../../electron/vault/keychain';
import { waitFor } from '../support/wait';
import { OPEN_ITEMS_CSV, PARTIES_CSV, SPARKASSE_CSV, SPARKASSE_IBAN, windows1252 } from './clerk-week-fixtures';

const KONTOR = resolve(import.meta.dirname, '../../electron/host/kontor.mjs');
const MONDAY = '2026-11-23';
const TUESDAY = '2026-11-24';
const FRIDAY = '2026-11-27';
// Timeouts catch a hang: each day is some twenty processes, a few of them making RSA keys or talking EBICS.
const STEP = 300_000;
const ANNA = 'anna.kasse';
const BERND = 'bernd.freigabe';

const probe = probeKeychain(process.env.KONTOR_KEYCHAIN_SERVICE);
const required = Boolean(process.env.CI);
if (!probe.available && !required) console.warn(`Skipping the clerk's week in the terminal: ${probe.backend} is not available (${probe.reason}).`);

let dir: string;
let dataDir: string;
let port: number;
let bank: ChildProcessWithoutNullStreams | null = null;
/**
 * The bank's clock: it starts at 09:00 of the day it is started on and runs on.
 * Every command runs a second behind it, so the bank accepts its request
 * timestamps (5 minutes' tolerance) and the certificates it makes (never
 * valid only from a time still ahead of the bank).
 */
let bankClock: Clock | null = null;

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function run(args: readonly string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [KONTOR, ...args], { cwd: dir, env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out: out.trimEnd(), err: err.trimEnd() }));
  });
}

function commandClock(): string {
  if (!bankClock) throw new Error('No day has started: start the demo bank first.');
  return toInstantIso(new Date(bankClock.now().getTime() - 1000));
}

/** `kontor … --data-dir D` as `who`; fails the test with the command's output unless its exit code is `expected`. */
async function kontor(who: string, args: readonly string[], expected = 0): Promise<Run> {
  const r = await run([...args, '--data-dir', dataDir], { KONTOR_CLOCK_START: commandClock(), KONTOR_TEST_USER: who });
  // WEEK_DEBUG=1 prints every command with its output and keeps the data folder: the week as the terminal showed it.
  if (process.env.WEEK_DEBUG) console.error(`$ kontor ${args.join(' ')}  [${who}] → ${r.code}\n${r.out.slice(0, 3000)}\n${r.err}`);
  expect(r.code, `kontor ${args.join(' ')}\n${r.out}\n${r.err}`).toBe(expected);
  return r;
}

/** The same with --json, its output parsed. */
async function kontorJson<T>(who: string, args: readonly string[]): Promise<T> {
  const r = await kontor(who, [...args, '--json']);
  return JSON.parse(r.out) as T;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port: free } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return free;
}

/** `kontor demo-bank start --port P` in the background from 09:00 of `day`; resolves with the address it prints. */
async function startBank(day: string): Promise<string> {
  const start = `${day}T09:00:00Z`;
  bankClock = startedClock(start);
  const child = spawn(process.execPath, [KONTOR, 'demo-bank', 'start', '--port', String(port), '--data-dir', dataDir], {
    cwd: dir,
    env: { ...process.env, KONTOR_CLOCK_START: start },
  });
  bank = child;
  let said = '';
  child.stdout.on('data', (d: Buffer) => (said += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (said += d.toString('utf8')));
  return waitFor('the demo bank to say where it runs', () => {
    if (child.exitCode !== null) throw new Error(`The demo bank stopped: ${said}`);
    return /Demo bank running at (http:\/\/127\.0\.0\.1:\d+\/ebicsweb)/.exec(said)?.[1];
  });
}

async function stopBank(): Promise<void> {
  const child = bank;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  bank = null;
}

function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-clerk-week-'));
  dataDir = join(dir, 'kontor');
  port = await freePort();
  // Builds the bundle when a source changed since the last build, before the week starts.
  expect((await run(['status', '--json', '--data-dir', join(dir, 'warm-up')], {})).code).toBe(0);
});

afterAll(async () => {
  await stopBank();
  if (!process.env.WEEK_DEBUG) rmSync(dir, { recursive: true, force: true });
});

/** What the week passes from one day to the next. */
const week = {
  url: '',
  ibans: [] as string[],
  accessId: 0,
  entries: new Map<string, Entry>(),
  ebicsOrderIds: [] as string[],
};

async function entries(who: string, extra: string[] = []): Promise<Map<string, Entry>> {
  const rows = await kontorJson<Entry[]>(who, ['entries', 'list', ...extra]);
  return new Map(rows.map((e) => [e.number, e]));
}

const idOf = (number: string): string => String(week.entries.get(number)!.id);

interface Proposal {
  id: number;
  sure: boolean;
  kind: string;
  allocations: { number: string }[];
}

const ENTRY_NUMBERS = [...OPEN_ITEMS_CSV.matchAll(/^((?:AR-2026|ER)-\d+);/gm)].map((m) => m[1]!);
const PAYABLES = ENTRY_NUMBERS.filter((n) => n.startsWith('ER-')).sort();
/** Due this week with a mandate (the receivables) or approved (the payables). */
const PAID_BY_RUN = ['AR-2026-201', 'AR-2026-202', 'AR-2026-203', 'ER-5101', 'ER-5102', 'ER-5103', 'ER-5104', 'ER-5105'];

describe('a treasury clerk’s week in the terminal', () => {
  it.runIf(!probe.available && required)('has the OS keychain CI promises', () => {
    expect.fail(`${probe.backend} is not available`);
  });

  it.skipIf(!probe.available)(
    'Monday: the bank access, the company, its accounts and the ERP’s files from an empty data folder',
    async () => {
      week.url = await startBank(MONDAY);
      expect(week.url).toBe(`http://127.0.0.1:${port}/ebicsweb`);

      // The bank's user letter names the bank that runs, not the preferred port.
      const subscriber = await kontorJson<{ letter: string; url: string; running: boolean }>(ANNA, [
        'demo-bank',
        'add-subscriber',
        '--partner',
        'MUSTER01',
        '--user',
        'ANNA',
        '--accounts',
        '2',
        '--name',
        'Muster Handel GmbH',
      ]);
      expect(subscriber).toMatchObject({ url: week.url, running: true });
      expect(subscriber.letter).toContain(`Host URL:        ${week.url}`);
      week.ibans = [...subscriber.letter.matchAll(/IBAN ((?:DE\d\d)(?: \d{4}){4} \d\d)/g)].map((m) => m[1]!.replaceAll(' ', ''));
      expect(week.ibans).toHaveLength(2);

      const entity = await kontorJson<{ id: number }>(ANNA, [
        'entity',
        'add',
        '--name',
        'Muster Handel GmbH',
        '--creditor-id',
        'DE98ZZZ09999999999',
        '--city',
        'München',
      ]);
      expect(entity.id).toBe(1);

      const access = await kontorJson<{ id: number; state: string }>(ANNA, [
        'bank',
        'add',
        '--name',
        'Hausbank (Demo)',
        '--host-url',
        week.url,
        '--host-id',
        'KONTORDEMO',
        '--partner',
        'MUSTER01',
        '--user',
        'ANNA',
        '--version',
        '3.0',
        '--demo',
      ]);
      week.accessId = access.id;
      expect(access.state).toBe('new');
      expect(await kontorJson<{ state: string }>(ANNA, ['bank', 'init', String(access.id)])).toMatchObject({ state: 'hia_sent' });
      await kontor(ANNA, ['bank', 'letter', String(access.id), '--out', join(dir, 'ini-letter.pdf')]);
      expect(readFileSync(join(dir, 'ini-letter.pdf')).subarray(0, 5).toString()).toBe('%PDF-');

      // The bank's clerk compares the letter and activates the user; the bank's letter carries its key hashes.
      const confirmation = await kontorJson<{ letter: string }>(ANNA, ['demo-bank', 'activate', 'MUSTER01', 'ANNA']);
      const fetched = await kontorJson<{ bankKeys: { authenticationHash: string; encryptionHash: string } }>(ANNA, ['bank', 'fetch-keys', String(access.id)]);
      for (const hash of [fetched.bankKeys.authenticationHash, fetched.bankKeys.encryptionHash]) expect(confirmation.letter).toContain(hash);
      const trusted = await kontorJson<{ state: string }>(ANNA, [
        'bank',
        'accept-keys',
        String(access.id),
        '--hash',
        fetched.bankKeys.authenticationHash,
        '--hash',
        fetched.bankKeys.encryptionHash,
      ]);
      expect(trusted.state).toBe('ready');

      // The current account linked when added (and preferred for the runs), the second one linked afterwards, the Sparkasse account without EBICS.
      const giro = await kontorJson<{ id: number; bankAccessId: number }>(ANNA, [
        'accounts',
        'add',
        '--name',
        'Girokonto Hausbank',
        '--iban',
        week.ibans[0]!,
        '--access',
        String(access.id),
        '--preferred',
      ]);
      expect(giro.bankAccessId).toBe(access.id);
      const second = await kontorJson<{ id: number; bankAccessId: number | null }>(ANNA, [
        'accounts',
        'add',
        '--name',
        'Tagesgeld Hausbank',
        '--iban',
        week.ibans[1]!,
      ]);
      expect(second.bankAccessId).toBeNull();
      expect(await kontorJson<{ bankAccessId: number }>(ANNA, ['accounts', 'link', String(second.id), '--access', String(access.id)])).toMatchObject({
        bankAccessId: access.id,
      });
      await kontorJson(ANNA, ['accounts', 'add', '--name', 'Geschäftskonto Sparkasse', '--iban', SPARKASSE_IBAN]);
      // Bernd approves and signs; Anna, the first person of the ledger, is its administrator.
      await kontor(ANNA, ['users', 'grant', BERND, 'approver']);

      const parties = await kontorJson<{ created: number }>(ANNA, [
        'parties',
        'import',
        file('Stammdaten Debitoren Kreditoren.csv', windows1252(PARTIES_CSV)),
        '--kind-column',
        'D/K',
        '--customer',
        'D',
        '--supplier',
        'K',
      ]);
      expect(parties).toMatchObject({ created: 9 });

      const items = await kontorJson<{ imported: number; typeTotals: { type: string; count: number; amountCents: number }[] }>(ANNA, [
        'entries',
        'import',
        file('OP-Liste 23.11.2026.csv', windows1252(OPEN_ITEMS_CSV)),
        '--type-column',
        'D/K',
        '--receivable',
        'D',
        '--payable',
        'K',
        '--needs-approval',
      ]);
      expect(items.imported).toBe(20);
      expect(items.typeTotals).toEqual([
        expect.objectContaining({ type: 'Debit', count: 12, amountCents: 1_035_973 }),
        expect.objectContaining({ type: 'Credit', count: 8, amountCents: 863_959 }),
      ]);
      const checklist = await kontorJson<{ steps: { id: string; done: boolean }[] }>(ANNA, ['setup']);
      expect(checklist.steps.filter((s) => !s.done)).toEqual([]);
      week.entries = await entries(ANNA);
      expect(week.entries.get('AR-2026-201')!.accountName).toBe('Müller & Söhne GmbH');
    },
    STEP,
  );

  it.skipIf(!probe.available)(
    'Tuesday: Bernd approves the payables, the run he did not build is his to approve, the bank releases it and Kontor follows',
    async () => {
      await stopBank();
      expect(await startBank(TUESDAY)).toBe(week.url);

      // Four eyes on the imported payables: Anna may not approve her own import; Bernd approves seven and rejects one.
      const pending = await entries(BERND, ['--approval', 'pending']);
      expect([...pending.keys()].sort()).toEqual(PAYABLES);
      const own = await kontor(ANNA, ['entries', 'approve', idOf('ER-5101')], 1);
      expect(own.err).toMatch(/You prepared this payable yourself; another person has to approve it/);
      const approved = await kontorJson<Entry[]>(BERND, [
        'entries',
        'approve',
        PAYABLES.filter((n) => n !== 'ER-5106')
          .map(idOf)
          .join(','),
      ]);
      expect(approved.map((e) => [e.creditApproval, e.approvedBy])).toEqual(Array(7).fill(['approved', BERND]));
      expect(await kontorJson<Entry[]>(BERND, ['entries', 'reject', idOf('ER-5106')])).toMatchObject([{ number: 'ER-5106', creditApproval: 'rejected' }]);
      expect((await entries(BERND, ['--approval', 'pending'])).size).toBe(0);

      // The runs of the day: three direct debits and five transfers; the rest is left out, each with its reason.
      const built = await kontorJson<{ orders: PaymentOrder[]; report: { notEligible: { number: string; reasons: string[] }[] } }>(ANNA, ['orders', 'build']);
      const transfer = built.orders.find((o) => o.kind === 'credit_transfer')!;
      const debit = built.orders.find((o) => o.kind === 'direct_debit')!;
      expect(built.orders).toHaveLength(2);
      expect(transfer).toMatchObject({ txCount: 5, controlSumCents: 548_559, status: 'draft', builtBy: ANNA, bankAccessId: week.accessId });
      expect(debit).toMatchObject({ txCount: 3, controlSumCents: 333_446, status: 'draft', scheme: 'CORE', bankAccessId: week.accessId });
      const leftOut = new Map(built.report.notEligible.map((n) => [n.number, n.reasons]));
      expect([...leftOut.keys()].sort()).toEqual([...ENTRY_NUMBERS].filter((n) => !PAID_BY_RUN.includes(n)).sort());
      expect(leftOut.get('ER-5106')).toContain('approvalRejected');
      expect(leftOut.get('ER-5107')).toContain('dueTooLate');
      expect(leftOut.get('AR-2026-204')).toContain('noMandate');

      for (const order of [transfer, debit]) {
        const self = await kontor(ANNA, ['orders', 'approve', String(order.id)], 1);
        expect(self.err).toMatch(/You built this payment run yourself; another person has to approve it/);
        expect(await kontorJson<PaymentOrder>(BERND, ['orders', 'approve', String(order.id)])).toMatchObject({ status: 'approved', approvedBy: BERND });
      }
      for (const order of [transfer, debit]) {
        const uploaded = await kontorJson<PaymentOrder>(ANNA, ['orders', 'upload', String(order.id)]);
        expect(uploaded).toMatchObject({ status: 'uploaded', ebicsOrderId: expect.any(String) });
        week.ebicsOrderIds.push(uploaded.ebicsOrderId!);
      }
      const inPayment = await entries(ANNA, ['--type', 'payable']);
      expect(inPayment.get('ER-5101')!.inPayment).toEqual({ orderId: transfer.id, orderStatus: 'uploaded' });

      // Until the signers decide, the bank says nothing new.
      const waiting = await kontorJson<{ waiting: PaymentOrder[] }>(ANNA, ['orders', 'refresh']);
      expect(waiting.waiting.map((o) => o.id).sort()).toEqual([transfer.id, debit.id].sort());

      // The managing director signs the direct debits at the bank's counter; the authorised signer releases the transfers.
      await kontorJson(ANNA, ['demo-bank', 'add-subscriber', '--partner', 'MUSTER01', '--user', 'CHEFIN', '--class', 'E', '--accounts', '0']);
      expect(await kontorJson(ANNA, ['demo-bank', 'sign', week.ebicsOrderIds[1]!, '--partner', 'MUSTER01', '--user', 'CHEFIN'])).toMatchObject({
        outcome: 'released',
      });
      expect(await kontorJson(ANNA, ['demo-bank', 'release', week.ebicsOrderIds[0]!])).toEqual({ orderId: week.ebicsOrderIds[0], outcome: 'released' });
      const decided = await kontorJson<{ accesses: { updated: number; error: unknown }[]; waiting: PaymentOrder[] }>(ANNA, ['orders', 'refresh']);
      expect(decided).toMatchObject({ accesses: [{ updated: 2, error: null }], waiting: [] });
      const orders = await kontorJson<PaymentOrder[]>(ANNA, ['orders', 'list']);
      expect(orders.map((o) => o.status)).toEqual(['released', 'released']);

      // The released transfer file for the ERP's archive: the very bytes that went to the bank.
      const copy = join(dir, 'Zahllauf 24.11.2026.xml');
      expect(await kontorJson(ANNA, ['orders', 'export', String(transfer.id), copy])).toMatchObject({ file: copy });
      expect(createHash('sha256').update(readFileSync(copy)).digest('hex')).toBe(orders.find((o) => o.id === transfer.id)!.sha256);
    },
    STEP,
  );

  it.skipIf(!probe.available)(
    'Friday: statements fetched and matched, the Sparkasse CSV imported, a fee and a cash payment settled, the ERP told',
    async () => {
      await stopBank();
      expect(await startBank(FRIDAY)).toBe(week.url);

      // Tuesday's to Thursday's bookings: the single transfer and the three batch bookings of the runs, each matched for sure.
      const fetched = await kontorJson<{ accesses: { error: unknown; paymentsUpdated: number }[] }>(ANNA, ['statements', 'fetch']);
      expect(fetched.accesses).toMatchObject([{ error: null, paymentsUpdated: 8 }]);
      const bankRun = await kontorJson<{ proposals: Proposal[] }>(ANNA, ['reconcile', 'run']);
      expect(bankRun.proposals.map((p) => p.sure)).toEqual([true, true, true, true]);
      expect(bankRun.proposals.flatMap((p) => p.allocations.map((a) => a.number)).sort()).toEqual([...PAID_BY_RUN].sort());
      expect(await kontorJson(ANNA, ['reconcile', 'accept', '--sure'])).toEqual({ accepted: 4 });

      const csv = await kontorJson<{ lines: number; statement: { iban: string } }>(ANNA, [
        'bank-csv',
        'import',
        file('Umsätze Geschäftskonto KW48.csv', windows1252(SPARKASSE_CSV)),
        '--profile',
        'Sparkasse (CSV-CAMT)',
      ]);
      expect(csv).toMatchObject({ lines: 2, statement: { iban: SPARKASSE_IBAN } });
      const csvRun = await kontorJson<{ proposals: Proposal[] }>(ANNA, ['reconcile', 'run']);
      const short = csvRun.proposals.find((p) => p.allocations.some((a) => a.number === 'AR-2026-205'))!;
      expect(short.sure).toBe(false);
      await kontorJson(ANNA, ['reconcile', 'accept', '--sure']);
      await kontorJson(ANNA, ['reconcile', 'accept', String(short.id), '--difference', 'fee', '--note', 'Spesen des Kunden']);

      const cash = await kontorJson<{ entry: Entry }>(ANNA, ['entries', 'settle', idOf('AR-2026-206'), '--reason', 'cash', '--note', 'Barzahlung Kasse']);
      expect(cash.entry.status).toBe('Balanced');

      const settled = await entries(ANNA, ['--status', 'settled']);
      expect([...settled.keys()].sort()).toEqual([...PAID_BY_RUN, 'AR-2026-204', 'AR-2026-205', 'AR-2026-206'].sort());
      const open = await entries(ANNA, ['--status', 'open']);
      expect(open.size).toBe(20 - settled.size);

      // The ERP clears its open items from one file: how each was settled, the fee beside the customer's transfer.
      const erpFile = join(dir, 'Ausgleich KW48.csv');
      const erp = await kontorJson<{ file: string; rows: number }>(ANNA, ['orders', 'erp-export', erpFile, '--from', MONDAY, '--to', FRIDAY]);
      const [header, ...rows] = readFileSync(erpFile, 'utf8')
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n')
        .map((l) => l.split(';'));
      expect(header).toEqual(['entry_number', 'entry_type', 'date_paid', 'amount', 'currency', 'bank_reference', 'open_amount', 'settled_by']);
      expect(erp).toEqual({ file: erpFile, rows: rows.length });
      expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(settled.keys()));
      expect(rows.filter((r) => r[0] === 'AR-2026-206')).toEqual([['AR-2026-206', 'Debit', FRIDAY, '89.00', 'EUR', '', '0.00', 'cash']]);
      expect(rows.filter((r) => r[0] === 'AR-2026-205').map((r) => [r[3], r[7]])).toEqual([
        ['1185.00', 'bank'],
        ['5.00', 'fee'],
      ]);
      expect(rows.filter((r) => r[0] === 'ER-5104')).toMatchObject([
        ['ER-5104', 'Credit', '2026-11-26', '-1749.99', 'EUR', expect.any(String), '0.00', 'bank'],
      ]);

      const audit = await kontorJson<{ broken: unknown; rows: number }>(ANNA, ['audit', 'verify']);
      expect(audit.broken).toBeNull();
      expect(audit.rows).toBeGreaterThan(20);
    },
    STEP,
  );
});
