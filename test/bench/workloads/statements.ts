/**
 * Statements at treasury scale (issues 7 and 10): a camt.053.001.08 with
 * 100,000 entries and a German MT940 with 100,000 lines, generated from a
 * seed (the same bytes every run) into a temporary file. Each measurement
 * runs in its own process (statements-worker.ts) so its peak RSS is its own,
 * and the peers parse the same file in the same run:
 * - statements.camt053: Kontor's streaming parser vs fast-xml-parser's full parse;
 * - statements.mt940: Kontor's parser vs mt940js;
 * - statements.import: parse and store in a fresh SQLite ledger, camt and MT940.
 * Checks: line count and Σ amounts equal what the generator wrote (the
 * difference of closing and opening balances), every statement adds up.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStatementBytes } from '../../../electron/statements/parse';
import type { Figure, RatioLine, Workload } from '../figure';
import { generateCamt053, generateMt940 } from '../inputs/statements';
import type { WorkerResult } from './statements-worker';

const N = 100_000;
const SEED = 42;
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const worker = join(import.meta.dirname, 'statements-worker.ts');

function runWorker(mode: string, file: string): WorkerResult {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', tsxCli, worker, mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as WorkerResult;
}

/** What the generated file must yield: its lines and the change between the first opening and the last closing balance. */
interface Expected {
  lines: number;
  sumCents: number;
  statements: number;
}

function expectedOf(bytes: Buffer): Expected {
  // Only the balances are read here; lines are counted by the tools under test.
  const text = bytes.toString('latin1');
  const mt = text.startsWith(':20:');
  if (mt) {
    const balance = (tag: string) =>
      [...text.matchAll(new RegExp(`:${tag}:([CD])\\d{6}[A-Z]{3}([0-9]+),([0-9]{2})`, 'g'))].map(
        (m) => (m[1] === 'D' ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3])),
      );
    const open = balance('60F');
    const close = balance('62F');
    return { lines: (text.match(/\n:61:/g) ?? []).length, sumCents: close.at(-1)! - open[0]!, statements: open.length };
  }
  const amounts = [
    ...text.matchAll(/<Bal>[\s\S]*?<Cd>(OPBD|PRCD|CLBD)<\/Cd>[\s\S]*?<Amt Ccy="EUR">([0-9]+)\.([0-9]{2})<\/Amt>\s*<CdtDbtInd>(CRDT|DBIT)</g),
  ].map((m) => ({
    type: m[1],
    cents: (m[4] === 'DBIT' ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3])),
  }));
  const open = amounts.find((a) => a.type !== 'CLBD')!.cents;
  const close = amounts.find((a) => a.type === 'CLBD')!.cents;
  return { lines: (text.match(/<Ntry>/g) ?? []).length, sumCents: close - open, statements: 1 };
}

function check(tool: string, r: WorkerResult, e: Expected, balanced: boolean): string {
  const problems: string[] = [];
  if (r.lines !== e.lines) problems.push(`${r.lines} lines, expected ${e.lines}`);
  if (r.sumCents !== e.sumCents) problems.push(`sum ${r.sumCents}, expected ${e.sumCents}`);
  if (balanced && r.balanced !== e.statements) problems.push(`${r.balanced} of ${e.statements} statements add up`);
  if (problems.length) throw new Error(`${tool}: ${problems.join('; ')}`);
  return `${r.lines} lines, sum ${r.sumCents} cents = closing − opening${balanced ? `, ${r.balanced}/${e.statements} statements add up` : ''}`;
}

function withInput<T>(kind: 'camt' | 'mt940', fn: (file: string, expected: Expected) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'kontor-bench-statements-'));
  try {
    const bytes = kind === 'camt' ? generateCamt053(N, SEED) : generateMt940(N, SEED);
    // The generator must be right before it can judge: its first statement goes through the parser once, untimed.
    if (kind === 'mt940') parseStatementBytes(bytes.subarray(0, bytes.indexOf('\n-') + 2));
    const expected = expectedOf(bytes);
    const file = join(dir, kind === 'camt' ? 'camt053.xml' : 'statement.sta');
    writeFileSync(file, bytes);
    return fn(file, expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function parseVersusPeer(name: string, kind: 'camt' | 'mt940', peer: string): Workload {
  return {
    name,
    run: () =>
      withInput(kind, (file, expected) => {
        const ours = runWorker('kontor-parse', file);
        const theirs = runWorker(peer, file);
        const figures: (Figure | RatioLine)[] = [
          { workload: name, tool: 'kontor', n: N, ms: round(ours.ms), max_rss_mb: ours.max_rss_mb, check: check('kontor', ours, expected, true) },
          { workload: name, tool: peer, n: N, ms: round(theirs.ms), max_rss_mb: theirs.max_rss_mb, check: check(peer, theirs, expected, false) },
          { workload: name, tool: 'ratio', peer, ratio: Math.round((theirs.ms / ours.ms) * 100) / 100 },
        ];
        return figures as Figure[];
      }),
  };
}

export const camtParsing = parseVersusPeer('statements.camt053', 'camt', 'fast-xml-parser');
export const mt940Parsing = parseVersusPeer('statements.mt940', 'mt940', 'mt940js');

export const statementImport: Workload = {
  name: 'statements.import',
  run: () =>
    (['camt', 'mt940'] as const).map((kind) =>
      withInput(kind, (file, expected) => {
        const r = runWorker('kontor-import', file);
        return {
          workload: 'statements.import',
          tool: `kontor-${kind}`,
          n: N,
          ms: round(r.ms),
          max_rss_mb: r.max_rss_mb,
          check: `stored in SQLite: ${check('kontor', r, expected, true)}`,
        };
      }),
    ),
};
