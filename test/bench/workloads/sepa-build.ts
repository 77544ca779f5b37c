/**
 * Issue 10, first two rows: pain.001.001.09 with 100,000 credit transfers and
 * pain.008.001.08 with 100,000 direct debits, from flat payment lines (as the
 * ledger yields them) through grouping into blocks to the file's bytes.
 *
 * Inputs are generated from a seed (the same bytes every run) outside the
 * timing. The timed part groups the lines and streams the file to disk
 * (`writePaymentFile`, 64 KiB chunks): the file is never held whole, let
 * alone as a tree. Each serialiser gets its own figure: `kontor` is the
 * builder's default, `kontor-<name>` the other one (they write identical
 * bytes). `max_rss_mb` is the process's peak so far (it includes tsx, about
 * 95 MB, and the 100,000 input lines, 60-75 MB). Each output is checked,
 * after the figures are taken: transaction count and control sum stated in
 * the group header, recounted from every `InstdAmt` in integer cents, against
 * the input; the SHA-256 the builder reported against the file's; and the
 * ISO schema with `xmllint --stream` when ../shared and xmllint are there.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_SERIALIZER,
  groupCreditTransfers,
  groupDirectDebits,
  SepaIdSequence,
  type CreditTransferLine,
  type DirectDebitLine,
  type PainFormat,
  type PaymentFileInput,
  type PaymentFileSummary,
  type XmlSerializer,
  writePaymentFile,
} from '../../../electron/sepa';
import { BICS, CREDITOR_ID, germanIban, OTHER_IBAN, OUR_BIC, OUR_IBAN } from '../../../electron/sepa/test-fixtures';
import { REFERENCE_DIR, xmllintSkipReason } from '../../support/reference';
import { maxRssMb, seeded, timed, type Figure, type Workload } from '../figure';

const N = 100_000;
const SERIALIZERS: XmlSerializer[] = [DEFAULT_SERIALIZER, DEFAULT_SERIALIZER === 'direct' ? 'xmlbuilder2' : 'direct'];
const FIRST = ['Anna', 'Jonas', 'Lea', 'Paul', 'Marie', 'Felix', 'Sophie', 'Lukas', 'Emma', 'Leon', 'Zoë', 'Jürgen'];
const LAST = ['Schmidt', 'Meyer', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Groß', 'Müller'];

function pick<T>(list: readonly T[], random: () => number): T {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

/** 100,000 payroll-like transfers from two of our accounts on two dates; distinct payees, some without BIC. */
function transferLines(seed: number): CreditTransferLine[] {
  const random = seeded(seed);
  const accounts = [{ name: 'Kontor Demo GmbH', iban: OUR_IBAN, bic: OUR_BIC }, { name: 'Kontor Demo GmbH', iban: OTHER_IBAN }];
  const lines: CreditTransferLine[] = [];
  for (let i = 0; i < N; i++) {
    lines.push({
      executionDate: i % 4 < 3 ? '2026-11-25' : '2026-11-26',
      batchBooking: true,
      debtor: pick(accounts, random),
      endToEndId: `PAY-2026-11-${String(i + 1).padStart(7, '0')}`,
      amountCents: 1 + Math.floor(random() * 800_000),
      creditor: { name: `${pick(FIRST, random)} ${pick(LAST, random)}`, iban: germanIban(1_000_000 + i, '50010517'), bic: random() < 0.2 ? null : pick(BICS, random) },
      remittance: `Gehalt November 2026 Personalnummer ${i + 1}`,
      ...(i % 2 === 0 ? { purposeCode: 'SALA' } : {}),
    });
  }
  return lines;
}

/** 100,000 CORE collections, first and recurring, on two dates; distinct debtors and mandates. */
function debitLines(seed: number): DirectDebitLine[] {
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
      debtor: { name: `${pick(FIRST, random)} ${pick(LAST, random)}`, iban: germanIban(2_000_000 + i, '76010085'), bic: random() < 0.2 ? null : pick(BICS, random) },
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

/** Streams the file to `path`, chunk by chunk. */
function writeToFile(input: PaymentFileInput, path: string, serializer: XmlSerializer): PaymentFileSummary {
  const fd = openSync(path, 'w');
  try {
    return writePaymentFile(input, (chunk) => writeSync(fd, chunk), { serializer });
  } finally {
    closeSync(fd);
  }
}

async function figures(workload: string, format: PainFormat, toInputs: () => PaymentFileInput[], expectedCents: number): Promise<Figure[]> {
  const out: Figure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'kontor-bench-sepa-'));
  try {
    for (const serializer of SERIALIZERS) {
      const path = join(dir, `${format}.${serializer}.xml`);
      const { value: summaries, ms } = await timed(() => toInputs().map((input) => writeToFile(input, path, serializer)));
      const max_rss_mb = maxRssMb();
      const [summary, ...more] = summaries;
      if (!summary || more.length > 0) throw new Error(`${workload}: expected one file, got ${summaries.length}`);
      const xml = readFileSync(path);
      const r = recount(xml);
      if (r.statedCount !== N || r.count !== N || summary.count !== N) throw new Error(`${workload}: ${r.statedCount} stated, ${r.count} found, ${N} expected`);
      if (r.statedCents !== expectedCents || r.cents !== expectedCents || summary.controlSumCents !== expectedCents) {
        throw new Error(`${workload}: control sum ${r.statedCents}, amounts ${r.cents}, input ${expectedCents}`);
      }
      if (createHash('sha256').update(xml).digest('hex') !== summary.sha256 || xml.length !== summary.bytes) throw new Error(`${workload}: SHA-256 or size differs from the file`);
      const schema = schemaCheck(path, format);
      out.push({
        workload,
        tool: serializer === DEFAULT_SERIALIZER ? 'kontor' : `kontor-${serializer}`,
        n: N,
        ms,
        max_rss_mb,
        check: `${N} transactions and control sum ${r.cents} cents match the input, in GrpHdr and in the amounts; ${schema}; ${xml.length} bytes, sha256 ${summary.sha256.slice(0, 12)}`,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** pain.001.001.09, 100,000 credit transfers, from payment lines to file. */
export const sepaCreditTransfers: Workload = {
  name: 'sepa.pain001',
  run() {
    const lines = transferLines(1001);
    const expected = lines.reduce((s, l) => s + l.amountCents, 0);
    return figures(
      'sepa.pain001',
      'pain.001.001.09',
      () => {
        const ids = new SepaIdSequence('KONTOR', '2026-11-21');
        return groupCreditTransfers(lines, { nextPaymentInfoId: () => ids.next() }).map((f) => ({
          format: 'pain.001.001.09' as const,
          messageId: 'KONTOR-20261121-MSG-1',
          createdAt: '2026-11-21T09:30:00Z',
          initiatingParty: 'Kontor Demo GmbH',
          blocks: f.blocks,
        }));
      },
      expected,
    );
  },
};

/** pain.008.001.08, 100,000 CORE direct debits, from payment lines to file. */
export const sepaDirectDebits: Workload = {
  name: 'sepa.pain008',
  run() {
    const lines = debitLines(1002);
    const expected = lines.reduce((s, l) => s + l.amountCents, 0);
    return figures(
      'sepa.pain008',
      'pain.008.001.08',
      () => {
        const ids = new SepaIdSequence('KONTOR', '2026-11-21');
        return groupDirectDebits(lines, { nextPaymentInfoId: () => ids.next() }).map((f) => ({
          format: 'pain.008.001.08' as const,
          messageId: 'KONTOR-20261121-MSG-2',
          createdAt: '2026-11-21T09:30:00Z',
          initiatingParty: 'Kontor Demo GmbH',
          blocks: f.blocks,
        }));
      },
      expected,
    );
  },
};

export const sepaBuild: Workload[] = [sepaCreditTransfers, sepaDirectDebits];
