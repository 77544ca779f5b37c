/**
 * Exactly once for uploads with verification of payee (issue 19): the plans
 * of the exactly-once suite (support/exactly-once-harness.ts — a fault at
 * every upload phase of every kind, restarts, kills, the late bank, recovery
 * meeting an upload in flight), every upload with the check — CTV / BTU SCT
 * VOI, and for about half the runs SEPA Instant, CIV / BTU SCI VOI — then
 * the VoP report (VPZ / BTD REP pain.002 VOP) fetched with one fault of every
 * kind at its download's initialisation, transfer or receipt until Kontor
 * has it. Counted at the bank by the file's SHA-256 (every order exactly
 * once) and in the ledger by the report's message (every report kept once,
 * none lost: each order's results name its payment).
 *
 * KONTOR_RELIABILITY=full: 288 runs; else 36. KONTOR_RELIABILITY_SEED changes the seed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { getPaymentOrder } from '../../electron/ledger/repos/payment-orders';
import type { VopOrderResults } from '../../shared/api/vop';
import { ALL_PLANS, emptySummary, FAULTS, openHarness, plans, runSuite, type Harness, type RunVariant } from './support/exactly-once-harness';
import { ok } from './support/api';
import { runs, tally, writeSummary } from './support/mode';
import { seeded, suiteSeed } from './support/random';
import { stopwatch } from './support/wall';

const { CLIENT_TIMEOUT_MS } = vi.hoisted(() => ({ CLIENT_TIMEOUT_MS: 1000 }));

vi.mock('../../electron/ebics/transport', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/ebics/transport')>();
  return {
    ...real,
    createTransport: (url: string, o: Parameters<typeof real.createTransport>[1] = {}) =>
      real.createTransport(url, { ...o, timeoutMs: o.timeoutMs ?? CLIENT_TIMEOUT_MS }),
  };
});

const RUNS = runs(ALL_PLANS.length, ALL_PLANS.length * 8);
const SEED = suiteSeed(20261207);
const REPORT_PHASES = ['download-init', 'download-transfer', 'receipt'] as const;
const MAX_FETCHES = 6;

interface ReportFigures {
  byOrderType: Record<string, number>;
  reportFaults: Record<string, number>;
  fetchesPerReport: { max: number; total: number };
  reportsKept: number;
  reportDuplicates: number;
  reportsLost: number;
  problems: string[];
}

let h: Harness;
beforeAll(async () => {
  h = await openHarness('kontor-exactly-once-vop-', CLIENT_TIMEOUT_MS + 600);
  for (const desk of h.desks.values()) {
    const current = await ok(desk.ctx, 'bankAccess.settings', { id: desk.accessId });
    await ok(desk.ctx, 'bankAccess.updateSettings', { id: desk.accessId, settings: { ...current, instantOffered: true, instantLimitCents: null } });
  }
}, 120_000);
afterAll(() => h?.close());

/** The order as the bank recorded it: CTV, CIV, BTU SCT VOI, BTU SCI VOI. */
function orderTypeAtBank(sha256: string): string {
  const row = h.bank.store.db
    .prepare('SELECT order_type AS t, service_name AS s, service_option AS o FROM bank_order WHERE data_sha256 = ? LIMIT 1')
    .get(sha256) as { t: string; s: string | null; o: string | null } | undefined;
  return row ? [row.t, row.s, row.o].filter(Boolean).join(' ') : 'none';
}

/** The VoP report fetched under one fault, then again (as the user would) until Kontor has it; counted in the ledger. */
function fetchReportUnderFault(f: ReportFigures): RunVariant['afterUpload'] {
  return async ({ desk, order, random, plan }) => {
    const row = getPaymentOrder(desk.ctx.db, order.id);
    tally(f.byOrderType, orderTypeAtBank(order.sha256));
    const phase = random.pick(REPORT_PHASES);
    const fault = random.pick(FAULTS.filter((x) => x !== 'timeout'));
    h.bank.faults.set(phase, fault, { times: 1 });
    tally(f.reportFaults, `${phase}/${fault}`);
    let fetches = 0;
    let ready = false;
    for (; fetches < MAX_FETCHES && !ready; fetches++) {
      const result = await dispatch(desk.ctx, 'vop.results', { id: order.id });
      if (!result.ok) expect(result.error.code).toMatch(/^[a-z]+\.[A-Za-z]+$/);
      const value = result.ok ? (result.value as VopOrderResults) : null;
      ready = value !== null && value.status === 'ready' && value.payments.length === row.txCount;
    }
    h.bank.faults.clear();
    await h.bank.idle();
    f.fetchesPerReport.max = Math.max(f.fetchesPerReport.max, fetches);
    f.fetchesPerReport.total += fetches;
    const kept = (desk.ctx.db.prepare('SELECT COUNT(*) AS n FROM vop_report WHERE original_message_id = ?').get(row.messageId) as { n: number }).n;
    f.reportsKept += Math.min(kept, 1);
    if (kept > 1) {
      f.reportDuplicates += kept - 1;
      f.problems.push(`report kept ${kept} times: ${plan}`);
    }
    if (!ready || kept === 0) {
      f.reportsLost += 1;
      f.problems.push(`report not at Kontor after ${fetches} fetches (${phase}/${fault}): ${plan}`);
    }
  };
}

describe('exactly once for uploads with verification of payee', () => {
  it(`holds every VoP order exactly once at the bank and every report once in Kontor after ${RUNS} faulted uploads and report fetches`, async () => {
    const random = seeded(SEED);
    const elapsed = stopwatch();
    const summary = emptySummary(SEED);
    const f: ReportFigures = {
      byOrderType: {},
      reportFaults: {},
      fetchesPerReport: { max: 0, total: 0 },
      reportsKept: 0,
      reportDuplicates: 0,
      reportsLost: 0,
      problems: [],
    };
    const variant: RunVariant = { vop: true, instant: (r) => r() < 0.5, afterUpload: fetchReportUnderFault(f) };
    const problems = await runSuite(h, plans(random, RUNS), random, summary, undefined, variant);
    writeSummary('exactly-once-vop', {
      ...summary,
      ...f,
      averageRounds: Math.round((summary.rounds.total / Math.max(1, summary.runs)) * 100) / 100,
      averageFetches: Math.round((f.fetchesPerReport.total / Math.max(1, summary.runs)) * 100) / 100,
      seconds: elapsed.seconds(),
    });
    expect([...problems, ...f.problems]).toEqual([]);
    expect(summary).toMatchObject({ runs: RUNS, duplicates: 0, lost: 0, notUploadedInKontor: 0 });
    expect(f).toMatchObject({ reportsKept: RUNS, reportDuplicates: 0, reportsLost: 0 });
    // With the check every time, instant and not, in both versions.
    expect(Object.keys(f.byOrderType).sort()).toEqual(['BTU SCI VOI', 'BTU SCT VOI', 'CIV', 'CTV']);
    expect(Object.keys(summary.byPlan).length).toBe(Math.min(RUNS, ALL_PLANS.length));
  });
});
