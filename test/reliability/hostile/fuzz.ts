/**
 * A small seeded mutation fuzzer for Kontor's parsers: every case is derived
 * from (seed, case number) alone, so a failing case can be replayed by itself
 * (`KONTOR_FUZZ_SEED=<seed> KONTOR_FUZZ_CASE=<n>`). A case passes when the
 * parser either returns a result that satisfies the caller's invariants or
 * throws a KontorError; anything else (TypeError, RangeError, a zlib or DOM
 * error, a broken invariant) is a crash. Every case is timed for the report;
 * the only limit on time is a hang guard of tens of seconds per case
 * (support/wall.ts), never a budget a loaded machine could miss.
 */
import { expect } from 'vitest';
import { KontorError } from '../../../shared/errors';
import { FULL as FULL_MODE } from '../support/mode';
import { HANG_GUARD_MS, stopwatch } from '../support/wall';

export const FULL = FULL_MODE;

/** The seed of the short (CI) runs: the same cases every time. */
export const FIXED_FUZZ_SEED = 20261123;

/** Cases per parser: 10,000 in full mode, 1,000 in short mode; KONTOR_FUZZ_CASES overrides. */
export function casesPerParser(): number {
  const forced = Number(process.env.KONTOR_FUZZ_CASES ?? '');
  if (Number.isInteger(forced) && forced > 0) return forced;
  return FULL ? 10_000 : 1_000;
}

/**
 * The run's seed: KONTOR_FUZZ_SEED when given; else a fixed one in the short
 * (CI) mode, so CI runs the same cases every time, and a fresh one only in
 * the full run (`KONTOR_RELIABILITY=full`). The suites print it, so a failure
 * can be replayed.
 */
export function fuzzSeed(env: NodeJS.ProcessEnv = process.env): number {
  const forced = env.KONTOR_FUZZ_SEED;
  if (forced !== undefined && forced !== '') {
    const n = Number(forced);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`KONTOR_FUZZ_SEED must be an integer 0..2^32-1, not ${forced}`);
    return n;
  }
  if (env.KONTOR_RELIABILITY !== 'full') return FIXED_FUZZ_SEED;
  return Math.floor(Math.random() * 0x100000000);
}

/** mulberry32: small, fast, good enough to pick mutations. */
export function random(seed: number): Rand {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p) => next() < p,
  };
}

export interface Rand {
  next(): number;
  /** 0..n-1 */
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

/** The generator of one case: independent of every other case. */
export function caseRandom(seed: number, index: number): Rand {
  return random((Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0);
}

const enc = (s: string) => Buffer.from(s, 'utf8');

/** Fragments that have broken parsers before: DTDs and entities, encodings, line ends, MT940 fields, huge numbers. */
export const HOSTILE_FRAGMENTS: readonly Buffer[] = [
  enc('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'),
  enc('<!DOCTYPE Document SYSTEM "file:///etc/passwd">'),
  enc('<!ENTITY xxe SYSTEM "file:///etc/passwd">'),
  enc('<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd">%p;'),
  enc('&x;'),
  enc('&xxe;&b;&a;'),
  enc('&#0;'),
  enc('&#xD800;'),
  enc('&#1114112;'),
  enc('&#x1F4A9;'),
  enc('&amp'),
  enc('<![CDATA[ <Ntry> ]]>'),
  enc(']]>'),
  enc('<!--'),
  enc('-->'),
  enc('<?xml version="1.0" encoding="UTF-16"?>'),
  enc('<?xml version="1.0" encoding="ISO-8859-1"?>'),
  enc('<?xml version="1.0" encoding="x-no-such-charset"?>'),
  enc('<?xml-stylesheet href="http://127.0.0.1:9/x.xsl"?>'),
  enc('<a xmlns:a="urn:x" a:b="c">'),
  enc('<ns1:Ntry xmlns:ns1="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'),
  enc('</Ntry>'),
  enc('</Stmt>'),
  enc('<Ntry><Amt Ccy="EUR">1e999</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>'),
  enc('<Amt Ccy="EUR">99999999999999999999999.99</Amt>'),
  enc('<Amt Ccy="EUR">-0.001</Amt>'),
  enc('<Amt Ccy="EUR">0x1F</Amt>'),
  enc('<Amt Ccy="EURO">1.00</Amt>'),
  enc('<Amt Ccy="">NaN</Amt>'),
  enc('<Dt>0000-00-00</Dt>'),
  enc('<Dt>2024-02-30</Dt>'),
  enc('<Dt>99999-12-31</Dt>'),
  enc('<DtTm>2024-13-45T25:61:61.123456789+99:99</DtTm>'),
  enc('<CdtDbtInd>XXXX</CdtDbtInd>'),
  Buffer.from([0x00]),
  Buffer.from([0x00, 0x00, 0x00, 0x00]),
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xff, 0xfe]),
  Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from([0x1a]),
  Buffer.from([0x1a, 0x1a, 0x0d, 0x0a]),
  enc('\r'),
  enc('\r\n\r'),
  enc('\n\r\n'),
  enc('\u2028\u2029'),
  enc('\r\n:61:2601010101C99999999999999999999999,99NTRFNONREF//X\r\n'),
  enc('\r\n:61:991332D,NMSC\r\n'),
  enc('\r\n:61:2602300230RCR9007199254740993,NTRF\r\n'),
  enc('\r\n:61:260101D1,\r\n'),
  enc('\r\n:60F:C999999EUR99999999999999999999,\r\n'),
  enc('\r\n:62F:D000000EUR-1,00\r\n'),
  enc('\r\n:64:C261231EUR1,234,56\r\n'),
  enc('\r\n:20:\r\n:25:\r\n:28C:99999/99999\r\n'),
  enc('\r\n:86:?00?10?20?21?22?23?24?25?26?27?28?29?30?31?32?33?34?60?61?62?63\r\n'),
  enc(`\r\n:86:166${'?20SVWZ+'.repeat(200)}\r\n`),
  enc('?2'.repeat(3000)),
  enc('{1:F01XXXXXXXXXXXX0000000000}{2:I940XXXXXXXXXXXXN}{4:\r\n'),
  enc('\r\n-}'),
  enc('\r\n-\r\n'),
  enc('9999999999999999999999999999999999999999'),
  enc('-0'),
  enc('1E+308'),
  enc(',,,,,,,,'),
  enc(';;;;;;;;'),
  enc('"'),
  enc('"""'),
  enc('"\r\n"'),
  enc('\t\t\t'),
];

/** Big or deep fragments, built once. */
export const HUGE_FRAGMENTS: readonly Buffer[] = [
  enc('<a>'.repeat(20_000)),
  enc(`<a b="${'x'.repeat(1_100_000)}">`),
  enc(`<Ustrd>${'A'.repeat(1_100_000)}</Ustrd>`),
  enc('A'.repeat(300_000)),
  enc(`:86:${'?20X'.repeat(100_000)}`),
  enc(`"${'x'.repeat(300_000)}`),
  enc(`${'a;'.repeat(100_000)}\n`),
  enc('<a/>'.repeat(50_000)),
];

const NUMBER_EDGES: readonly string[] = [
  '0',
  '-0',
  '00',
  '1',
  '-1',
  '9',
  '99999999999999999999',
  '9007199254740993',
  '99999999999999',
  '100000000000000',
  '1e308',
  '1E-7',
  'NaN',
  'Infinity',
  '0,00',
  '0.00',
  ',5',
  '.5',
  '1.',
  '1,',
  '1.234.567,89',
  '1,234,567.89',
  '٣',
  '１２',
  '',
  ' ',
  '+5',
  '--5',
  '0x10',
];

export interface Mutation {
  name: string;
  apply(r: Rand, input: Buffer, corpus: readonly Buffer[]): Buffer;
}

const position = (r: Rand, len: number) => r.int(len + 1);

/** A position at a structure boundary (after `>` or a line end) half the time, anywhere otherwise. */
function boundary(r: Rand, b: Buffer): number {
  if (b.length === 0 || r.chance(0.5)) return position(r, b.length);
  const from = r.int(b.length);
  for (let i = from; i < b.length; i++) if (b[i] === 0x3e || b[i] === 0x0a) return i + 1;
  return position(r, b.length);
}

function insert(b: Buffer, at: number, piece: Buffer): Buffer {
  return Buffer.concat([b.subarray(0, at), piece, b.subarray(at)]);
}

export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'flip',
    apply(r, b) {
      const out = Buffer.from(b);
      const n = 1 + r.int(8);
      for (let k = 0; k < n && out.length > 0; k++) {
        const at = r.int(out.length);
        out[at] = (out[at] as number) ^ (1 + r.int(255));
      }
      return out;
    },
  },
  {
    name: 'interesting-byte',
    apply(r, b) {
      const out = Buffer.from(b);
      const bytes = [0x00, 0xff, 0x7f, 0x80, 0x3c, 0x3e, 0x26, 0x3a, 0x3f, 0x0a, 0x0d, 0x22, 0x3b, 0x2c, 0x1a, 0x2f];
      const n = 1 + r.int(6);
      for (let k = 0; k < n && out.length > 0; k++) out[r.int(out.length)] = r.pick(bytes);
      return out;
    },
  },
  { name: 'truncate', apply: (r, b) => b.subarray(0, r.int(b.length + 1)) },
  { name: 'truncate-start', apply: (r, b) => b.subarray(r.int(b.length + 1)) },
  {
    name: 'duplicate-slice',
    apply(r, b) {
      const from = r.int(b.length + 1);
      const to = Math.min(b.length, from + 1 + r.int(2000));
      const times = r.chance(0.2) ? 2 + r.int(50) : 1;
      const slice = b.subarray(from, to);
      return insert(b, position(r, b.length), Buffer.concat(Array.from({ length: times }, () => slice)));
    },
  },
  {
    name: 'remove-slice',
    apply(r, b) {
      const from = r.int(b.length + 1);
      const to = Math.min(b.length, from + 1 + r.int(r.chance(0.5) ? 50 : 5000));
      return Buffer.concat([b.subarray(0, from), b.subarray(to)]);
    },
  },
  {
    name: 'splice',
    apply(r, b, corpus) {
      const other = r.pick(corpus);
      return Buffer.concat([b.subarray(0, r.int(b.length + 1)), other.subarray(r.int(other.length + 1))]);
    },
  },
  { name: 'hostile-fragment', apply: (r, b) => insert(b, boundary(r, b), r.pick(HOSTILE_FRAGMENTS)) },
  { name: 'huge-fragment', apply: (r, b) => insert(b, boundary(r, b), r.pick(HUGE_FRAGMENTS)) },
  {
    name: 'number-edge',
    apply(r, b) {
      const text = b.toString('latin1');
      const runs = [...text.matchAll(/\d[\d.,]*/g)];
      if (runs.length === 0) return insert(b, position(r, b.length), enc(r.pick(NUMBER_EDGES)));
      const m = r.pick(runs);
      const at = m.index ?? 0;
      return Buffer.concat([b.subarray(0, at), enc(r.pick(NUMBER_EDGES)), b.subarray(at + m[0].length)]);
    },
  },
  {
    name: 'line-ends',
    apply(r, b) {
      const text = b.toString('latin1').replace(/\r\n|\r|\n/g, () => r.pick(['\n', '\r\n', '\r', '\n\r', '\r\r\n', '']));
      return Buffer.from(text, 'latin1');
    },
  },
  {
    name: 'bom-inside',
    apply: (r, b) =>
      insert(
        b,
        position(r, b.length),
        Buffer.from(
          r.pick([
            [0xef, 0xbb, 0xbf],
            [0xff, 0xfe],
            [0xfe, 0xff],
          ]),
        ),
      ),
  },
  {
    name: 'tag-swap',
    apply(r, b) {
      // Replace one element or field name by another of the same file: structure that is valid token by token but not as a whole.
      const text = b.toString('latin1');
      const names = [...new Set([...text.matchAll(/<\/?([A-Za-z][\w:.-]{0,40})|\n(:\d\d[A-Z]?:)/g)].map((m) => m[1] ?? m[2] ?? ''))].filter(Boolean);
      if (names.length < 2) return b;
      const from = r.pick(names);
      const to = r.pick(names);
      let seen = 0;
      const which = r.int(4);
      return Buffer.from(
        text.replace(from, (m) => (seen++ === which ? to : m)).replace(from, (m) => (r.chance(0.3) ? to : m)),
        'latin1',
      );
    },
  },
];

/** Applies 1–3 mutations (a few cases keep the file intact, to prove the invariants hold on good input too). */
export function mutate(r: Rand, corpus: readonly Buffer[]): { bytes: Buffer; source: number; steps: string[] } {
  const source = r.int(corpus.length);
  let bytes = corpus[source] as Buffer;
  const steps: string[] = [];
  if (r.chance(0.01)) return { bytes, source, steps: ['none'] };
  const n = 1 + (r.chance(0.4) ? 1 + r.int(2) : 0);
  for (let k = 0; k < n; k++) {
    const m = r.pick(MUTATIONS);
    bytes = m.apply(r, bytes, corpus);
    steps.push(m.name);
  }
  return { bytes, source, steps };
}

export interface Crash {
  index: number;
  steps: string[];
  source: number;
  error: string;
}

export interface FuzzReport {
  parser: string;
  seed: number;
  cases: number;
  ok: number;
  typedErrors: number;
  crashes: number;
  /** Typed error codes and how often they came. */
  codes: Record<string, number>;
  slowestMs: number;
  slowestCase: number;
  totalMs: number;
  crashSamples: Crash[];
}

export interface FuzzTarget {
  parser: string;
  corpus: readonly Buffer[];
  /** Parses the bytes; throws a KontorError on bad input. Returns what `check` inspects. */
  parse(bytes: Buffer, r: Rand): unknown;
  /** Throws (anything) when a successful result breaks an invariant. */
  check?(result: unknown, bytes: Buffer): void;
  /** Extra cases that are not mutations of the corpus (each is one case). */
  mutate?(r: Rand, corpus: readonly Buffer[]): { bytes: Buffer; source: number; steps: string[] };
}

/** Runs `cases` cases against one parser and counts the outcomes. */
export function fuzz(target: FuzzTarget, seed: number, cases: number): FuzzReport {
  const only = process.env.KONTOR_FUZZ_CASE !== undefined && process.env.KONTOR_FUZZ_CASE !== '' ? Number(process.env.KONTOR_FUZZ_CASE) : undefined;
  const report: FuzzReport = {
    parser: target.parser,
    seed,
    cases: 0,
    ok: 0,
    typedErrors: 0,
    crashes: 0,
    codes: {},
    slowestMs: 0,
    slowestCase: -1,
    totalMs: 0,
    crashSamples: [],
  };
  const run = stopwatch();
  for (let index = only ?? 0; index < (only !== undefined ? only + 1 : cases); index++) {
    const r = caseRandom(seed, index);
    const { bytes, source, steps } = (target.mutate ?? mutate)(r, target.corpus);
    const one = stopwatch();
    let crash: string | undefined;
    try {
      const result = target.parse(bytes, r);
      target.check?.(result, bytes);
      report.ok++;
    } catch (e) {
      if (e instanceof KontorError) {
        report.typedErrors++;
        report.codes[e.code] = (report.codes[e.code] ?? 0) + 1;
      } else {
        crash = e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e);
      }
    }
    const ms = one.ms();
    if (ms > report.slowestMs) {
      report.slowestMs = ms;
      report.slowestCase = index;
    }
    report.cases++;
    if (crash !== undefined) {
      report.crashes++;
      if (report.crashSamples.length < 5) report.crashSamples.push({ index, steps, source, error: crash });
    }
  }
  report.totalMs = run.ms();
  return report;
}

/** One line per parser for the log (and docs/reliability.md). */
export function formatReport(r: FuzzReport): string {
  const codes = Object.entries(r.codes)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([c, n]) => `${c}×${n}`)
    .join(', ');
  return (
    `[hostile] ${r.parser}: seed ${r.seed}, ${r.cases} cases, ${r.ok} ok, ${r.typedErrors} typed errors, ${r.crashes} crashes, ` +
    `slowest ${r.slowestMs.toFixed(1)} ms (case ${r.slowestCase}), total ${(r.totalMs / 1000).toFixed(1)} s; codes: ${codes}`
  );
}

/**
 * What every fuzz target must show: no crash, every case run, and no case
 * near the hang guard (tens of seconds: only a hang or super-linear work
 * reaches it, never a slow or busy machine).
 */
export function expectClean(report: FuzzReport, cases: number): void {
  console.log(formatReport(report));
  expect(report.crashes, crashText(report)).toBe(0);
  expect(report.cases).toBe(process.env.KONTOR_FUZZ_CASE ? 1 : cases);
  expect(report.slowestMs, `case ${report.slowestCase} ran past the hang guard`).toBeLessThan(HANG_GUARD_MS);
}

export function crashText(r: FuzzReport): string {
  return r.crashSamples.map((c) => `case ${c.index} (source ${c.source}, ${c.steps.join('+')}): ${c.error}`).join('\n---\n');
}

/** Business date: YYYY-MM-DD and a real day of the calendar. */
export function isBusinessDate(s: unknown): boolean {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;
  return d <= days;
}

export function invariant(cond: unknown, what: string): asserts cond {
  if (!cond) throw new Error(`invariant broken: ${what}`);
}
