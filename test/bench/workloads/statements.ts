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
import { workerArgs } from '../bundled';
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStatementBytes } from '../../../electron/statements/parse';
import { loadAverage, median, RUNS, type Figure, type RatioLine, type Workload } from '../figure';
import { generateCamt053, generateMt940, writeCamt053File, writeMt940File } from '../inputs/statements';
import type { WorkerResult } from './statements-worker';

const N = 100_000;
const SEED = 42;
const worker = join(import.meta.dirname, 'statements-worker.ts');

function runWorker(mode: string, file: string): WorkerResult {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', ...workerArgs(worker), mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as WorkerResult;
}

/** What the generated file must yield: its lines and the change between the first opening and the last closing balance. */
interface Expected {
  lines: number;
  sumCents: number;
  statements: number;
}

/** What a file too large for one string must yield: balances from its head and tail, markers counted chunk by chunk. */
function expectedOfFile(file: string): Expected {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const edge = Buffer.alloc(Math.min(size, 1 << 16));
    readSync(fd, edge, 0, edge.length, 0);
    const head = edge.toString('latin1');
    readSync(fd, edge, 0, edge.length, size - edge.length);
    const tail = edge.toString('latin1');
    const mt = head.startsWith(':20:');
    const count = (marker: string) => countIn(fd, size, Buffer.from(marker, 'latin1'));
    if (!mt) return { ...expectedOf(Buffer.from(head, 'latin1')), lines: count('<Ntry>') };
    const amount = (m: RegExpMatchArray) => (m[1] === 'D' ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
    const opening = amount(head.match(/:60F:([CD])\d{6}[A-Z]{3}([0-9]+),([0-9]{2})/)!);
    const closing = amount([...tail.matchAll(/:62F:([CD])\d{6}[A-Z]{3}([0-9]+),([0-9]{2})/g)].at(-1)!);
    return { lines: count('\n:61:'), sumCents: closing - opening, statements: count(':60F:') };
  } finally {
    closeSync(fd);
  }
}

/** Occurrences of `marker` in the file, 8 MiB at a time; the carried tail is shorter than the marker, so none is counted twice. */
function countIn(fd: number, size: number, marker: Buffer): number {
  const chunk = Buffer.alloc(8 << 20);
  let carry = Buffer.alloc(0);
  let n = 0;
  for (let at = 0; at < size;) {
    const got = readSync(fd, chunk, 0, chunk.length, at);
    at += got;
    const view = Buffer.concat([carry, chunk.subarray(0, got)]);
    for (let i = view.indexOf(marker); i !== -1; i = view.indexOf(marker, i + marker.length)) n += 1;
    carry = Buffer.from(view.subarray(view.length - (marker.length - 1)));
  }
  return n;
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

/** Median of RUNS runs of a worker mode (wall, CPU and peak RSS each the median), with the load average when they ran. */
function medianRun(mode: string, file: string, runs = RUNS): WorkerResult & { load: number } {
  const results: WorkerResult[] = [];
  const loads: number[] = [];
  for (let i = 0; i < runs; i++) {
    loads.push(loadAverage());
    results.push(runWorker(mode, file));
  }
  const mid = (f: (r: WorkerResult) => number) => median(results.map(f));
  return {
    ...results[0]!,
    ms: mid((r) => r.ms),
    cpu_ms: mid((r) => r.cpu_ms),
    main_cpu_ms: mid((r) => r.main_cpu_ms ?? Number.NaN),
    max_rss_mb: mid((r) => r.max_rss_mb),
    load: median(loads),
  };
}

/**
 * Statement files into a fresh SQLite ledger, 100,000 lines: camt.053 with its raw copy in the archive beside the
 * ledger (issue 21) and, in the same run, as before (the raw 259 MB inside the ledger row); MT940 the same way.
 */
export const statementImport: Workload = {
  name: 'statements.import',
  run: () => {
    const rows: [kind: 'camt' | 'mt940', mode: string, tool: string, what: string][] = [
      ['camt', 'kontor-import', 'kontor-camt', 'raw file in the archive beside the ledger (brotli, SHA-256 in the row)'],
      ['camt', 'kontor-import-in-ledger', 'kontor-camt-raw-in-ledger', 'raw file inside the ledger row (before issue 21)'],
      ['mt940', 'kontor-import', 'kontor-mt940', 'raw file in the archive beside the ledger'],
    ];
    return rows.map(([kind, mode, tool, what]) =>
      withInput(kind, (file, expected) => {
        const r = medianRun(mode, file);
        return {
          workload: 'statements.import',
          tool,
          n: N,
          ms: round(r.ms),
          cpu_ms: r.cpu_ms,
          ...(r.main_cpu_ms !== undefined && Number.isFinite(r.main_cpu_ms) ? { main_cpu_ms: r.main_cpu_ms } : {}),
          max_rss_mb: r.max_rss_mb,
          runs: RUNS,
          load: r.load,
          check: `stored in SQLite, ${what}: ${check('kontor', r, expected, true)}`,
        };
      }),
    );
  },
};

/** Sizes of the growth rows (KONTOR_BENCH_GROWTH_MAX caps them, e.g. 100000 to leave out the million). */
const GROWTH = [10_000, 100_000, 1_000_000].filter((n) => n <= Number(process.env.KONTOR_BENCH_GROWTH_MAX ?? 1_000_000));
/** A camt.053 file may be at most 256 MiB (DEFAULT_PARSE_LIMITS); 100,000 entries as generated are 247 MiB, so a million come as ten daily files. */
const CAMT_PER_FILE = 100_000;

/**
 * How time and memory grow from 10,000 to 1,000,000 statement lines: camt.053 (ten files of 100,000 at a million,
 * 2.6 GB) and MT940 (one file), parsed (streamed from the file) and imported into a fresh ledger. Inputs are written
 * to temporary files as they are generated, never held whole; one run per size. Each figure is printed as soon as
 * it is taken, so a size that fails leaves the others standing.
 */
export const statementGrowth: Workload = {
  name: 'statements.growth',
  run: () => {
    let failed = false;
    for (const kind of ['mt940', 'camt'] as const) {
      for (const n of GROWTH) {
        const dir = mkdtempSync(join(tmpdir(), 'kontor-bench-growth-'));
        try {
          const parts = kind === 'camt' ? Math.max(1, Math.ceil(n / CAMT_PER_FILE)) : 1;
          const files = Array.from({ length: parts }, (_, i) => join(dir, kind === 'camt' ? `camt053-${i}.xml` : 'statement.sta'));
          files.forEach((f, i) => (kind === 'camt' ? writeCamt053File(f, n / parts, SEED + i) : writeMt940File(f, n, SEED)));
          const each = files.map(expectedOfFile);
          const expected = { lines: sum(each.map((e) => e.lines)), sumCents: sum(each.map((e) => e.sumCents)), statements: sum(each.map((e) => e.statements)) };
          const megabytes = Math.round(sum(files.map((f) => statSync(f).size)) / 1e5) / 10;
          for (const mode of ['kontor-parse', 'kontor-import']) {
            const load = loadAverage();
            const tool = `${kind}-${mode === 'kontor-parse' ? 'parse' : 'import'}`;
            let figure: Figure;
            try {
              const r = runWorker(mode, files.join(','));
              figure = {
                workload: 'statements.growth',
                tool,
                n,
                ms: round(r.ms),
                cpu_ms: r.cpu_ms,
                ...(r.main_cpu_ms !== undefined && Number.isFinite(r.main_cpu_ms) ? { main_cpu_ms: r.main_cpu_ms } : {}),
                max_rss_mb: r.max_rss_mb,
                load,
                check: `${megabytes} MB in ${parts} file(s); ${check('kontor', r, expected, true)}`,
              };
            } catch (e) {
              failed = true;
              figure = { workload: 'statements.growth', tool, n, ms: Number.NaN, max_rss_mb: Number.NaN, load, check: `failed: ${(e as Error).message}` };
            }
            process.stdout.write(`${JSON.stringify(figure)}\n`);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
    if (failed) throw new Error('statements.growth: a size failed (see its line)');
    return [];
  },
};

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
