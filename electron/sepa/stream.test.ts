/**
 * The streamed payment file (stream.ts): the same bytes, summary and
 * warnings as buildPaymentFile for the same transactions, in every format
 * and with texts that need transliteration; and the same refusals, with
 * nothing written.
 */
import { describe, expect, it } from 'vitest';
import { isKontorError, type KontorError } from '../../shared/errors';
import { buildPaymentFile } from './build';
import { StreamedIdCheck } from './ids';
import type { PaymentFileInput } from './model';
import { streamPaymentFile, type StreamedPaymentFileInput } from './stream';
import { creditTransferInput, directDebitInput } from './test-fixtures';

const TRICKY = ['Müller & Söhne GmbH', '„Zum Goldenen Löwen“ GmbH', 'Łukasz Wróbel', '  Søren   Ørsted ', 'ÄRGER Ärger', 'x'.repeat(90)];

/** Some names and remittance texts replaced by ones that need transliteration or cutting. */
function withTrickyTexts(input: PaymentFileInput): PaymentFileInput {
  let i = 0;
  for (const block of input.blocks) {
    for (const tx of block.transactions) {
      const party = 'creditor' in tx ? tx.creditor : tx.debtor;
      if (i % 7 === 0) party.name = TRICKY[i % TRICKY.length]!;
      if (i % 5 === 0) tx.remittance = `Rechnung ${i} – 2 % Skonto, Straße ${'ä'.repeat(i % 150)}`;
      i++;
    }
  }
  return input;
}

/** Blocks marked SEPA Instant: every other one, or all. */
function withInstant(input: PaymentFileInput, all = false): PaymentFileInput {
  if (input.format !== 'pain.001.001.09' && input.format !== 'pain.001.001.03') throw new Error('instant is for credit transfers');
  return { ...input, blocks: input.blocks.map((b, i) => ({ ...b, instant: all || i % 2 === 0 })) };
}

function streamed(input: PaymentFileInput): StreamedPaymentFileInput {
  const blocks = input.blocks.map((block) => {
    const txs: readonly unknown[] = block.transactions;
    return { ...block, transactions: () => txs.values() };
  });
  return { ...input, blocks } as StreamedPaymentFileInput;
}

function streamToBuffer(input: StreamedPaymentFileInput, german = false): { xml: Buffer; summary: ReturnType<typeof streamPaymentFile> } {
  const chunks: Buffer[] = [];
  const summary = streamPaymentFile(input, (c) => chunks.push(c), { german });
  return { xml: Buffer.concat(chunks), summary };
}

function caught(fn: () => unknown): KontorError {
  try {
    fn();
  } catch (e) {
    if (isKontorError(e)) return e;
    throw e;
  }
  throw new Error('expected a KontorError');
}

const VARIANTS: Array<[string, () => PaymentFileInput]> = [
  ['pain.001.001.09, three blocks', () => creditTransferInput('pain.001.001.09', { n: 2_000, seed: 11, blocks: 3 })],
  ['pain.001.001.03', () => creditTransferInput('pain.001.001.03', { n: 700, seed: 12 })],
  ['pain.001.001.09, instant and plain blocks', () => withInstant(creditTransferInput('pain.001.001.09', { n: 900, seed: 18, blocks: 3 }))],
  ['pain.001.001.03, instant', () => withInstant(creditTransferInput('pain.001.001.03', { n: 300, seed: 19, blocks: 2 }), true)],
  ['pain.008.001.08, four blocks', () => directDebitInput('pain.008.001.08', { n: 2_000, seed: 13, blocks: 4 })],
  ['pain.008.001.02, B2B', () => directDebitInput('pain.008.001.02', { n: 700, seed: 14, scheme: 'B2B' })],
];

describe('streamPaymentFile', () => {
  it.each(VARIANTS)('writes the bytes, hash, totals and warnings of buildPaymentFile: %s', (_, make) => {
    for (const german of [false, true]) {
      const input = withTrickyTexts(make());
      const built = buildPaymentFile(input, { german });
      const { xml, summary } = streamToBuffer(streamed(input), german);
      expect(xml.equals(built.xml)).toBe(true);
      const { xml: _xml, ...builtSummary } = built;
      expect(summary).toEqual(builtSummary);
    }
  });

  it('writes LclInstrm/Cd INST in the blocks marked instant, as buildPaymentFile does', () => {
    const input = withInstant(creditTransferInput('pain.001.001.09', { n: 120, seed: 20, blocks: 3 }));
    const types = [
      ...streamToBuffer(streamed(input))
        .xml.toString('utf8')
        .matchAll(/<PmtTpInf>.*?<\/PmtTpInf>/g),
    ].map((m) => m[0]);
    const instant = '<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl><LclInstrm><Cd>INST</Cd></LclInstrm></PmtTpInf>';
    const plain = '<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>';
    expect(types).toEqual(input.blocks.map((b) => ('instant' in b && b.instant === true ? instant : plain)));
    expect(types).toContain(instant);
    expect(types).toContain(plain);
  });

  it('refuses a duplicate end-to-end id, naming both places, before writing a byte', () => {
    const input = creditTransferInput('pain.001.001.09', { n: 3_000, seed: 15, blocks: 2 });
    input.blocks[1]!.transactions[1_000]!.endToEndId = input.blocks[0]!.transactions[17]!.endToEndId;
    const chunks: Buffer[] = [];
    const e = caught(() => streamPaymentFile(streamed(input), (c) => chunks.push(c)));
    expect(e.code).toBe('sepa.duplicateId');
    expect(e.params).toMatchObject({ field: 'blocks[1].transactions[1000].endToEndId', first: 'blocks[0].transactions[17].endToEndId' });
    expect(chunks).toEqual([]);
  });

  it('refuses what buildPaymentFile refuses, with the same code and field, before writing a byte', () => {
    const input = creditTransferInput('pain.001.001.09', { n: 300, seed: 16 });
    input.blocks[0]!.transactions[250]!.creditor.iban = 'DE00123456780000000000';
    const expected = caught(() => buildPaymentFile(input));
    const chunks: Buffer[] = [];
    const e = caught(() => streamPaymentFile(streamed(input), (c) => chunks.push(c)));
    expect([e.code, e.params.field]).toEqual([expected.code, expected.params.field]);
    expect(chunks).toEqual([]);
  });

  it('fails when the source gives other transactions the second time', () => {
    const input = creditTransferInput('pain.001.001.09', { n: 50, seed: 17 });
    const txs = input.blocks[0]!.transactions;
    let reads = 0;
    const changing = { ...streamed(input) } as StreamedPaymentFileInput & { blocks: Array<{ transactions: () => Iterable<unknown> }> };
    changing.blocks[0]!.transactions = () => (reads++ === 0 ? txs : txs.slice(1));
    expect(caught(() => streamPaymentFile(changing, () => undefined)).code).toBe('sepa.sourceChanged');
  });
});

describe('StreamedIdCheck, the second look at ids with equal hashes', () => {
  it('lets a suspect used once pass and names the first use of one used twice', () => {
    const check = new StreamedIdCheck(new Set(['A', 'B']));
    check.transaction('A', 0, 0);
    check.transaction('C', 0, 1);
    check.transaction('C', 0, 2); // not a suspect: its hashes were never seen twice
    check.transaction('B', 1, 0);
    const e = caught(() => check.transaction('B', 1, 5));
    expect(e.params).toMatchObject({ field: 'blocks[1].transactions[5].endToEndId', first: 'blocks[1].transactions[0].endToEndId' });
  });
});
