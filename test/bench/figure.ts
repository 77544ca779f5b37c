import { loadavg } from 'node:os';

/** One benchmark figure, printed as one JSON line. */
export interface Figure {
  workload: string;
  tool: string;
  n: number;
  ms: number;
  max_rss_mb: number;
  /** Where the input sits in the measured process: its RSS before the timed work (node and the input), beside the peak. */
  input_rss_mb?: number;
  /** What was verified about the output, so a fast wrong answer cannot score. */
  check: string;
  /** CPU time (all threads, garbage collection included): steadier than `ms` on a shared machine. */
  cpu_ms?: number;
  /** Of cpu_ms, the main thread's (Linux): what the work waits for when its worker threads have a core of their own. */
  main_cpu_ms?: number;
  /** Where a build repeats in one process: the median wall and CPU time of the builds after the first (code compiled, caches warm). */
  warm_ms?: number;
  warm_cpu_ms?: number;
  /** When `ms` is the median of several runs (peers interleaved with Kontor): how many. */
  runs?: number;
  /** The machine's one-minute load average when the figure was taken (2 cores: above 2 means waiting for a CPU). */
  load?: number;
}

/** Peer time / Kontor time for a workload with a peer in the same run. */
export interface RatioLine {
  workload: string;
  tool: 'ratio';
  peer: string;
  ratio: number;
  /** The same ratio on CPU time. */
  cpu_ratio?: number;
  /** The same on the CPU time of warm builds (Figure.warm_cpu_ms). */
  warm_cpu_ratio?: number;
}

export interface Workload {
  name: string;
  run(): Promise<Figure[]> | Figure[];
}

/** Runs per figure where a workload repeats (KONTOR_BENCH_RUNS, default 3): the median counts. */
export const RUNS = Math.max(1, Number(process.env.KONTOR_BENCH_RUNS ?? 3));

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The one-minute load average, to print beside timings taken on a shared machine. */
export function loadAverage(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}

export function maxRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/** Times fn and returns its result with the elapsed milliseconds. */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { value, ms: Math.round(Number(process.hrtime.bigint() - start) / 1e4) / 100 };
}

/** A small seeded generator (LCG) so every run sees the same inputs. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
