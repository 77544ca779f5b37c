/**
 * The one place in test/reliability that touches real time, and the
 * documented exception to the rule that tests never read the clock or the
 * machine's speed (the ESLint rule against `Date.now()`, `new Date()`,
 * `performance.now()`, `process.hrtime` and `systemClock` in tests exempts
 * this file only). What it is for, and all it may be used for:
 *
 * - waiting: `sleep`, to let a child process run before it is killed;
 * - reporting: how long a suite or a piece of work took, printed in the
 *   summaries and used to spread kill moments over a piece of work;
 * - hang guards: a limit of tens of seconds per case that only a hang (or
 *   super-linear work) can reach, never a budget a slow machine could miss.
 *
 * No test asserts anything on these numbers except a hang guard, and no
 * business date or instant Kontor sees comes from here: Kontor and the demo
 * bank run on fixed or test-moved clocks (shared/dates.ts).
 */
import { performance } from 'node:perf_hooks';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface Stopwatch {
  ms(): number;
  seconds(): number;
}

export function stopwatch(): Stopwatch {
  const t0 = performance.now();
  const ms = () => performance.now() - t0;
  return { ms, seconds: () => Math.round(ms() / 100) / 10 };
}

/** When a summary was written (for the reader of test-results, not for any check). */
export function writtenAt(): string {
  return new Date(performance.timeOrigin + performance.now()).toISOString();
}

/**
 * A case that runs longer than this is a hang or super-linear work: linear
 * work on the suites' inputs (at most a few MB) takes milliseconds, a few
 * seconds on a two-core machine loaded fourteen-fold.
 */
export const HANG_GUARD_MS = 60_000;
