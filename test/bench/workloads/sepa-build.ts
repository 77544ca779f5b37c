/**
 * Issue 10, first two rows: pain.001.001.09 with 100,000 credit transfers and
 * pain.008.001.08 with 100,000 direct debits, from flat payment lines (as the
 * ledger yields them) through grouping into blocks to the file on disk, by
 * Kontor and by the npm package `sepa` on the same lines in the same run.
 * Two inputs (issue 21.1): `realistic` (inputs/payments.ts: European names
 * and remittance texts that need transliteration, several countries' IBANs,
 * 30 % without BIC, repeated payees) and `uniform`, the earlier one (German
 * ASCII names, one short remittance text pattern, German IBANs), kept so the
 * difference shows.
 *
 * Each tool runs in a process of its own (sepa-worker.ts), so `max_rss_mb`
 * is its own peak; `ms` / `cpu_ms` are the process's first build (the code
 * still being compiled), `warm_ms` / `warm_cpu_ms` the median of the
 * KONTOR_BENCH_WARM builds after it in the same process (default 2). The
 * process runs bundled code as the app does (../bundled.ts): node itself is
 * about 40 MB of it, the 100,000 input lines about 50 MB of heap. Inputs come from a seed: the same lines every run.
 * Every output is checked after the figures are taken: transaction count and
 * control sum in the group header, recounted from every `InstdAmt` in
 * integer cents, against the input; for Kontor also the SHA-256 it reported
 * and the ISO schema with `xmllint --stream` (when ../shared and xmllint are
 * there). Kontor's second serialiser (xmlbuilder2, byte-identical, 35–45 s)
 * is measured only with KONTOR_BENCH_XMLBUILDER2=1.
 */
import { spawnSync } from 'node:child_process';
import { workerArgs } from '../bundled';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreditTransferLine, DirectDebitLine, PainFormat } from '../../../electron/sepa';
import { BICS, CREDITOR_ID, germanIban, OTHER_IBAN, OUR_BIC, OUR_IBAN } from '../../../electron/sepa/test-fixtures';
import { REFERENCE_DIR, xmllintSkipReason } from '../../support/reference';
import { loadAverage, median, RUNS, seeded, type Figure, type RatioLine, type Workload } from '../figure';

export const N = 100_000;
const FIRST = ['Anna', 'Jonas', 'Lea', 'Paul', 'Marie', 'Felix', 'Sophie', 'Lukas', 'Emma', 'Leon', 'Zoë', 'Jürgen'];
const LAST = ['Schmidt', 'Meyer', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Groß', 'Müller'];

function pick<T>(list: readonly T[], random: () => number): T {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

/** The `uniform` input: 100,000 payroll-like transfers from two of our accounts on two dates; distinct payees, some without BIC. */
export function transferLines(seed: number): CreditTransferLine[] {
  const random = seeded(seed);
  const accounts = [
    { name: 'Kontor Demo GmbH', iban: OUR_IBAN, bic: OUR_BIC },
    { name: 'Kontor Demo GmbH', iban: OTHER_IBAN },
  ];
  const lines: CreditTransferLine[] = [];
  for (let i = 0; i < N; i++) {
    lines.push({
      executionDate: i % 4 < 3 ? '2026-11-25' : '2026-11-26',
      batchBooking: true,
      debtor: pick(accounts, random),
      endToEndId: `PAY-2026-11-${String(i + 1).padStart(7, '0')}`,
      amountCents: 1 + Math.floor(random() * 800_000),
      creditor: {
        name: `${pick(FIRST, random)} ${pick(LAST, random)}`,
        iban: germanIban(1_000_000 + i, '50010517'),
        bic: random() < 0.2 ? null : pick(BICS, random),
      },
      remittance: `Gehalt November 2026 Personalnummer ${i + 1}`,
      ...(i % 2 === 0 ? { purposeCode: 'SALA' } : {}),
    });
  }
  return lines;
}

/** 100,000 CORE collections, first and recurring, on two dates; distinct debtors and mandates. */
export function debitLines(seed: number): DirectDebitLine[] {
  const random = seeded(seed);
  const ours = { name: 'Kontor Demo GmbH', iban: OUR_IBAN, bic: OUR_BIC };
  const lines: DirectDebitLine[] = [];
  for (let i = 0; i < N; i++) {
    lines.push({
      collectionDate: i % 2 === 0 ? '2026-11-25' : '2026-11-26',
      batchBooking: true,
      scheme: 'CORE',
      sequenceType: random() < 0.1 ? 'FRST' : 'RCUR',
      creditor: ours,
      creditorId: CREDITOR_ID,
      endToEndId: `COLL-2026-11-${String(i + 1).padStart(7, '0')}`,
      amountCents: 100 + Math.floor(random() * 50_000),
      debtor: {
        name: `${pick(FIRST, random)} ${pick(LAST, random)}`,
        iban: germanIban(2_000_000 + i, '76010085'),
        bic: random() < 0.2 ? null : pick(BICS, random),
      },
      mandateId: `MNDT-${String(i + 1).padStart(8, '0')}`,
      mandateSignedOn: '2024-06-01',
      remittance: `Mitgliedsbeitrag 2026 Mitglied ${i + 1}`,
    });
  }
  return lines;
}

/** Count and sum of the file as it says (GrpHdr) and as it is (every InstdAmt), in integer cents. */
function recount(xml: Buffer): { statedCount: number; statedCents: number; count: number; cents: number } {
  const text = xml.toString('latin1'); // the amounts and tags are ASCII
  const header = /<GrpHdr>.*?<NbOfTxs>([0-9]+)<\/NbOfTxs><CtrlSum>([0-9]+)\.([0-9]{2})<\/CtrlSum>/.exec(text);
  if (!header) throw new Error('no NbOfTxs/CtrlSum in the group header');
  let count = 0;
  let cents = 0;
  for (const m of text.matchAll(/<InstdAmt Ccy="EUR">([0-9]+)\.([0-9]{2})<\/InstdAmt>/g)) {
    count++;
    cents += Number(m[1]) * 100 + Number(m[2]);
  }
  return { statedCount: Number(header[1]), statedCents: Number(header[2]) * 100 + Number(header[3]), count, cents };
}

function schemaCheck(file: string, format: PainFormat): string {
  const dir = join(REFERENCE_DIR, 'xsd', 'iso');
  const skip = xmllintSkipReason(dir);
  if (skip) return skip;
  const r = spawnSync('xmllint', ['--nonet', '--noout', '--stream', '--schema', join(dir, `${format}.xsd`), file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${format} does not validate: ${r.stderr.split('\n').slice(0, 3).join(' | ')}`);
  return 'schema valid';
}

const worker = join(import.meta.dirname, 'sepa-worker.ts');

export interface SepaWorkerResult {
  ms: number;
  /** CPU time of the worker during the build (all its threads: garbage collection included). */
  cpu_ms: number;
  /** Medians of the builds after the first in the same process (KONTOR_BENCH_WARM), when there were any. */
  warm_ms?: number;
  warm_cpu_ms?: number;
  max_rss_mb: number;
  /** RSS before the first build: node and the input lines (what the build's peak stands on). */
  input_rss_mb: number;
  expectedCents: number;
  /** Kontor only: what the builder reported. */
  summary?: { count: number; controlSumCents: number; sha256: string; bytes: number };
}

export type PaymentInputs = 'realistic' | 'uniform';

function runWorker(kind: 'pain001' | 'pain008', tool: string, file: string, inputs: PaymentInputs): SepaWorkerResult {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', ...workerArgs(worker), kind, tool, file, inputs, String(WARM)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${tool} ${kind} failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as SepaWorkerResult;
}

/** Builds after the first in each worker process (KONTOR_BENCH_WARM, default 2): the steady cost beside the first build's. */
const WARM = Math.max(0, Number(process.env.KONTOR_BENCH_WARM ?? 2));

const TOOLS = ['kontor', 'sepa', ...(process.env.KONTOR_BENCH_XMLBUILDER2 ? ['kontor-xmlbuilder2'] : [])];

/** The checks of one tool's file; throws when the file is wrong. */
function checkFile(workload: string, tool: string, path: string, format: PainFormat, result: SepaWorkerResult): string {
  const xml = readFileSync(path);
  const r = recount(xml);
  const expected = result.expectedCents;
  if (r.statedCount !== N || r.count !== N) throw new Error(`${workload} ${tool}: ${r.statedCount} stated, ${r.count} found, ${N} expected`);
  if (r.statedCents !== expected || r.cents !== expected)
    throw new Error(`${workload} ${tool}: control sum ${r.statedCents}, amounts ${r.cents}, input ${expected}`);
  let check = `${N} transactions and control sum ${r.cents} cents match the input, in GrpHdr and in the amounts`;
  const notAscii = xml.reduce((n, byte) => n + (byte > 0x7e ? 1 : 0), 0);
  if (result.summary) {
    const s = result.summary;
    if (createHash('sha256').update(xml).digest('hex') !== s.sha256 || xml.length !== s.bytes || s.count !== N || s.controlSumCents !== expected) {
      throw new Error(`${workload} ${tool}: the builder's summary differs from the file`);
    }
    // The basic SEPA set is ASCII: one byte above 0x7E is a text left untransliterated.
    if (notAscii > 0) throw new Error(`${workload} ${tool}: ${notAscii} bytes outside the SEPA basic character set`);
    check += `; every text in the SEPA basic set; ${schemaCheck(path, format)}; ${xml.length} bytes, sha256 ${s.sha256.slice(0, 12)}`;
  } else {
    check += `; ${notAscii} bytes outside the SEPA basic set (the peer does not transliterate)`;
  }
  return check;
}

function figures(name: string, kind: 'pain001' | 'pain008', format: PainFormat, inputs: PaymentInputs): (Figure | RatioLine)[] {
  const out: (Figure | RatioLine)[] = [];
  const workload = `${name} ${inputs}`;
  const dir = mkdtempSync(join(tmpdir(), 'kontor-bench-sepa-'));
  try {
    const runs: Record<string, SepaWorkerResult[]> = {};
    const loads: number[] = [];
    // Kontor and the peer take turns, so both see the same load on a shared machine.
    for (let run = 0; run < RUNS; run++) {
      for (const tool of TOOLS) {
        loads.push(loadAverage());
        (runs[tool] ??= []).push(runWorker(kind, tool, join(dir, `${format}.${tool}.${run}.xml`), inputs));
      }
    }
    const times: Record<string, number> = {};
    const cpus: Record<string, number> = {};
    for (const tool of TOOLS) {
      const results = runs[tool] ?? [];
      cpus[tool] = median(results.map((r) => r.cpu_ms));
      const hashes = new Set(results.map((r) => r.summary?.sha256));
      if (hashes.size !== 1) throw new Error(`${workload} ${tool}: the runs wrote different files`);
      const check = checkFile(workload, tool, join(dir, `${format}.${tool}.0.xml`), format, results[0]!);
      times[tool] = median(results.map((r) => r.ms));
      out.push({
        workload,
        tool,
        n: N,
        ms: Math.round(times[tool] * 100) / 100,
        cpu_ms: Math.round(median(results.map((r) => r.cpu_ms))),
        ...(WARM > 0
          ? { warm_ms: Math.round(median(results.map((r) => r.warm_ms ?? 0))), warm_cpu_ms: Math.round(median(results.map((r) => r.warm_cpu_ms ?? 0))) }
          : {}),
        max_rss_mb: Math.max(...results.map((r) => r.max_rss_mb)),
        input_rss_mb: Math.max(...results.map((r) => r.input_rss_mb)),
        check,
        runs: results.length,
        load: median(loads),
      });
    }
    out.push({
      workload,
      tool: 'ratio',
      peer: 'sepa',
      ratio: Math.round((times.sepa! / times.kontor!) * 100) / 100,
      cpu_ratio: Math.round((cpus.sepa! / cpus.kontor!) * 100) / 100,
      ...(WARM > 0
        ? { warm_cpu_ratio: Math.round((median(runs.sepa!.map((r) => r.warm_cpu_ms ?? 0)) / median(runs.kontor!.map((r) => r.warm_cpu_ms ?? 0))) * 100) / 100 }
        : {}),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

const both = (name: string, kind: 'pain001' | 'pain008', format: PainFormat): Figure[] =>
  [...figures(name, kind, format, 'realistic'), ...figures(name, kind, format, 'uniform')] as Figure[];

/** pain.001.001.09, 100,000 credit transfers, from payment lines to file, realistic and uniform input. */
export const sepaCreditTransfers: Workload = { name: 'sepa.pain001', run: () => both('sepa.pain001', 'pain001', 'pain.001.001.09') };
/** pain.008.001.08, 100,000 CORE direct debits, from payment lines to file, realistic and uniform input. */
export const sepaDirectDebits: Workload = { name: 'sepa.pain008', run: () => both('sepa.pain008', 'pain008', 'pain.008.001.08') };
