/**
 * Crash safety (issue 9, item 2): a Kontor process imports a large statement,
 * builds orders from many payables, or accepts many sure matches, and is
 * killed (SIGKILL) after a seeded random delay. The ledger it leaves must
 * pass SQLite's integrity check and hold no half-done work (ledger-checks);
 * the same work started again on that folder completes, and the result equals
 * a run that was never killed.
 *
 * KONTOR_RELIABILITY=full: 128 runs (32 per work); else 16.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFileIn } from '../../electron/services/data-dir';
import { runChild } from './support/child';
import { copyTemplate, doWork, fingerprint, makeTemplate, openKontor, WORKS, type Work } from './support/crash-work';
import { ledgerProblems } from './support/ledger-checks';
import { FULL, runs, tally, writeSummary } from './support/mode';
import { seeded, suiteSeed } from './support/random';
import { sleep, stopwatch } from './support/wall';

const RUNS = runs(16, 128);
const SEED = suiteSeed(90210);
/** Work sizes: each piece takes a second or so, long enough to be killed in the middle. */
const SIZES: Record<Work, number> = {
  'import-camt': FULL ? 9000 : 5000,
  'import-mt940': FULL ? 30_000 : 15_000,
  build: FULL ? 6000 : 3000,
  assign: FULL ? 4000 : 2000,
};

let dir: string;
const reference = new Map<Work, { fingerprint: Record<string, number>; ms: number }>();

function readLedger(dataDir: string) {
  const db = new BetterSqlite3(databaseFileIn(dataDir));
  try {
    return { problems: ledgerProblems(db), fingerprint: fingerprint(db) };
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-crash-'));
  for (const work of WORKS) {
    const template = join(dir, `template-${work}`);
    await makeTemplate(work, template, SIZES[work]);
    // The run never killed, in a child like the others: its result and how long the work takes.
    const data = join(dir, `reference-${work}`);
    copyTemplate(template, data);
    const child = runChild('crash-child.ts', { DATA_DIR: data, TEMPLATE_DIR: template, WORK: work });
    const exit = await child.exited;
    if (exit.code !== 0) throw new Error(`reference ${work} failed: ${exit.stderr}`);
    const ledger = readLedger(data);
    expect(ledger.problems).toEqual([]);
    reference.set(work, { fingerprint: ledger.fingerprint, ms: (exit.done as { ms: number }).ms });
  }
}, 10 * 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('crash safety', () => {
  it(`leaves a sound ledger and finishes the work after ${RUNS} kills`, async () => {
    const random = seeded(SEED);
    const elapsed = stopwatch();
    const summary = {
      seed: SEED,
      runs: 0,
      byWork: {} as Record<string, number>,
      sizes: SIZES,
      referenceMs: Object.fromEntries([...reference].map(([w, r]) => [w, r.ms])),
      /** Where the kill landed, as a fraction of the work's reference duration. */
      killPoints: {} as Record<string, number>,
      killedMidWork: 0,
      finishedBeforeKill: 0,
      /** What the killed process had written: nothing, part of the work (whole units), or all. */
      leftBehind: {} as Record<string, number>,
      integrityOk: 0,
      problems: 0,
      completedOnRerun: 0,
      equalToNeverKilled: 0,
      seconds: 0,
    };
    const problems: string[] = [];

    for (let i = 0; i < RUNS; i++) {
      const work = WORKS[i % WORKS.length]!;
      const ref = reference.get(work)!;
      const data = join(dir, `run-${i}`);
      const template = join(dir, `template-${work}`);
      copyTemplate(template, data);
      const before = readLedger(data).fingerprint;
      const child = runChild('crash-child.ts', { DATA_DIR: data, TEMPLATE_DIR: template, WORK: work });
      await child.started;
      const delay = random.int(0, Math.round(ref.ms * 0.95));
      await sleep(delay);
      child.child.kill('SIGKILL');
      const exit = await child.exited;
      tally(summary.byWork, work);
      tally(summary.killPoints, `${work} ${Math.min(100, Math.floor((delay / ref.ms) * 10) * 10)}%`);
      if (exit.signal === 'SIGKILL') summary.killedMidWork += 1;
      else summary.finishedBeforeKill += 1;

      const after = readLedger(data);
      if (after.problems.length === 0) summary.integrityOk += 1;
      else {
        summary.problems += 1;
        problems.push(`run ${i} (${work}, killed after ${delay} ms): ${after.problems.slice(0, 3).join(' | ')}`);
      }
      const same = (a: Record<string, number>, b: Record<string, number>) => JSON.stringify(a) === JSON.stringify(b);
      tally(summary.leftBehind, `${work}: ${same(after.fingerprint, before) ? 'nothing' : same(after.fingerprint, ref.fingerprint) ? 'all' : 'part'}`);

      // Kontor started again on the same folder does the same work again.
      const ctx = openKontor(data);
      try {
        await doWork(ctx, work, template);
      } finally {
        ctx.close();
      }
      const rerun = readLedger(data);
      summary.completedOnRerun += 1;
      if (rerun.problems.length > 0) problems.push(`run ${i} (${work}) after the rerun: ${rerun.problems.slice(0, 3).join(' | ')}`);
      if (same(rerun.fingerprint, ref.fingerprint)) summary.equalToNeverKilled += 1;
      else problems.push(`run ${i} (${work}): rerun gives ${JSON.stringify(rerun.fingerprint)}, never killed ${JSON.stringify(ref.fingerprint)}`);
      summary.runs += 1;
      rmSync(data, { recursive: true, force: true });
    }
    summary.seconds = elapsed.seconds();
    writeSummary('crash-safety', summary);
    expect(problems).toEqual([]);
    expect(summary).toMatchObject({ runs: RUNS, integrityOk: RUNS, equalToNeverKilled: RUNS });
  });
});
