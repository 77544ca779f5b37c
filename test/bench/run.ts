/**
 * `npm run bench`: every workload on deterministic inputs, one JSON line per
 * figure. `npm run bench -- amounts.parse` runs only the named workloads.
 */
import type { Workload } from './figure';
import { amountParsing } from './workloads/amount-parsing';
import { ledgerEntries } from './workloads/ledger-entries';
import { sepaCreditTransfers, sepaDirectDebits } from './workloads/sepa-build';

const workloads: Workload[] = [amountParsing, ledgerEntries, sepaCreditTransfers, sepaDirectDebits];

const only = new Set(process.argv.slice(2));
let failed = false;
for (const w of workloads) {
  if (only.size && !only.has(w.name)) continue;
  try {
    for (const figure of await w.run()) process.stdout.write(`${JSON.stringify(figure)}\n`);
  } catch (e) {
    failed = true;
    process.stderr.write(`${w.name} failed: ${(e as Error).message}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
