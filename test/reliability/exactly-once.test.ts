/**
 * Exactly once under faults (issue 9, item 1; issue 15, item 8): seeded
 * random uploads through Kontor's order queue to the demo bank over HTTP on
 * loopback, each with one fault — at the initialisation, between segments,
 * at the last segment or at the receipts of recovery's status downloads, of
 * every kind; Kontor's process restarted or killed with a request in flight;
 * a bank that lists what it received only minutes later; recovery running
 * while another process's upload is still at the bank — then Kontor recovers
 * by itself (`orders.recover`). Counted at the bank by the file's SHA-256:
 * every order exactly once. The plans and the rules of time are in
 * support/exactly-once-harness.ts; exactly-once-broken.test.ts proves the
 * suite reports the duplicates of a recovery without its safety waits.
 *
 * KONTOR_RELIABILITY=full: 288 runs (every plan 8 times); else 36 (every
 * plan once). KONTOR_RELIABILITY_SEED changes the seed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ALL_PLANS, emptySummary, openHarness, plans, runSuite, type Harness } from './support/exactly-once-harness';
import { runs, writeSummary } from './support/mode';
import { seeded, suiteSeed } from './support/random';
import { stopwatch } from './support/wall';

/** The client gives up after CLIENT_TIMEOUT_MS (the product default is 120 s); the `timeout` fault waits longer. */
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
const SEED = suiteSeed(20261123);

let h: Harness;
beforeAll(async () => {
  h = await openHarness('kontor-exactly-once-', CLIENT_TIMEOUT_MS + 600);
}, 120_000);
afterAll(() => h?.close());

describe('exactly once under faults', () => {
  it(`holds every order exactly once at the bank after ${RUNS} faulted uploads`, async () => {
    const random = seeded(SEED);
    const elapsed = stopwatch();
    const summary = emptySummary(SEED);
    const problems = await runSuite(h, plans(random, RUNS), random, summary);
    writeSummary('exactly-once', {
      ...summary,
      averageRounds: Math.round((summary.rounds.total / Math.max(1, summary.runs)) * 100) / 100,
      seconds: elapsed.seconds(),
    });
    expect(problems).toEqual([]);
    expect(summary).toMatchObject({ runs: RUNS, duplicates: 0, lost: 0, notUploadedInKontor: 0 });
    // Every plan ran, the late bank and the meetings with an upload in flight included.
    expect(Object.keys(summary.byPlan).length).toBe(Math.min(RUNS, ALL_PLANS.length));
  });
});
