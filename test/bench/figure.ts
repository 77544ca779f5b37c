/** One benchmark figure, printed as one JSON line. */
export interface Figure {
  workload: string;
  tool: string;
  n: number;
  ms: number;
  max_rss_mb: number;
  /** What was verified about the output, so a fast wrong answer cannot score. */
  check: string;
}

/** Peer time / Kontor time for a workload with a peer in the same run. */
export interface RatioLine {
  workload: string;
  tool: 'ratio';
  peer: string;
  ratio: number;
}

export interface Workload {
  name: string;
  run(): Promise<Figure[]> | Figure[];
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
