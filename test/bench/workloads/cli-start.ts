/**
 * Issue 14: the CLI starts at once. `kontor status` as a user or a scheduler
 * runs it (`node electron/host/kontor.mjs`, which checks that its bundle
 * matches the sources and runs it), on a data folder with a ledger, beside
 * a bare `node -e ''` in the same run: the floor no Node command gets under.
 * Median of 10 runs each, after one unmeasured run (which builds the bundle
 * if the sources changed). max_rss_mb is the child's own peak, from one more
 * run that reports it on exit. A third line is the bundle check alone
 * (reading the stamp and comparing every source's size and time), in this
 * process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { latestVersion } from '../../../electron/ledger/migrate';
import { maxRssMb, type Figure, type RatioLine, type Workload } from '../figure';
// @ts-expect-error -- a plain ES module of the build scripts, without types
import { freshCliBundle } from '../../../electron/host/cli-bundle.mjs';

const repo = resolve(import.meta.dirname, '../../..');
const RUNS = 10;
const CHECKS = 200;
const reportPeak = `data:text/javascript,import { writeSync } from 'node:fs'; process.on('exit', () => writeSync(3, String(process.resourceUsage().maxRSS)));`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (ms: number) => Math.round(ms * 100) / 100;

function run(args: string[], measurePeak = false): { ms: number; stdout: string; peakMb: number } {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, measurePeak ? ['--import', reportPeak, ...args] : args, {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const peakKb = measurePeak ? Number(r.output[3]) : NaN;
  return { ms, stdout: r.stdout, peakMb: Math.round((peakKb / 1024) * 10) / 10 };
}

function series(args: string[]): { times: number[]; stdout: string; peakMb: number } {
  run(args);
  const times: number[] = [];
  let stdout = '';
  for (let i = 0; i < RUNS; i++) {
    const r = run(args);
    times.push(r.ms);
    stdout = r.stdout;
  }
  return { times, stdout, peakMb: run(args, true).peakMb };
}

export const cliStart: Workload = {
  name: 'cli.start',
  run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'kontor-bench-cli-'));
    try {
      run(['electron/host/kontor.mjs', 'db', 'migrate', '--data-dir', dataDir]);
      const kontor = series(['electron/host/kontor.mjs', 'status', '--json', '--data-dir', dataDir]);
      const report = JSON.parse(kontor.stdout) as { dataDir: string; schemaVersion: number | null };
      if (report.dataDir !== dataDir || report.schemaVersion !== latestVersion()) throw new Error(`cli.start: unexpected status ${kontor.stdout}`);
      const bare = series(['-e', '']);

      const inputs = Object.keys((JSON.parse(readFileSync(join(repo, 'out/cli.json'), 'utf8')) as { inputs: object }).inputs).length;
      const checks: number[] = [];
      for (let i = 0; i < CHECKS; i++) {
        const start = process.hrtime.bigint();
        if (!freshCliBundle(repo)) throw new Error('cli.start: the bundle went stale during the run');
        checks.push(Number(process.hrtime.bigint() - start) / 1e6);
      }

      const all = (xs: number[]) => xs.map((t) => Math.round(t)).join(', ');
      const figures: (Figure | RatioLine)[] = [
        {
          workload: 'cli.start',
          tool: 'kontor',
          n: RUNS,
          ms: round(median(kontor.times)),
          max_rss_mb: kontor.peakMb,
          check: `median of ${RUNS} \`kontor status --json\` (all ${all(kontor.times)} ms); reports the data folder and schema version ${latestVersion()}`,
        },
        {
          workload: 'cli.start',
          tool: "node -e ''",
          n: RUNS,
          ms: round(median(bare.times)),
          max_rss_mb: bare.peakMb,
          check: `median of ${RUNS} bare Node starts (all ${all(bare.times)} ms), the floor`,
        },
        {
          workload: 'cli.start',
          tool: 'kontor-bundle-check',
          n: CHECKS,
          ms: round(median(checks)),
          max_rss_mb: maxRssMb(),
          check: `median of ${CHECKS} checks that the bundle matches its ${inputs} source files (in process)`,
        },
        { workload: 'cli.start', tool: 'ratio', peer: "node -e ''", ratio: round(median(bare.times) / median(kontor.times)) },
      ];
      return figures as Figure[];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
