/**
 * Short (CI) or full mode: KONTOR_RELIABILITY=full for the full runs, anything
 * else the short form. Results go to KONTOR_RELIABILITY_OUT (a folder), else
 * test-results/reliability (git-ignored).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writtenAt } from './wall';

export const FULL = process.env.KONTOR_RELIABILITY === 'full';
export const REPO = resolve(import.meta.dirname, '../../..');

export function runs(short: number, full: number): number {
  const raw = process.env.KONTOR_RELIABILITY_RUNS;
  if (raw && /^\d+$/.test(raw)) return Number(raw);
  return FULL ? full : short;
}

/** Prints the suite's summary as one JSON line and writes it to `<out>/<name>.json`. */
export function writeSummary(name: string, summary: Record<string, unknown>): string {
  const dir = process.env.KONTOR_RELIABILITY_OUT ? resolve(process.env.KONTOR_RELIABILITY_OUT) : join(REPO, 'test-results/reliability');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const doc = { suite: name, mode: FULL ? 'full' : 'short', at: writtenAt(), ...summary };
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(doc)}\n`);
  return file;
}

/** Counts by key, for the summaries. */
export function tally(into: Record<string, number>, key: string, n = 1): void {
  into[key] = (into[key] ?? 0) + n;
}
