/**
 * One streamed payment file (issue 21.3) in a process of its own (spawned by
 * sepa-stream.ts), so its peak RSS is its own.
 *
 * Usage: tsx sepa-stream-worker.ts <n> <mode> <out-file>
 *   stream      streamPaymentFile over the realistic source (lines made as they are read)
 *   in-memory   the same lines made into arrays first (untimed), then writePaymentFile
 *   source      only reading the source twice, as the streamed build does (what the lines cost)
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { streamPaymentFile, writePaymentFile, type PaymentFileInput, type PaymentFileSummary, type StreamedTransferBlock } from '../../../electron/sepa';
import { realisticTransferSource } from '../inputs/payments';

export interface StreamWorkerResult {
  ms: number;
  cpu_ms: number;
  max_rss_mb: number;
  expectedCount: number;
  expectedCents: number;
  summary?: { count: number; controlSumCents: number; sha256: string; bytes: number };
}

const [nText, mode, out] = process.argv.slice(2);
const n = Number(nText);
if (!Number.isSafeInteger(n) || !mode || !out) throw new Error('usage: sepa-stream-worker.ts <n> <stream|in-memory|source> <out-file>');

const source = realisticTransferSource(n, 2101);
let expectedCount = 0;
let expectedCents = 0;
const readAll = (): void => {
  for (const block of source.blocks) {
    for (const tx of block.transactions()) {
      expectedCount++;
      expectedCents += tx.amountCents;
    }
  }
};
const inMemory = (): PaymentFileInput => ({
  ...source,
  format: 'pain.001.001.09',
  blocks: (source.blocks as StreamedTransferBlock[]).map((b) => ({ ...b, transactions: [...b.transactions()] })),
});
const input = mode === 'in-memory' ? inMemory() : undefined;

const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
let summary: PaymentFileSummary | undefined;
if (mode === 'source') {
  readAll();
  readAll();
} else {
  const fd = openSync(out, 'w');
  try {
    const write = (chunk: Buffer) => void writeSync(fd, chunk);
    summary = input ? writePaymentFile(input, write) : streamPaymentFile(source, write);
  } finally {
    closeSync(fd);
  }
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const cpu = process.cpuUsage(cpuStart);
const max_rss_mb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
if (mode !== 'source') readAll();
const result: StreamWorkerResult = {
  ms,
  cpu_ms: (cpu.user + cpu.system) / 1000,
  max_rss_mb,
  expectedCount: mode === 'source' ? expectedCount / 2 : expectedCount,
  expectedCents: mode === 'source' ? expectedCents / 2 : expectedCents,
  ...(summary ? { summary: { count: summary.count, controlSumCents: summary.controlSumCents, sha256: summary.sha256, bytes: summary.bytes } } : {}),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
