/**
 * Exactly once under faults (issue 9, item 1): seeded random uploads through
 * Kontor's order queue to the demo bank over HTTP on loopback, each with one
 * fault at one phase — before or at the initialisation, between segments,
 * at the last segment, at the receipt of the status downloads recovery makes —
 * of every kind (connection reset, timeout, HTTP 500, malformed answer,
 * wrongly signed answer, lost answer) or with Kontor's process killed at a
 * random moment and a fresh one started on the same data folder. Kontor then
 * recovers by itself (`orders.recover`, rounds until the order is at the
 * bank; the test only moves the clock when Kontor says it waits). Counted at
 * the bank by the file's SHA-256: every order exactly once.
 *
 * KONTOR_RELIABILITY=full: 240 runs; else 30. KONTOR_RELIABILITY_SEED
 * changes the seed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDemoBank, type DemoBank } from '../../electron/demo-bank';
import type { FaultKind, FaultName } from '../../electron/demo-bank/faults';
import { dispatch } from '../../electron/services/dispatch';
import { getPaymentOrder } from '../../electron/ledger/repos/payment-orders';
import { stepsOf, transfersForData } from '../../electron/ledger/repos/ebics-journal';
import { ok } from './support/api';
import { runChild, sleep } from './support/child';
import { movableClock } from './support/clock';
import { newOrder, openDesk, segmentSizeFor, type Desk } from './support/desk';
import { runs, tally, writeSummary } from './support/mode';
import { seeded, suiteSeed } from './support/random';

/** The client gives up after CLIENT_TIMEOUT_MS (the product default is 120 s); the `timeout` fault waits longer. */
const { CLIENT_TIMEOUT_MS } = vi.hoisted(() => ({ CLIENT_TIMEOUT_MS: 1000 }));
const DELAY_MS = CLIENT_TIMEOUT_MS + 600;

vi.mock('../../electron/ebics/transport', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/ebics/transport')>();
  return {
    ...real,
    createTransport: (url: string, o: Parameters<typeof real.createTransport>[1] = {}) => real.createTransport(url, { ...o, timeoutMs: o.timeoutMs ?? CLIENT_TIMEOUT_MS }),
  };
});

const PHASES = ['init', 'segment', 'last', 'receipt'] as const;
const FAULTS = ['reset', 'timeout', 'http-500', 'malformed', 'wrong-signature', 'drop-response'] as const;
type Phase = (typeof PHASES)[number];
type Fault = (typeof FAULTS)[number] | 'kill' | 'restart';
/**
 * `kill`: the process doing the upload is killed at a random moment.
 * `restart`: a process uploads with a fault (of a random kind) at the phase
 * and exits; a new one (without the old one's memory) recovers.
 */
interface Plan {
  phase: Phase | 'random';
  fault: Fault;
}

const RUNS = runs(30, 240);
const SEED = suiteSeed(20261123);
const MAX_ROUNDS = 10;

let dir: string;
let bank: DemoBank;
const clock = movableClock('2026-11-23T08:00:00Z');
const desks = new Map<'H004' | 'H005', Desk>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-exactly-once-'));
  bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock, log: () => undefined, directDebitReturnPercent: 0 });
  bank.addSubscriber({ partnerId: 'KONTOR02', userId: 'USER02', name: 'Kontor H004 GmbH', accounts: 1 });
  const [h005, h004] = await Promise.all([
    openDesk(bank, clock, dir, 'H005', { partnerId: 'KONTOR01', userId: 'USER01' }),
    openDesk(bank, clock, dir, 'H004', { partnerId: 'KONTOR02', userId: 'USER02' }),
  ]);
  desks.set('H005', h005);
  desks.set('H004', h004);
}, 120_000);

afterAll(async () => {
  for (const d of desks.values()) d.close();
  await bank?.close();
  delete process.env.KONTOR_EBICS_SEGMENT_SIZE;
  rmSync(dir, { recursive: true, force: true });
});

/** Every phase × fault, plus killed processes, in a seeded order that covers them all before repeating. */
function plans(random: ReturnType<typeof seeded>, n: number): Plan[] {
  const all: Plan[] = [
    ...PHASES.flatMap((phase) => FAULTS.map((fault) => ({ phase, fault }))),
    ...Array.from({ length: 6 }, () => ({ phase: 'random' as const, fault: 'kill' as const })),
    ...(['init', 'segment', 'last'] as const).map((phase) => ({ phase, fault: 'restart' as const })),
  ];
  const out: Plan[] = [];
  while (out.length < n) {
    const round = [...all];
    for (let i = round.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [round[i], round[j]] = [round[j]!, round[i]!];
    }
    out.push(...round);
  }
  return out.slice(0, n);
}

function switchFault(kind: FaultKind, fault: (typeof FAULTS)[number], options: { times: number; skip?: number }): void {
  const name: FaultName = fault === 'timeout' ? 'delay' : fault;
  bank.faults.set(kind, name, { ...options, ...(fault === 'timeout' ? { ms: DELAY_MS } : {}) });
}

/** How far the journal of a killed upload got. */
function killPoint(desk: Desk, order: { id: number; sha256: string }): string {
  const row = getPaymentOrder(desk.ctx.db, order.id);
  if (row.status === 'approved') return 'before upload';
  if (row.status === 'uploaded') return 'after upload';
  const transfer = transfersForData(desk.ctx.db, order.sha256).find((t) => t.paymentOrderId === order.id);
  if (!transfer) return 'before journal';
  const steps = stepsOf(desk.ctx.db, transfer.id);
  const last = steps.at(-1);
  if (!last) return 'before init';
  if (last.phase === 'initialisation') return last.state === 'answered' ? 'after init' : 'init in flight';
  const lastSegment = last.segmentNumber === transfer.numSegments;
  if (last.state === 'answered') return lastSegment ? 'last segment answered' : 'between segments';
  return lastSegment ? 'last segment in flight' : 'segment in flight';
}

describe('exactly once under faults', () => {
  it(`holds every order exactly once at the bank after ${RUNS} faulted uploads`, async () => {
    const random = seeded(SEED);
    const started = performance.now();
    const summary = {
      seed: SEED,
      runs: 0,
      byPhaseAndFault: {} as Record<string, number>,
      byVersion: {} as Record<string, number>,
      bySegments: {} as Record<string, number>,
      uploadOutcome: {} as Record<string, number>,
      killPoints: {} as Record<string, number>,
      restartFaults: {} as Record<string, number>,
      recovery: {} as Record<string, number>,
      rounds: { max: 0, total: 0 },
      ordersAtBank: 0,
      duplicates: 0,
      lost: 0,
      notUploadedInKontor: 0,
      seconds: 0,
    };
    const uploaded: Array<{ desk: Desk; id: number; sha256: string; plan: string }> = [];

    for (const [i, plan] of plans(random, RUNS).entries()) {
      const version = random.pick(['H004', 'H005'] as const);
      const desk = desks.get(version)!;
      const order = await newOrder(desk, clock, i, random.int(100, 9_999_999));
      const seg = segmentSizeFor(desk, order.id, random.int(3, 6));
      process.env.KONTOR_EBICS_SEGMENT_SIZE = String(seg.size);
      const times = random() < 0.25 ? 2 : 1;
      const label = `${plan.phase}/${plan.fault}`;
      tally(summary.byPhaseAndFault, label);
      tally(summary.byVersion, version);
      tally(summary.bySegments, String(seg.segments));

      /** The fault at the upload's phase (not for kill runs). */
      const arm = (phase: Phase, fault: (typeof FAULTS)[number]) => {
        if (phase === 'init') switchFault('upload-init', fault, { times });
        if (phase === 'segment') switchFault('upload-transfer', fault, { times, skip: random.int(0, seg.segments - 2) });
        if (phase === 'last') switchFault('upload-last-transfer', fault, { times });
        if (phase === 'receipt') {
          bank.faults.set('upload-last-transfer', 'drop-response', { times: 1 });
          switchFault('receipt', fault, { times });
        }
      };
      if (plan.fault === 'kill' || plan.fault === 'restart') {
        const stepMs = 25;
        if (plan.fault === 'kill') {
          // Slow every upload request a little so the kill lands anywhere in the upload.
          bank.faults.set('upload-init', 'delay', { ms: stepMs });
          bank.faults.set('upload-transfer', 'delay', { ms: stepMs });
        } else {
          // The child has the product's own timeout: no delay faults there.
          const fault = random.pick(FAULTS.filter((f) => f !== 'timeout'));
          arm(plan.phase as Phase, fault);
          tally(summary.restartFaults, `${plan.phase}/${fault}`);
        }
        desk.close();
        const child = runChild('upload-child.ts', {
          DATA_DIR: desk.dataDir, SECRETS_FILE: desk.secretsFile, ORDER_ID: String(order.id), NOW: clock.now().toISOString(), KONTOR_EBICS_SEGMENT_SIZE: String(seg.size),
        });
        await child.started;
        if (plan.fault === 'kill') {
          await sleep(random.int(0, (seg.segments + 1) * (stepMs + 15) + 60));
          child.child.kill('SIGKILL');
        }
        const exit = await child.exited;
        tally(summary.uploadOutcome, exit.signal === 'SIGKILL' ? 'killed' : `child:${(exit.done as { error?: string; status?: string } | undefined)?.error ?? 'ok'}`);
        await sleep(stepMs + 100); // whatever reached the bank has been handled
        bank.faults.clear();
        desk.reopen();
        if (plan.fault === 'kill') tally(summary.killPoints, killPoint(desk, order));
      } else {
        arm(plan.phase as Phase, plan.fault);
        const result = await dispatch(desk.ctx, 'orders.upload', { id: order.id });
        // Success, or a typed error: never anything untyped.
        if (!result.ok) expect(result.error.code).toMatch(/^[a-z]+\.[A-Za-z]+$/);
        tally(summary.uploadOutcome, result.ok ? 'ok' : result.error.code);
      }

      // Kontor recovers by itself; the test only lets time pass when Kontor says it waits.
      let rounds = 0;
      for (; rounds < MAX_ROUNDS; rounds++) {
        const status = getPaymentOrder(desk.ctx.db, order.id).status;
        if (status === 'uploaded' || status === 'released') break;
        if (status === 'approved') {
          // Killed before anything was sent: the user uploads it as usual.
          await ok(desk.ctx, 'orders.upload', { id: order.id });
          tally(summary.recovery, 'user upload (never sent)');
          continue;
        }
        expect(status).toBe('uploading');
        const report = await ok(desk.ctx, 'orders.recover', { bankAccessId: desk.accessId });
        if (report.bankError) tally(summary.recovery, `bank not asked: ${report.bankError.code}`);
        for (const o of report.orders.filter((x) => x.orderId === order.id)) {
          tally(summary.recovery, `${o.action}:${o.rule}`);
          if (o.action === 'waiting' && o.notBefore) clock.set(new Date(Date.parse(o.notBefore) + 1000).toISOString());
        }
      }
      bank.faults.clear();
      summary.rounds.max = Math.max(summary.rounds.max, rounds);
      summary.rounds.total += rounds;
      summary.runs += 1;
      uploaded.push({ desk, ...order, plan: `${label} ${version} ${seg.segments} segments (run ${i})` });
      // A minute between runs, as between users' uploads.
      clock.advanceMs(60_000);
    }

    // Requests the bank delayed past the client's timeout are handled by now.
    await sleep(DELAY_MS + 500);
    const problems: string[] = [];
    for (const o of uploaded) {
      const atBank = bank.store.db.prepare('SELECT order_id AS orderId FROM bank_order WHERE data_sha256 = ?').all(o.sha256) as Array<{ orderId: string }>;
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
    summary.seconds = Math.round((performance.now() - started) / 100) / 10;
    writeSummary('exactly-once', { ...summary, averageRounds: Math.round((summary.rounds.total / Math.max(1, summary.runs)) * 100) / 100 });
    expect(problems).toEqual([]);
    expect(summary).toMatchObject({ runs: RUNS, duplicates: 0, lost: 0 });
  });
});
