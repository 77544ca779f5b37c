/**
 * The exactly-once harness: payment orders go through Kontor's real upload
 * path to the demo bank over HTTP with one fault each, Kontor recovers by
 * itself, and the bank's orders are counted by the file's SHA-256.
 *
 * Plans (one label each in the summary):
 * - `<phase>/<fault>`: this process uploads with a fault at one phase
 *   (`init`, `segment`, `last`, `receipt`) of every kind;
 * - `restart/<phase>`: another process uploads with a fault there and exits;
 *   this one recovers without its memory;
 * - `kill/<at>`: another process is killed while its initialisation, a
 *   segment or its last segment is held in flight at the bank (released
 *   after the kill, so the bank handles what reached it), or at a random
 *   moment (`kill/random`);
 * - `late/<how>`: the bank shows the order in HVU/HVZ and HAC only minutes
 *   (bank clock) after it received it, and the answer to the last segment is
 *   lost — in this process (`in-process`, EBICS recovery resumes), in a
 *   process that exits (`restart`) or is killed (`kill`);
 * - `concurrent/<at>`: another process's upload is held at the bank with a
 *   segment (`segment`) or its last segment (`last`) in flight while this
 *   process recovers the same order — the CLI beside the app, a bank still
 *   processing an upload.
 *
 * Time (the clock Kontor and the bank share) moves only when Kontor says it
 * waits, and only once nothing is in flight: every other process has exited
 * and the bank has finished every request. Otherwise a jump of half an hour
 * would happen while an upload is still running, which no real clock does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startDemoBank, type DemoBank } from '../../../electron/demo-bank';
import type { FaultKind, FaultName } from '../../../electron/demo-bank/faults';
import { dispatch } from '../../../electron/services/dispatch';
import { getPaymentOrder } from '../../../electron/ledger/repos/payment-orders';
import { stepsOf, transfersForData } from '../../../electron/ledger/repos/ebics-journal';
import type { RecoveryReport } from '../../../electron/services/orders/recovery';
import { ok } from './api';
import { runChild, sleep, type ChildRun } from './child';
import { movableClock } from './clock';
import { newOrder, openDesk, segmentSizeFor, type Desk } from './desk';
import { tally } from './mode';
import type { Random } from './random';

export const PHASES = ['init', 'segment', 'last', 'receipt'] as const;
export const FAULTS = ['reset', 'timeout', 'http-500', 'malformed', 'wrong-signature', 'drop-response'] as const;
type Phase = (typeof PHASES)[number];
type Fault = (typeof FAULTS)[number];

export type Plan =
  | { kind: 'fault'; phase: Phase; fault: Fault }
  | { kind: 'restart'; phase: 'init' | 'segment' | 'last' }
  | { kind: 'kill'; at: 'init' | 'segment' | 'last' | 'random' }
  | { kind: 'late'; how: 'in-process' | 'restart' | 'kill' }
  | { kind: 'concurrent'; at: 'segment' | 'last' };

export function label(p: Plan): string {
  switch (p.kind) {
    case 'fault':
      return `${p.phase}/${p.fault}`;
    case 'restart':
      return `restart/${p.phase}`;
    case 'kill':
      return `kill/${p.at}`;
    case 'late':
      return `late/${p.how}`;
    case 'concurrent':
      return `concurrent/${p.at}`;
  }
}

/** Every plan once: 24 phase × fault, 3 restarts, 4 kills, 3 late, 2 concurrent. */
export const ALL_PLANS: readonly Plan[] = [
  ...PHASES.flatMap((phase) => FAULTS.map((fault) => ({ kind: 'fault' as const, phase, fault }))),
  ...(['init', 'segment', 'last'] as const).map((phase) => ({ kind: 'restart' as const, phase })),
  ...(['init', 'segment', 'last', 'random'] as const).map((at) => ({ kind: 'kill' as const, at })),
  ...(['in-process', 'restart', 'kill'] as const).map((how) => ({ kind: 'late' as const, how })),
  ...(['segment', 'last'] as const).map((at) => ({ kind: 'concurrent' as const, at })),
];

/** `n` plans in a seeded order that covers every plan before repeating one. */
export function plans(random: Random, n: number, from: readonly Plan[] = ALL_PLANS): Plan[] {
  const out: Plan[] = [];
  while (out.length < n) {
    const round = [...from];
    for (let i = round.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [round[i], round[j]] = [round[j]!, round[i]!];
    }
    out.push(...round);
  }
  return out.slice(0, n);
}

/**
 * What a suite varies besides the plan: the upload's verification of payee
 * (absent: the access's default), whether the run is SEPA Instant, and work
 * after the order is at the bank (e.g. fetching its VoP report under faults).
 */
export interface RunVariant {
  vop?: boolean;
  instant?: (random: Random) => boolean;
  afterUpload?: (r: { h: Harness; desk: Desk; order: { id: number; sha256: string }; random: Random; plan: string }) => Promise<void>;
}

/** One round of recovery as the product runs it (`orders.recover`), or a broken variant. */
export type Recover = (desk: Desk) => Promise<RecoveryReport>;
export const productRecovery: Recover = (desk) => ok(desk.ctx, 'orders.recover', { bankAccessId: desk.accessId });

export interface Harness {
  bank: DemoBank;
  clock: ReturnType<typeof movableClock>;
  desks: Map<'H004' | 'H005', Desk>;
  /** Milliseconds the bank delays a request for the `timeout` fault (beyond the client's timeout). */
  delayMs: number;
  /** Orders made so far (their entries are numbered by it). */
  orders: number;
  close(): Promise<void>;
}

export async function openHarness(prefix: string, delayMs: number): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const clock = movableClock('2026-11-23T08:00:00Z');
  const bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock, log: () => undefined, directDebitReturnPercent: 0 });
  bank.addSubscriber({ partnerId: 'KONTOR02', userId: 'USER02', name: 'Kontor H004 GmbH', accounts: 1 });
  const [h005, h004] = await Promise.all([
    openDesk(bank, clock, dir, 'H005', { partnerId: 'KONTOR01', userId: 'USER01' }),
    openDesk(bank, clock, dir, 'H004', { partnerId: 'KONTOR02', userId: 'USER02' }),
  ]);
  const desks = new Map([
    ['H005', h005],
    ['H004', h004],
  ] as const);
  return {
    bank,
    clock,
    desks,
    delayMs,
    orders: 0,
    async close() {
      for (const d of desks.values()) d.close();
      await bank.close();
      delete process.env.KONTOR_EBICS_SEGMENT_SIZE;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Summary {
  seed: number;
  runs: number;
  byPlan: Record<string, number>;
  byVersion: Record<string, number>;
  bySegments: Record<string, number>;
  uploadOutcome: Record<string, number>;
  killPoints: Record<string, number>;
  restartFaults: Record<string, number>;
  /** What recovery did while another process's upload was still in flight. */
  meetings: Record<string, number>;
  recovery: Record<string, number>;
  rounds: { max: number; total: number };
  ordersAtBank: number;
  duplicates: number;
  lost: number;
  notUploadedInKontor: number;
}

export function emptySummary(seed: number): Summary {
  return {
    seed,
    runs: 0,
    byPlan: {},
    byVersion: {},
    bySegments: {},
    uploadOutcome: {},
    killPoints: {},
    restartFaults: {},
    meetings: {},
    recovery: {},
    rounds: { max: 0, total: 0 },
    ordersAtBank: 0,
    duplicates: 0,
    lost: 0,
    notUploadedInKontor: 0,
  };
}

interface Uploaded {
  desk: Desk;
  id: number;
  sha256: string;
  plan: string;
}

/** How far the journal of a killed upload got. */
function killPoint(desk: Desk, order: { id: number; sha256: string }): string {
  const row = getPaymentOrder(desk.ctx.db, order.id);
  if (row.status === 'approved') return 'before upload';
  if (row.status === 'uploaded') return 'after upload';
  const transfer = transfersForData(desk.ctx.db, order.sha256).find((t) => t.paymentOrderId === order.id);
  if (!transfer) return 'before journal';
  const last = stepsOf(desk.ctx.db, transfer.id).at(-1);
  if (!last) return 'before init';
  if (last.phase === 'initialisation') return last.state === 'answered' ? 'after init' : 'init in flight';
  const lastSegment = last.segmentNumber === transfer.numSegments;
  if (last.state === 'answered') return lastSegment ? 'last segment answered' : 'between segments';
  return lastSegment ? 'last segment in flight' : 'segment in flight';
}

/** Waits until the bank holds a request of the child (polling; nothing is timed). */
async function untilHeld(bank: DemoBank, child: ChildRun): Promise<void> {
  while (bank.faults.holding() === 0) {
    if (child.child.exitCode !== null || child.child.signalCode !== null) throw new Error('the other process finished before the bank held its request');
    await sleep(5);
  }
}

/** One run of one plan: a new order, uploaded with its fault, then recovered until it is at the bank. */
export async function runPlan(
  h: Harness,
  plan: Plan,
  i: number,
  random: Random,
  summary: Summary,
  recover: Recover,
  variant: RunVariant = {},
): Promise<Uploaded> {
  const version = random.pick(['H004', 'H005'] as const);
  const desk = h.desks.get(version)!;
  const instant = variant.instant?.(random) ?? false;
  const order = await newOrder(desk, h.clock, h.orders++, random.int(100, 9_999_999), instant);
  const seg = segmentSizeFor(desk, order.id, random.int(3, 6));
  process.env.KONTOR_EBICS_SEGMENT_SIZE = String(seg.size);
  tally(summary.byPlan, label(plan));
  tally(summary.byVersion, version);
  tally(summary.bySegments, String(seg.segments));
  const ctx = { h, desk, order, seg, random, summary, recover, ...(variant.vop !== undefined ? { vop: variant.vop } : {}) };
  if (plan.kind === 'fault') await inProcess(ctx, plan.phase, plan.fault);
  else if (plan.kind === 'late' && plan.how === 'in-process') await lateInProcess(ctx);
  else if (plan.kind === 'concurrent') await concurrent(ctx, plan.at);
  else await inChild(ctx, plan);
  await recoverUntilAtBank(ctx);
  await variant.afterUpload?.({ h, desk, order, random, plan: `${label(plan)} ${version}` });
  summary.runs += 1;
  // A minute between runs, as between users' uploads.
  h.clock.advanceMs(60_000);
  return { desk, ...order, plan: `${label(plan)} ${version} ${seg.segments} segments (run ${i})` };
}

interface RunContext {
  h: Harness;
  desk: Desk;
  order: { id: number; sha256: string };
  seg: { size: number; segments: number };
  random: Random;
  summary: Summary;
  recover: Recover;
  vop?: boolean;
}

function switchFault(r: RunContext, kind: FaultKind, fault: Fault | 'hold', options: { times: number; skip?: number }): void {
  const name: FaultName = fault === 'timeout' ? 'delay' : fault;
  r.h.bank.faults.set(kind, name, { ...options, ...(fault === 'timeout' ? { ms: r.h.delayMs } : {}) });
}

/** The fault at the upload's phase. */
function arm(r: RunContext, phase: Phase, fault: Fault | 'hold', times: number): void {
  if (phase === 'init') switchFault(r, 'upload-init', fault, { times });
  if (phase === 'segment') switchFault(r, 'upload-transfer', fault, { times, skip: r.random.int(0, r.seg.segments - 2) });
  if (phase === 'last') switchFault(r, 'upload-last-transfer', fault, { times });
  if (phase === 'receipt') {
    r.h.bank.faults.set('upload-last-transfer', 'drop-response', { times: 1 });
    switchFault(r, 'receipt', fault, { times });
  }
}

async function inProcess(r: RunContext, phase: Phase, fault: Fault): Promise<void> {
  arm(r, phase, fault, r.random() < 0.25 ? 2 : 1);
  await upload(r);
}

/** The bank shows the order late and the answer to its last segment is lost; this process still holds the transaction. */
async function lateInProcess(r: RunContext): Promise<void> {
  showLate(r);
  r.h.bank.faults.set('upload-last-transfer', 'drop-response', { times: 1 });
  await upload(r);
  r.h.bank.faults.clear();
}

async function upload(r: RunContext): Promise<void> {
  const result = await dispatch(r.desk.ctx, 'orders.upload', { id: r.order.id, ...(r.vop !== undefined ? { vop: r.vop } : {}) });
  // Success, or a typed error: never anything untyped.
  if (!result.ok) expect(result.error.code).toMatch(/^[a-z]+\.[A-Za-z]+$/);
  tally(r.summary.uploadOutcome, result.ok ? 'ok' : result.error.code);
}

function startChild(r: RunContext): ChildRun {
  return runChild('upload-child.ts', {
    DATA_DIR: r.desk.dataDir,
    SECRETS_FILE: r.desk.secretsFile,
    ORDER_ID: String(r.order.id),
    NOW: r.h.clock.now().toISOString(),
    KONTOR_EBICS_SEGMENT_SIZE: String(r.seg.size),
  });
}

/** The late bank: what it receives from now on it lists only minutes later, well within the settling time. */
function showLate(r: RunContext): void {
  r.h.bank.faults.showLate(r.random.int(1, 25) * 60_000);
}

/** Another process uploads (and exits or is killed); this one starts afresh on the same data folder. */
async function inChild(r: RunContext, plan: Extract<Plan, { kind: 'restart' | 'kill' | 'late' }>): Promise<void> {
  const { bank } = r.h;
  const stepMs = 25;
  const killAt = plan.kind === 'kill' ? plan.at : plan.kind === 'late' && plan.how === 'kill' ? 'last' : null;
  if (plan.kind === 'late') showLate(r);
  if (plan.kind === 'late' && plan.how !== 'kill') bank.faults.set('upload-last-transfer', 'drop-response', { times: 1 });
  if (killAt === 'random') {
    // Slow every upload request a little so the kill lands anywhere in the upload.
    bank.faults.set('upload-init', 'delay', { ms: stepMs });
    bank.faults.set('upload-transfer', 'delay', { ms: stepMs });
  } else if (killAt !== null) {
    arm(r, killAt, 'hold', 1);
  } else if (plan.kind === 'restart') {
    // The child has the product's own timeout: no delay faults there.
    const fault = r.random.pick(FAULTS.filter((f) => f !== 'timeout'));
    arm(r, plan.phase, fault, r.random() < 0.25 ? 2 : 1);
    tally(r.summary.restartFaults, `${plan.phase}/${fault}`);
  }
  r.desk.close();
  const child = startChild(r);
  await child.started;
  if (killAt === 'random') {
    await sleep(r.random.int(0, (r.seg.segments + 1) * (stepMs + 15) + 60));
    child.child.kill('SIGKILL');
  } else if (killAt !== null) {
    await untilHeld(bank, child);
    child.child.kill('SIGKILL');
  }
  const exit = await child.exited;
  // What reached the bank is handled now, the held request included.
  bank.faults.release();
  await bank.idle();
  tally(r.summary.uploadOutcome, exit.signal === 'SIGKILL' ? 'killed' : `child:${(exit.done as { error?: string } | undefined)?.error ?? 'ok'}`);
  bank.faults.clear();
  r.desk.reopen();
  if (killAt !== null) tally(r.summary.killPoints, killPoint(r.desk, r.order));
}

/** Another process's upload is in flight at the bank while this one recovers the same order. */
async function concurrent(r: RunContext, at: 'segment' | 'last'): Promise<void> {
  const { bank } = r.h;
  arm(r, at, 'hold', 1);
  const child = startChild(r);
  await child.started;
  await untilHeld(bank, child);
  const report = await r.recover(r.desk);
  for (const o of report.orders.filter((x) => x.orderId === r.order.id)) tally(r.summary.meetings, `${o.action}:${o.rule}`);
  if (report.bankError) tally(r.summary.meetings, `bank not asked: ${report.bankError.code}`);
  bank.faults.release();
  const exit = await child.exited;
  await bank.idle();
  tally(r.summary.uploadOutcome, `child:${(exit.done as { error?: string; status?: string } | undefined)?.error ?? 'ok'}`);
  bank.faults.clear();
}

const MAX_ROUNDS = 10;

/** Kontor recovers by itself; the harness only lets time pass when Kontor says it waits, and nothing is in flight. */
async function recoverUntilAtBank(r: RunContext): Promise<void> {
  const { h, desk, order, summary } = r;
  let rounds = 0;
  for (; rounds < MAX_ROUNDS; rounds++) {
    const status = getPaymentOrder(desk.ctx.db, order.id).status;
    if (status === 'uploaded' || status === 'released') break;
    if (status === 'approved') {
      // Killed before anything was sent: the user uploads it as usual.
      await ok(desk.ctx, 'orders.upload', { id: order.id, ...(r.vop !== undefined ? { vop: r.vop } : {}) });
      tally(summary.recovery, 'user upload (never sent)');
      continue;
    }
    expect(status).toBe('uploading');
    const report = await r.recover(desk);
    if (report.bankError) tally(summary.recovery, `bank not asked: ${report.bankError.code}`);
    let wait: string | null = null;
    for (const o of report.orders.filter((x) => x.orderId === order.id)) {
      tally(summary.recovery, `${o.action}:${o.rule}`);
      if (o.action === 'waiting' && o.notBefore) wait = o.notBefore;
    }
    if (wait !== null) {
      await h.bank.idle();
      h.clock.set(new Date(Date.parse(wait) + 1000).toISOString());
    }
  }
  h.bank.faults.clear();
  summary.rounds.max = Math.max(summary.rounds.max, rounds);
  summary.rounds.total += rounds;
}

/** Counts every order at the bank by its file's SHA-256; returns what is wrong. */
export async function countAtBank(h: Harness, uploaded: readonly Uploaded[], summary: Summary): Promise<string[]> {
  // Requests the bank delayed past the client's timeout are handled by now.
  await h.bank.idle();
  const problems: string[] = [];
  for (const o of uploaded) {
    const atBank = h.bank.store.db.prepare('SELECT order_id AS orderId FROM bank_order WHERE data_sha256 = ?').all(o.sha256) as Array<{ orderId: string }>;
    summary.ordersAtBank += atBank.length;
    if (atBank.length > 1) {
      summary.duplicates += atBank.length - 1;
      problems.push(`duplicate: ${o.plan}`);
    }
    if (atBank.length === 0) {
      summary.lost += 1;
      problems.push(`lost: ${o.plan}`);
    }
    const row = getPaymentOrder(o.desk.ctx.db, o.id);
    if (row.status !== 'uploaded' || (atBank.length === 1 && row.ebicsOrderId !== atBank[0]!.orderId)) {
      summary.notUploadedInKontor += 1;
      problems.push(`Kontor says ${row.status} ${row.ebicsOrderId ?? '-'}, bank ${atBank.map((a) => a.orderId).join(',') || 'nothing'}: ${o.plan}`);
    }
  }
  return problems;
}

/** Runs the plans one after another and counts the bank's orders. */
export async function runSuite(
  h: Harness,
  list: readonly Plan[],
  random: Random,
  summary: Summary,
  recover: Recover = productRecovery,
  variant: RunVariant = {},
): Promise<string[]> {
  const uploaded: Uploaded[] = [];
  for (const [i, plan] of list.entries()) uploaded.push(await runPlan(h, plan, i, random, summary, recover, variant));
  return countAtBank(h, uploaded, summary);
}
