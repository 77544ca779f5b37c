/**
 * Statement ZIP containers (issue 15, item 3): what importing one costs at
 * its peak, refused or stored. Each case runs in a process of its own (this
 * file with `--case`), so `max_rss_mb` is that import's peak:
 * - kontor-camt-bomb: a 480 MB camt.053 (one booking repeated) packed into
 *   about 3 MB, the shape of the attack review's file (which packed the same
 *   into 490 KB): refused by the ratio limit;
 * - kontor-zeros-1gib: 1 GiB of zeros packed into about 1 MB: refused;
 * - kontor-camt-100k: the 100,000-entry camt.053 of statements.import
 *   (247 MiB) zipped: stored.
 * Checks: the refusal's code and how much was inflated before it struck
 * (bytes, not time); for the import, 100,000 lines in a balanced statement.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeflateRaw, crc32 } from 'node:zlib';
import { fixedClock } from '../../../shared/dates';
import { isKontorError } from '../../../shared/errors';
import { createContext } from '../../../electron/services/context';
import { storeStatementFile } from '../../../electron/services/statements/store-file';
import { memorySecretStore } from '../../../electron/vault/keychain';
import { maxRssMb, type Figure, type Workload } from '../figure';
import { generateCamt053 } from '../inputs/statements';

const MB = 1024 * 1024;
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

interface CaseResult {
  ms: number;
  max_rss_mb: number;
  code: string | null;
  inflatedBytes: number | null;
  lines: number;
  balanced: number;
}

/** A one-file ZIP (deflate, sizes in the local header) from chunks, deflated by zlib so a 1 GiB input takes seconds. */
async function zipOf(name: string, chunks: Iterable<Buffer>): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise<void>((resolve) => deflate.on('end', () => resolve()));
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await new Promise<void>((resolve) => deflate.once('drain', () => resolve()));
  }
  deflate.end();
  await ended;
  const data = Buffer.concat(out);
  const file = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc >>> 0, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size >>> 0, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc >>> 0, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size >>> 0, 24);
  central.writeUInt16LE(file.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(local.length + file.length + data.length, 16);
  return Buffer.concat([local, file, data, central, file, end]);
}

/** A valid camt.053 of about `bytes`: the generator's one-entry statement with its booking repeated. */
function* repeatedCamt(bytes: number): Generator<Buffer> {
  const one = generateCamt053(1, 42).toString('utf8');
  const from = one.indexOf('<Ntry>');
  const to = one.lastIndexOf('</Ntry>') + '</Ntry>'.length;
  const entry = Buffer.from(one.slice(from, to));
  yield Buffer.from(one.slice(0, from));
  const block = Buffer.concat(Array.from({ length: Math.floor(MB / entry.length) }, () => entry));
  for (let n = 0; n < bytes; n += block.length) yield block;
  yield Buffer.from(one.slice(to));
}

function* zeros(bytes: number): Generator<Buffer> {
  const block = Buffer.alloc(16 * MB);
  for (let n = 0; n < bytes; n += block.length) yield block;
}

const CASES = {
  'kontor-camt-bomb': () => zipOf('camt053.xml', repeatedCamt(480 * MB)),
  'kontor-zeros-1gib': () => zipOf('statement.xml', zeros(1024 * MB)),
  'kontor-camt-100k': () => zipOf('camt053.xml', [generateCamt053(100_000, 42)]),
} as const;
type CaseName = keyof typeof CASES;

/** Child: imports the ZIP into a fresh ledger and prints one JSON line. */
function runCase(zipFile: string): CaseResult {
  const dir = mkdtempSync(join(tmpdir(), 'kontor-bench-zip-'));
  const ctx = createContext({ dataDir: dir, host: 'cli', clock: fixedClock('2026-11-22T08:00:00Z'), secretStore: memorySecretStore() });
  try {
    const bytes = readFileSync(zipFile);
    const t0 = process.hrtime.bigint();
    let code: string | null = null;
    let inflatedBytes: number | null = null;
    try {
      storeStatementFile(ctx, { fileName: 'auszuege.zip', bytes });
    } catch (e) {
      if (!isKontorError(e)) throw e;
      code = e.params?.reason ? `${e.code} (${e.params.reason})` : e.code;
      inflatedBytes = typeof e.params?.inflatedBytes === 'number' ? e.params.inflatedBytes : null;
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const lines = (ctx.db.prepare('SELECT COUNT(*) AS n FROM statement_line').get() as { n: number }).n;
    const balanced = (ctx.db.prepare('SELECT COUNT(*) AS n FROM statement WHERE balanced = 1').get() as { n: number }).n;
    return { ms, max_rss_mb: maxRssMb(), code, inflatedBytes, lines, balanced };
  } finally {
    ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function check(name: CaseName, r: CaseResult, zipBytes: number): string {
  if (name === 'kontor-camt-100k') {
    if (r.code !== null || r.lines !== 100_000 || r.balanced !== 1) throw new Error(`${name}: ${JSON.stringify(r)}`);
    return `${(zipBytes / MB).toFixed(1)} MB ZIP stored: 100000 lines, 1/1 statements add up`;
  }
  if (r.code === null || r.lines !== 0 || r.inflatedBytes === null) throw new Error(`${name} was not refused: ${JSON.stringify(r)}`);
  return `${(zipBytes / MB).toFixed(2)} MB ZIP refused, ${r.code}, after ${(r.inflatedBytes / MB).toFixed(1)} MB inflated; nothing stored`;
}

export const statementZip: Workload = {
  name: 'statements.zip',
  async run() {
    const figures: Figure[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'kontor-bench-zips-'));
    try {
      for (const name of Object.keys(CASES) as CaseName[]) {
        const zip = await CASES[name]();
        const file = join(dir, `${name}.zip`);
        writeFileSync(file, zip);
        const child = spawnSync(process.execPath, ['--max-old-space-size=4096', tsxCli, import.meta.filename, '--case', file], {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        });
        if (child.status !== 0) throw new Error(`${name} failed: ${child.stderr.trim().split('\n').slice(-3).join(' ')}`);
        const r = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as CaseResult;
        figures.push({
          workload: 'statements.zip',
          tool: name,
          n: 1,
          ms: Math.round(r.ms * 100) / 100,
          max_rss_mb: r.max_rss_mb,
          check: check(name, r, zip.length),
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};

if (process.argv[2] === '--case') process.stdout.write(`${JSON.stringify(runCase(process.argv[3]!))}\n`);
