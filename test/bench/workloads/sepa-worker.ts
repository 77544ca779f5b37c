/**
 * One payment-file build in a process of its own (spawned by sepa-build.ts),
 * so its peak RSS is its own. Generates the seeded lines, then — timed —
 * groups them and writes the file (then again `warm builds` times in the
 * same process), and prints one JSON line.
 *
 * Usage: tsx sepa-worker.ts <pain001|pain008> <kontor|kontor-xmlbuilder2|sepa> <out-file> <realistic|uniform> [warm builds]
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  groupCreditTransfers,
  groupDirectDebits,
  SepaIdSequence,
  writePaymentFile,
  type CreditTransferLine,
  type DirectDebitLine,
  type PaymentFileInput,
  type PaymentFileSummary,
} from '../../../electron/sepa';
import { flattenStrings } from '../inputs/flat-strings';
import { realisticDebitLines, realisticTransferLines } from '../inputs/payments';
import { median } from '../figure';
import { debitLines, N, transferLines, type SepaWorkerResult } from './sepa-build';

const [kind, tool, out, inputs = 'realistic', warmArg = '0'] = process.argv.slice(2);
/** Builds after the first one in the same process (warm): their median is reported beside the first. */
const WARM = Number(warmArg);
if (!kind || !tool || !out) throw new Error('usage: sepa-worker.ts <pain001|pain008> <tool> <out-file> <realistic|uniform>');

const realistic = inputs === 'realistic';
const transfers = kind !== 'pain001' ? null : realistic ? realisticTransferLines(N, 1001) : transferLines(1001);
const debits = kind !== 'pain008' ? null : realistic ? realisticDebitLines(N, 1002) : debitLines(1002);
// Flat strings as the app reads them from the ledger, for every tool alike.
flattenStrings(transfers ?? debits);
const expectedCents = (transfers ?? debits!).reduce((s, l) => s + l.amountCents, 0);
const date = (d: string) => new Date(`${d}T00:00:00Z`);

function kontorInputs(): PaymentFileInput[] {
  const ids = new SepaIdSequence('KONTOR', '2026-11-21');
  const files = transfers
    ? groupCreditTransfers(transfers, { nextPaymentInfoId: () => ids.next() }).map((f) => ({ format: 'pain.001.001.09' as const, blocks: f.blocks }))
    : groupDirectDebits(debits!, { nextPaymentInfoId: () => ids.next() }).map((f) => ({ format: 'pain.008.001.08' as const, blocks: f.blocks }));
  return files.map(
    (f) => ({ ...f, messageId: `KONTOR-20261121-MSG-${kind}`, createdAt: '2026-11-21T09:30:00Z', initiatingParty: 'Kontor Demo GmbH' }) as PaymentFileInput,
  );
}

/** The peer refuses a remittance text over 140 characters (Kontor cuts it): it gets the text cut as Kontor writes it. */
const peerText = (text: string | null | undefined): string => (text ?? '').slice(0, 140);

/** The same lines through the npm package `sepa`: one payment info block per debtor/creditor account, date (and sequence type). */
function peer(): void {
  const SEPA = createRequire(import.meta.url)('sepa') as typeof import('sepa');
  const doc = new SEPA.Document(transfers ? 'pain.001.001.09' : 'pain.008.001.08');
  doc.grpHdr.id = `SEPAJS-20261121-MSG-${kind}`;
  doc.grpHdr.created = new Date('2026-11-21T09:30:00Z');
  doc.grpHdr.initiatorName = 'Kontor Demo GmbH';
  const blocks = new Map<string, ReturnType<typeof doc.createPaymentInfo>>();
  const block = (key: string, init: (info: ReturnType<typeof doc.createPaymentInfo>) => void) => {
    let info = blocks.get(key);
    if (!info) {
      info = doc.createPaymentInfo();
      init(info);
      doc.addPaymentInfo(info);
      blocks.set(key, info);
    }
    return info;
  };
  if (transfers) {
    for (const l of transfers as CreditTransferLine[]) {
      const info = block(`${l.debtor.iban}|${l.executionDate}`, (i) => {
        i.requestedExecutionDate = date(l.executionDate);
        i.debtorIBAN = l.debtor.iban;
        if (l.debtor.bic) i.debtorBIC = l.debtor.bic;
        i.debtorName = l.debtor.name;
        i.batchBooking = true;
      });
      const tx = info.createTransaction();
      tx.creditorName = l.creditor.name;
      tx.creditorIBAN = l.creditor.iban;
      if (l.creditor.bic) tx.creditorBIC = l.creditor.bic;
      tx.amount = l.amountCents / 100;
      tx.remittanceInfo = peerText(l.remittance);
      tx.end2endId = l.endToEndId;
      info.addTransaction(tx);
    }
  } else {
    for (const l of debits as DirectDebitLine[]) {
      const info = block(`${l.collectionDate}|${l.sequenceType}`, (i) => {
        i.collectionDate = date(l.collectionDate);
        i.creditorIBAN = l.creditor.iban;
        if (l.creditor.bic) i.creditorBIC = l.creditor.bic;
        i.creditorName = l.creditor.name;
        i.creditorId = l.creditorId;
        i.sequenceType = l.sequenceType;
        i.batchBooking = true;
      });
      const tx = info.createTransaction();
      tx.debtorName = l.debtor.name;
      tx.debtorIBAN = l.debtor.iban;
      if (l.debtor.bic) tx.debtorBIC = l.debtor.bic;
      tx.mandateId = l.mandateId;
      tx.mandateSignatureDate = date(l.mandateSignedOn);
      tx.amount = l.amountCents / 100;
      tx.remittanceInfo = peerText(l.remittance);
      tx.end2endId = l.endToEndId;
      info.addTransaction(tx);
    }
  }
  writeFileSync(out!, doc.toString());
}

/** One build, timed: wall and CPU time (all threads of the process, garbage collection included). */
function buildOnce(): { ms: number; cpu_ms: number; summary: PaymentFileSummary | undefined } {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let summary: PaymentFileSummary | undefined;
  if (tool === 'sepa') {
    peer();
  } else {
    const serializer = tool === 'kontor-xmlbuilder2' ? 'xmlbuilder2' : 'direct';
    const inputs = kontorInputs();
    if (inputs.length !== 1) throw new Error(`expected one file, got ${inputs.length}`);
    const fd = openSync(out!, 'w');
    try {
      summary = writePaymentFile(inputs[0]!, (chunk) => writeSync(fd, chunk), { serializer });
    } finally {
      closeSync(fd);
    }
  }
  const cpu = process.cpuUsage(cpuStart);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, cpu_ms: (cpu.user + cpu.system) / 1000, summary };
}

// The first build of a process pays for compiling the code (what a user meets once per start); the
// builds after it show the steady cost. Each repetition writes the same file again.
const input_rss_mb = Math.round((process.memoryUsage.rss() / 1048576) * 10) / 10;
const first = buildOnce();
const warm = Array.from({ length: WARM }, () => buildOnce());
if (warm.some((w) => w.summary?.sha256 !== first.summary?.sha256)) throw new Error('a repeated build wrote another file');
const summary = first.summary;
const result: SepaWorkerResult = {
  ms: first.ms,
  cpu_ms: first.cpu_ms,
  ...(WARM > 0 ? { warm_ms: median(warm.map((w) => w.ms)), warm_cpu_ms: median(warm.map((w) => w.cpu_ms)) } : {}),
  max_rss_mb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
  input_rss_mb,
  expectedCents,
  ...(summary ? { summary: { count: summary.count, controlSumCents: summary.controlSumCents, sha256: summary.sha256, bytes: summary.bytes } } : {}),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
