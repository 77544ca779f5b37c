/**
 * Issue 21.5: the EBICS initialisation letter (PDF, three embedded DejaVu
 * fonts) as the button makes it, in a fresh process each run: loading the
 * letter module (pdf-lib, fontkit), the first letter (fonts parsed, texts
 * shaped) and the next one (what the process keeps). Keys are generated
 * before the clock starts. Check: pdftotext reads every key's hash back as
 * letterHash prints it. The median of KONTOR_BENCH_RUNS fresh processes.
 */
import { spawnSync } from 'node:child_process';
import { workerArgs } from '../bundled';
import { loadAverage, median, RUNS, type Figure, type Workload } from '../figure';

const worker = `${import.meta.dirname}/letter-worker.ts`;

export interface LetterWorkerResult {
  importMs: number;
  firstMs: number;
  firstCpuMs: number;
  nextMs: number;
  max_rss_mb: number;
  check: string;
}

export const initLetter: Workload = {
  name: 'letters.init',
  run: () => {
    const results: LetterWorkerResult[] = [];
    const loads: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      loads.push(loadAverage());
      const r = spawnSync(process.execPath, [...workerArgs(worker)], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`letter worker failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
      results.push(JSON.parse(r.stdout.trim().split('\n').at(-1)!) as LetterWorkerResult);
    }
    const m = (f: (r: LetterWorkerResult) => number) => Math.round(median(results.map(f)) * 100) / 100;
    const common = {
      workload: 'letters.init',
      n: 1,
      max_rss_mb: Math.max(...results.map((r) => r.max_rss_mb)),
      check: results[0]!.check,
      runs: RUNS,
      load: median(loads),
    };
    return [
      { ...common, tool: 'kontor-first-letter-with-module-load', ms: m((r) => r.importMs + r.firstMs) },
      { ...common, tool: 'kontor-first-letter', ms: m((r) => r.firstMs), cpu_ms: Math.round(m((r) => r.firstCpuMs)) },
      { ...common, tool: 'kontor-next-letter', ms: m((r) => r.nextMs) },
    ] satisfies Figure[];
  },
};
