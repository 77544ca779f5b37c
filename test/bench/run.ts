/**
 * `npm run bench`: every workload on deterministic inputs, one JSON line per
 * figure. `npm run bench -- amounts.parse` runs only the named workloads.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Workload } from './figure';
import { amountParsing } from './workloads/amount-parsing';
import { ledgerEntries } from './workloads/ledger-entries';
import { sepaCreditTransfers, sepaDirectDebits } from './workloads/sepa-build';
import { sepaStream } from './workloads/sepa-stream';
import { initLetter } from './workloads/letter';
import { reconcileGrowth, reconcileMatch } from './workloads/reconcile-match';
import { camtParsing, mt940Parsing, statementGrowth, statementImport } from './workloads/statements';
import { statementZip } from './workloads/statement-zip';
import { statementScroll } from './workloads/statement-scroll';
import { csvPreview } from './workloads/csv-preview';
import { ebicsUpload, keyGeneration } from './workloads/ebics';
import { appStart } from './workloads/app-start';
import { cliStart } from './workloads/cli-start';

const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

const workloads: Workload[] = [
  amountParsing,
  ledgerEntries,
  sepaCreditTransfers,
  sepaDirectDebits,
  sepaStream,
  camtParsing,
  mt940Parsing,
  statementImport,
  statementGrowth,
  statementZip,
  statementScroll,
  csvPreview,
  reconcileMatch,
  reconcileGrowth,
  ebicsUpload,
  keyGeneration,
  initLetter,
  appStart,
  cliStart,
];

/**
 * Each workload runs in a process of its own, so `max_rss_mb` is that
 * workload's peak and not the largest of everything run before it.
 */
const [first, childName] = process.argv.slice(2);
if (first === '--child') {
  const w = workloads.find((x) => x.name === childName);
  if (!w) throw new Error(`No workload ${childName}`);
  for (const figure of await w.run()) process.stdout.write(`${JSON.stringify(figure)}\n`);
  // A workload may leave handles behind (a browser's pipes, a server's sockets): its figures are out, so the process ends here.
  process.exit(0);
} else {
  const only = new Set(process.argv.slice(2));
  const unknown = [...only].filter((n) => !workloads.some((w) => w.name === n));
  if (unknown.length) throw new Error(`Unknown workload(s): ${unknown.join(', ')}. Known: ${workloads.map((w) => w.name).join(', ')}`);
  let failed = false;
  for (const w of workloads) {
    if (only.size && !only.has(w.name)) continue;
    const child = spawnSync(process.execPath, [tsxCli, import.meta.filename, '--child', w.name], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
    if (child.status !== 0) {
      failed = true;
      process.stderr.write(
        `${w.name} failed: ${child.stderr.split('\n').find((l) => /Error/.test(l)) ?? child.stderr.trim().split('\n').slice(-5).join('\n')}\n`,
      );
    }
  }
  process.exitCode = failed ? 1 : 0;
}
