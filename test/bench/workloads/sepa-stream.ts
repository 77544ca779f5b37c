/**
 * Issue 21.3, payment files at ten times the scale: pain.001.001.09 with
 * 10,000, 100,000 and 1,000,000 realistic credit transfers written by
 * streamPaymentFile from a source that makes each line when it is read (a
 * million lines never sit in memory), beside Kontor's in-memory build of the
 * same lines (10,000 and 100,000; its input alone is several hundred MB at a
 * million) and the cost of reading the source itself, each in a process of
 * its own. KONTOR_BENCH_STREAM_MAX lowers the largest size.
 *
 * Checks, read from the file in 16 MiB pieces (it is 400 MB at a million):
 * NbOfTxs and CtrlSum in the group header and recounted from every
 * InstdAmt, against the source; the SHA-256 and size the builder reported;
 * every byte in the SEPA basic set; the ISO schema (xmllint --stream).
 */
import { spawnSync } from 'node:child_process';
import { workerArgs } from '../bundled';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFERENCE_DIR, xmllintSkipReason } from '../../support/reference';
import { loadAverage, type Figure, type RatioLine, type Workload } from '../figure';
import type { StreamWorkerResult } from './sepa-stream-worker';

const SIZES = [10_000, 100_000, 1_000_000].filter((n) => n <= Number(process.env.KONTOR_BENCH_STREAM_MAX ?? 1_000_000));
const worker = join(import.meta.dirname, 'sepa-stream-worker.ts');

function runWorker(n: number, mode: string, out: string): StreamWorkerResult {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', ...workerArgs(worker), String(n), mode, out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${mode} ${n} failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as StreamWorkerResult;
}

/** Count, amounts, hash and character set of the file, read in pieces. */
function recountFile(path: string): {
  statedCount: number;
  statedCents: number;
  count: number;
  cents: number;
  sha256: string;
  bytes: number;
  notAscii: number;
} {
  const fd = openSync(path, 'r');
  const hash = createHash('sha256');
  const piece = Buffer.alloc(16 * 1024 * 1024);
  let carry = '';
  let bytes = 0;
  let notAscii = 0;
  let count = 0;
  let cents = 0;
  let header: RegExpExecArray | null = null;
  try {
    for (let read = readSync(fd, piece); read > 0; read = readSync(fd, piece)) {
      const chunk = piece.subarray(0, read);
      hash.update(chunk);
      bytes += read;
      for (const byte of chunk) if (byte > 0x7e) notAscii++;
      const text = carry + chunk.toString('latin1');
      header ??= /<GrpHdr>.*?<NbOfTxs>([0-9]+)<\/NbOfTxs><CtrlSum>([0-9]+)\.([0-9]{2})<\/CtrlSum>/.exec(text);
      // Amounts are counted up to the last complete one; the rest waits for the next piece.
      const cut = text.lastIndexOf('</InstdAmt>') + '</InstdAmt>'.length;
      for (const m of text.slice(0, cut).matchAll(/<InstdAmt Ccy="EUR">([0-9]+)\.([0-9]{2})<\/InstdAmt>/g)) {
        count++;
        cents += Number(m[1]) * 100 + Number(m[2]);
      }
      carry = text.slice(cut);
    }
  } finally {
    closeSync(fd);
  }
  if (!header) throw new Error('no NbOfTxs/CtrlSum in the group header');
  return {
    statedCount: Number(header[1]),
    statedCents: Number(header[2]) * 100 + Number(header[3]),
    count,
    cents,
    sha256: hash.digest('hex'),
    bytes,
    notAscii,
  };
}

function schemaCheck(file: string): string {
  const dir = join(REFERENCE_DIR, 'xsd', 'iso');
  const skip = xmllintSkipReason(dir);
  if (skip) return skip;
  const r = spawnSync('xmllint', ['--nonet', '--noout', '--stream', '--schema', join(dir, 'pain.001.001.09.xsd'), file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pain.001.001.09 does not validate: ${r.stderr.split('\n').slice(0, 3).join(' | ')}`);
  return 'schema valid';
}

function checked(n: number, path: string, r: StreamWorkerResult): string {
  const f = recountFile(path);
  const s = r.summary;
  if (!s) throw new Error('no summary');
  const problems: string[] = [];
  if (f.statedCount !== r.expectedCount || f.count !== r.expectedCount || s.count !== r.expectedCount)
    problems.push(`count ${f.statedCount}/${f.count}, source ${r.expectedCount}`);
  if (f.statedCents !== r.expectedCents || f.cents !== r.expectedCents || s.controlSumCents !== r.expectedCents)
    problems.push(`sum ${f.statedCents}/${f.cents}, source ${r.expectedCents}`);
  if (f.sha256 !== s.sha256 || f.bytes !== s.bytes) problems.push('sha256 or size differ from what the builder reported');
  if (f.notAscii > 0) problems.push(`${f.notAscii} bytes outside the SEPA basic set`);
  if (problems.length) throw new Error(`sepa.stream ${n}: ${problems.join('; ')}`);
  return `${n} transactions and control sum ${f.cents} cents match the source, in GrpHdr and the amounts; sha256 ${s.sha256.slice(0, 12)} and ${f.bytes} bytes as reported; every text in the SEPA basic set; ${schemaCheck(path)}`;
}

const round = (x: number) => Math.round(x * 100) / 100;

function figuresFor(n: number, dir: string): (Figure | RatioLine)[] {
  const workload = `sepa.stream ${n}`;
  const out: (Figure | RatioLine)[] = [];
  const load = loadAverage();
  const stream = runWorker(n, 'stream', join(dir, 'stream.xml'));
  out.push({
    workload,
    tool: 'kontor-stream',
    n,
    ms: round(stream.ms),
    cpu_ms: Math.round(stream.cpu_ms),
    max_rss_mb: stream.max_rss_mb,
    check: checked(n, join(dir, 'stream.xml'), stream),
    load,
  });
  const source = runWorker(n, 'source', join(dir, 'none'));
  out.push({
    workload,
    tool: 'source-only',
    n,
    ms: round(source.ms),
    cpu_ms: Math.round(source.cpu_ms),
    max_rss_mb: source.max_rss_mb,
    check: 'the lines read twice, as the streamed build reads them; included in kontor-stream',
    load: loadAverage(),
  });
  if (n <= 100_000) {
    const memory = runWorker(n, 'in-memory', join(dir, 'memory.xml'));
    const same = memory.summary?.sha256 === stream.summary?.sha256;
    if (!same) throw new Error(`${workload}: the in-memory build wrote another file`);
    out.push({
      workload,
      tool: 'kontor-in-memory',
      n,
      ms: round(memory.ms),
      cpu_ms: Math.round(memory.cpu_ms),
      max_rss_mb: memory.max_rss_mb,
      check: 'the same bytes as kontor-stream (sha256); lines made into arrays before the clock starts',
      load: loadAverage(),
    });
    out.push({ workload, tool: 'ratio', peer: 'kontor-in-memory', ratio: round(memory.ms / stream.ms), cpu_ratio: round(memory.cpu_ms / stream.cpu_ms) });
  }
  rmSync(join(dir, 'stream.xml'), { force: true });
  rmSync(join(dir, 'memory.xml'), { force: true });
  return out;
}

/** pain.001.001.09 streamed at 10k, 100k and 1M realistic transfers. */
export const sepaStream: Workload = {
  name: 'sepa.stream',
  run: () => {
    const dir = mkdtempSync(join(tmpdir(), 'kontor-bench-stream-'));
    try {
      return SIZES.flatMap((n) => figuresFor(n, dir)) as Figure[];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
