/**
 * One matching run at n × n in a process of its own (spawned by
 * reconcile.growth), so its peak RSS is its own. Prints one Figure: the
 * matching's wall and CPU time, the peak RSS, and the RSS the generated input
 * alone took before matching started (the part that is the benchmark's, not
 * the matcher's).
 *
 * Usage: tsx reconcile-worker.ts <n>
 */
import { matchLines } from '../../../electron/reconcile/match';
import { loadAverage, maxRssMb, type Figure } from '../figure';
import { flattenStrings } from '../inputs/flat-strings';
import { describeCounts, generateReconcileWorkload, verifyReconcile } from './reconcile-match';

const n = Number(process.argv[2]);
if (!Number.isInteger(n) || n <= 0) throw new Error('usage: reconcile-worker.ts <n>');

const w = generateReconcileWorkload(8, n);
// Flat strings, as the app reads lines and entries from the ledger (see flattenStrings).
flattenStrings([w.lines, w.entries, w.payments]);
const inputMb = Math.round(process.memoryUsage().rss / 1024 / 102.4) / 10;
const load = loadAverage();
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const proposals = matchLines(w.lines, w.entries, w.payments);
const ms = Math.round(Number(process.hrtime.bigint() - t0) / 1e4) / 100;
const cpu = process.cpuUsage(c0);
const maxRss = maxRssMb();
const { counts, sure } = verifyReconcile(w, proposals);
const figure: Figure = {
  workload: 'reconcile.growth',
  tool: 'kontor',
  n,
  ms,
  cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
  max_rss_mb: maxRss,
  load,
  check: `${n} lines x ${n} entries (input alone ${inputMb} MB RSS before matching): ${describeCounts(counts)} as planted; ${sure} sure; every allocation on its planted entry, no entry over-allocated`,
};
process.stdout.write(`${JSON.stringify(figure)}\n`);
