/**
 * Payment files in all four versions, across the variants issue 6 names: one
 * transaction, 500 and 10,000 transactions in several blocks, characters needing
 * transliteration, the German extension, maximum field lengths, CORE and B2B,
 * several dates and accounts, missing BICs. Each file is validated against
 * the ISO schemas in ../shared/xsd/iso, parsed back to check counts and
 * control sums in integer cents, read by the demo bank's independent reader,
 * and compared byte for byte between the two serialisers (all but the
 * 10,000-transaction files, where xmlbuilder2 alone takes tens of seconds).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR, xmllintErrors, xmllintSkipReason } from '../../test/support/reference';
import { isKontorError, type KontorError } from '../../shared/errors';
import { isSepaText } from '../../shared/ids';
import { checkPaymentOrder, readPaymentFile } from '../demo-bank/orders/pain';
import { buildPaymentFile, previewPaymentFileText, writePaymentFile, type BuildOptions, type BuiltPaymentFile } from './build';
import type { CreditTransferFileInput, DirectDebitFileInput, PainFormat, PaymentFileInput } from './model';
import { CREDITOR_ID, creditTransferInput, directDebitInput, germanIban, OTHER_IBAN, OUR_BIC, OUR_IBAN } from './test-fixtures';
import { MAX_LISTED_CHANGES } from './warnings';

const XSD_DIR = join(REFERENCE_DIR, 'xsd', 'iso');
const xsdSkip = xmllintSkipReason(XSD_DIR);
if (xsdSkip) console.warn(`SEPA ${xsdSkip}`);

const CT_FORMATS = ['pain.001.001.09', 'pain.001.001.03'] as const;
const DD_FORMATS = ['pain.008.001.08', 'pain.008.001.02'] as const;
const NS = (format: PainFormat) => `urn:iso:std:iso:20022:tech:xsd:${format}`;

// ------------------------------------------------------------------ inputs

const NASTY = 'Zoë Ærøskøbing & Søn – «Ça va?» @home €5 Жуков 😀👍🏽 Straße\tÄrger';

function oneTransfer(format: CreditTransferFileInput['format']): CreditTransferFileInput {
  return {
    format,
    messageId: 'KONTOR-20261121-000001',
    createdAt: '2026-11-21T09:30:00.000Z',
    initiatingParty: 'Kontor Demo GmbH',
    blocks: [
      {
        paymentInfoId: 'KONTOR-20261121-000001-001',
        executionDate: '2026-11-23',
        batchBooking: true,
        debtor: { name: 'Kontor Demo GmbH', iban: OUR_IBAN, bic: OUR_BIC },
        transactions: [
          {
            endToEndId: 'E2E-1',
            amountCents: 123_456,
            creditor: { name: 'Lieferant AG', iban: germanIban(1), bic: 'DEUTDEFF' },
            remittance: 'Rechnung RE-2026-0042',
          },
        ],
      },
    ],
  };
}

function oneDebit(format: DirectDebitFileInput['format'], scheme: 'CORE' | 'B2B' = 'CORE'): DirectDebitFileInput {
  return {
    format,
    messageId: 'KONTOR-20261121-000002',
    createdAt: '2026-11-21T09:30:00Z',
    initiatingParty: 'Kontor Demo GmbH',
    blocks: [
      {
        paymentInfoId: 'KONTOR-20261121-000002-001',
        collectionDate: '2026-11-25',
        batchBooking: true,
        scheme,
        sequenceType: 'FRST',
        creditor: { name: 'Kontor Demo GmbH', iban: OUR_IBAN, bic: OUR_BIC },
        creditorId: CREDITOR_ID,
        transactions: [
          {
            endToEndId: 'DD-1',
            amountCents: 4_990,
            debtor: { name: 'Kunde GmbH', iban: germanIban(2), bic: 'BYLADEM1001' },
            mandateId: 'MANDATE-0001',
            mandateSignedOn: '2025-03-01',
            sequenceType: 'FRST',
            remittance: 'Beitrag 2026',
          },
        ],
      },
    ],
  };
}

function withTexts<T extends PaymentFileInput>(input: T, name: string, remittance: string): T {
  for (const block of input.blocks) {
    for (const tx of block.transactions) {
      const party = 'creditor' in tx ? tx.creditor : tx.debtor;
      party.name = name;
      tx.remittance = remittance;
    }
  }
  return input;
}

function withoutBics<T extends PaymentFileInput>(input: T): T {
  for (const block of input.blocks) {
    const own = 'debtor' in block ? block.debtor : block.creditor;
    own.bic = null;
    for (const tx of block.transactions) {
      if ('creditor' in tx) delete tx.creditor.bic;
      else tx.debtor.bic = '';
    }
  }
  return input;
}

function maxLengths<T extends PaymentFileInput>(input: T): T {
  const id = (c: string) => c.repeat(35);
  input.messageId = id('M');
  input.initiatingParty = 'I'.repeat(70);
  let n = 0;
  input.blocks.forEach((block, b) => {
    block.paymentInfoId = `${'P'.repeat(34)}${b}`;
    const own = 'debtor' in block ? block.debtor : block.creditor;
    own.name = 'O'.repeat(70);
    block.transactions.forEach((tx) => {
      tx.endToEndId = `${String(n++).padStart(5, '0')}${'E'.repeat(30)}`;
      const party = 'creditor' in tx ? tx.creditor : tx.debtor;
      party.name = 'N'.repeat(70);
      tx.remittance = 'R'.repeat(140);
      if ('mandateId' in tx) tx.mandateId = id('X');
    });
  });
  return input;
}

interface Case {
  name: string;
  format: PainFormat;
  input: () => PaymentFileInput;
  options?: BuildOptions;
  /**
   * Built with the default serialiser only: xmlbuilder2 needs about 20 s for
   * 10,000 transactions on a loaded machine. Byte identity between the two is
   * proven on the 500-transaction cases (several 64 KiB chunks, every block
   * kind) and at 100,000 by the benchmark (KONTOR_BENCH_XMLBUILDER2=1).
   */
  large?: true;
}

const CASES: Case[] = [
  ...CT_FORMATS.flatMap((format): Case[] => [
    { name: `${format}, one transaction`, format, input: () => oneTransfer(format) },
    { name: `${format}, 500 transactions in 4 blocks (2 dates, 2 accounts)`, format, input: () => creditTransferInput(format, { n: 500, seed: 6, blocks: 4 }) },
    {
      name: `${format}, 10,000 transactions in 4 blocks (2 dates, 2 accounts)`,
      format,
      large: true,
      input: () => creditTransferInput(format, { n: 10_000, seed: 6, blocks: 4 }),
    },
    {
      name: `${format}, characters needing transliteration`,
      format,
      input: () => withTexts(creditTransferInput(format, { n: 20, seed: 1 }), NASTY, `${NASTY} Rechnung`),
    },
    {
      name: `${format}, German extension (umlauts, &)`,
      format,
      options: { german: true },
      input: () => withTexts(creditTransferInput(format, { n: 20, seed: 1 }), 'Müller & Söhne <GmbH>', 'AT&T; &amp; 5% * $ Größe'),
    },
    { name: `${format}, maximum field lengths`, format, input: () => maxLengths(creditTransferInput(format, { n: 30, seed: 2, blocks: 3 })) },
    { name: `${format}, no BICs`, format, input: () => withoutBics(creditTransferInput(format, { n: 30, seed: 3, blocks: 2 })) },
  ]),
  ...DD_FORMATS.flatMap((format): Case[] => [
    { name: `${format}, one transaction, CORE`, format, input: () => oneDebit(format, 'CORE') },
    { name: `${format}, one transaction, B2B`, format, input: () => oneDebit(format, 'B2B') },
    {
      name: `${format}, 500 transactions in 4 blocks (2 dates, 2 accounts, FRST/RCUR/OOFF/FNAL)`,
      format,
      input: () => directDebitInput(format, { n: 500, seed: 8, blocks: 4 }),
    },
    {
      name: `${format}, 10,000 transactions in 4 blocks (2 dates, 2 accounts, FRST/RCUR/OOFF/FNAL)`,
      format,
      large: true,
      input: () => directDebitInput(format, { n: 10_000, seed: 8, blocks: 4 }),
    },
    { name: `${format}, B2B, several blocks`, format, input: () => directDebitInput(format, { n: 40, seed: 9, blocks: 4, scheme: 'B2B' }) },
    {
      name: `${format}, characters needing transliteration`,
      format,
      input: () => withTexts(directDebitInput(format, { n: 20, seed: 1 }), NASTY, `${NASTY} Beitrag`),
    },
    {
      name: `${format}, German extension (umlauts, &)`,
      format,
      options: { german: true },
      input: () => withTexts(directDebitInput(format, { n: 20, seed: 1 }), 'Müller & Söhne <GmbH>', 'AT&T; &amp; 5% * $ Größe'),
    },
    { name: `${format}, maximum field lengths`, format, input: () => maxLengths(directDebitInput(format, { n: 30, seed: 2, blocks: 3 })) },
    { name: `${format}, no BICs`, format, input: () => withoutBics(directDebitInput(format, { n: 30, seed: 3, blocks: 2 })) },
  ]),
];

// Each case is built once per serialiser: the default (direct) and, except for the large ones, xmlbuilder2.
const builds = new Map<string, { input: PaymentFileInput; byDefault: BuiltPaymentFile; other?: BuiltPaymentFile; root?: Element }>();
function built(c: Case) {
  let b = builds.get(c.name);
  if (b === undefined) {
    const input = c.input();
    b = { input, byDefault: buildPaymentFile(input, c.options) };
    if (!c.large) b.other = buildPaymentFile(input, { ...c.options, serializer: 'xmlbuilder2' });
    builds.set(c.name, b);
  }
  return b;
}

/** The default serialiser's file, parsed once per case (xmldom needs seconds for 10,000 transactions). */
function parsedFile(c: Case): Element {
  const b = built(c);
  b.root ??= parse(b.byDefault.xml);
  return b.root;
}

// ------------------------------------------------------------------ reading back

function parse(xml: Buffer): Element {
  const doc = new DOMParser({
    onError: (level, msg) => {
      if (level !== 'warning') throw new Error(msg);
    },
  }).parseFromString(xml.toString('utf8'), 'text/xml');
  const root = doc.documentElement;
  if (!root) throw new Error('no root');
  return root;
}

function kids(el: Element, name: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n !== null; n = n.nextSibling) if (n.nodeType === 1 && (n as Element).localName === name) out.push(n as Element);
  return out;
}

function at(el: Element, path: string): Element | undefined {
  let cur: Element | undefined = el;
  for (const name of path.split('/')) cur = cur === undefined ? undefined : kids(cur, name)[0];
  return cur;
}

function text(el: Element, path: string): string | undefined {
  return at(el, path)?.textContent ?? undefined;
}

/** `1234.56` to cents, by string: no floating point. */
function cents(amount: string | undefined): number {
  const m = /^([0-9]+)\.([0-9]{2})$/.exec(amount ?? '');
  if (!m) throw new Error(`not an amount with two decimals: ${amount}`);
  return Number(m[1]) * 100 + Number(m[2]);
}

function allTexts(el: Element, out: string[] = []): string[] {
  for (let n = el.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType === 3) out.push(n.nodeValue ?? '');
    if (n.nodeType === 1) allTexts(n as Element, out);
  }
  return out;
}

function inputTotals(input: PaymentFileInput): { count: number; sum: number; blocks: Array<{ count: number; sum: number }> } {
  const blocks = (input.blocks as Array<{ transactions: Array<{ amountCents: number }> }>).map((b) => ({
    count: b.transactions.length,
    sum: b.transactions.reduce((s, t) => s + t.amountCents, 0),
  }));
  return { count: blocks.reduce((n, b) => n + b.count, 0), sum: blocks.reduce((n, b) => n + b.sum, 0), blocks };
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

// ------------------------------------------------------------------ the matrix

describe.each(CASES)('$name', (c) => {
  it.skipIf(xsdSkip)('validates against the ISO schema', () => {
    const { byDefault } = built(c);
    expect(xmllintErrors(byDefault.xml.toString('utf8'), join(XSD_DIR, `${c.format}.xsd`), { stream: c.large === true })).toEqual([]);
  });

  it('states NbOfTxs and CtrlSum in the group header and every block that match its transactions', () => {
    const { input, byDefault } = built(c);
    const root = parsedFile(c);
    expect(root.namespaceURI).toBe(NS(c.format));
    const message = kids(root, c.format.startsWith('pain.001') ? 'CstmrCdtTrfInitn' : 'CstmrDrctDbtInitn')[0];
    if (!message) throw new Error('no message element');
    const blocks = kids(message, 'PmtInf');
    let count = 0;
    let sum = 0;
    for (const block of blocks) {
      const txs = kids(block, c.format.startsWith('pain.001') ? 'CdtTrfTxInf' : 'DrctDbtTxInf');
      const amounts = txs.map((tx) => cents(text(tx, c.format.startsWith('pain.001') ? 'Amt/InstdAmt' : 'InstdAmt')));
      const blockSum = amounts.reduce((s, a) => s + a, 0);
      expect(text(block, 'NbOfTxs')).toBe(String(txs.length));
      expect(cents(text(block, 'CtrlSum'))).toBe(blockSum);
      count += txs.length;
      sum += blockSum;
    }
    const header = at(message, 'GrpHdr');
    if (!header) throw new Error('no GrpHdr');
    expect(text(header, 'NbOfTxs')).toBe(String(count));
    expect(cents(text(header, 'CtrlSum'))).toBe(sum);
    // … and what was asked for.
    const expected = inputTotals(input);
    expect({ count, sum }).toEqual({ count: expected.count, sum: expected.sum });
    expect({ count: byDefault.count, sum: byDefault.controlSumCents }).toEqual({ count: expected.count, sum: expected.sum });
  });

  it('is read by the demo bank with the same payments, and accepted for upload', () => {
    const { input, byDefault } = built(c);
    const file = readPaymentFile(byDefault.xml);
    expect(file.messageName).toBe(c.format);
    expect(file.messageId).toBe(input.messageId);
    const expected = inputTotals(input);
    expect(file.numberOfTransactions).toBe(expected.count);
    expect(file.controlSumCents).toBe(expected.sum);
    expect(file.blocks.map((b) => [b.transactions.length, b.totalCents])).toEqual(expected.blocks.map((b) => [b.count, b.sum]));
    const inputTxs = (input.blocks as Array<{ transactions: Array<{ endToEndId: string; amountCents: number }> }>).flatMap((b) => b.transactions);
    expect(file.blocks.flatMap((b) => b.transactions.map((t) => [t.endToEndId, t.amountCents]))).toEqual(inputTxs.map((t) => [t.endToEndId, t.amountCents]));
    const scheme = 'scheme' in (input.blocks[0] ?? {}) ? (input.blocks[0] as { scheme: string }).scheme : undefined;
    const payment = c.format.startsWith('pain.001') ? 'credit_transfer' : scheme === 'B2B' ? 'direct_debit_b2b' : 'direct_debit_core';
    expect(() => checkPaymentOrder(file, { payment, today: '2026-11-21', accounts: [OUR_IBAN, OTHER_IBAN] })).not.toThrow();
  });

  it('contains only characters of the SEPA set (with the German extension only when asked)', () => {
    const german = c.options?.german === true;
    // One assertion over all texts: an expect per text costs seconds at 10,000 transactions.
    expect(allTexts(parsedFile(c)).filter((t) => !isSepaText(t, { german }))).toEqual([]);
  });

  it(c.large ? 'states the SHA-256 and size of its bytes' : 'is the same byte for byte with both serialisers, and its SHA-256 is that of its bytes', () => {
    const { byDefault, other } = built(c);
    if (other) {
      expect(other.xml.equals(byDefault.xml)).toBe(true);
      expect(other.sha256).toBe(byDefault.sha256);
    }
    expect(byDefault.sha256).toBe(createHash('sha256').update(byDefault.xml).digest('hex'));
    expect(byDefault.bytes).toBe(byDefault.xml.length);
    expect(byDefault.xml.subarray(0, 38).toString()).toBe('<?xml version="1.0" encoding="UTF-8"?>');
  });

  it('was written into a buffer of exactly its size (computed first, allocated once)', () => {
    const { byDefault, other } = built(c);
    for (const file of [byDefault, ...(other ? [other] : [])]) expect(file.xml.buffer.byteLength).toBe(file.xml.length);
  });
});

// ------------------------------------------------------------------ what the versions differ in

describe('the shape of each version', () => {
  it('writes ReqdExctnDt/Dt and BICFI in pain.001.001.09, a plain ReqdExctnDt and BIC in .03', () => {
    const v09 = parse(buildPaymentFile(oneTransfer('pain.001.001.09')).xml);
    const block09 = at(v09, 'CstmrCdtTrfInitn/PmtInf');
    if (!block09) throw new Error('no block');
    expect(text(block09, 'ReqdExctnDt/Dt')).toBe('2026-11-23');
    expect(text(block09, 'DbtrAgt/FinInstnId/BICFI')).toBe(OUR_BIC);
    expect(text(block09, 'CdtTrfTxInf/CdtrAgt/FinInstnId/BICFI')).toBe('DEUTDEFF');

    const v03 = parse(buildPaymentFile(oneTransfer('pain.001.001.03')).xml);
    const block03 = at(v03, 'CstmrCdtTrfInitn/PmtInf');
    if (!block03) throw new Error('no block');
    expect(at(block03, 'ReqdExctnDt/Dt')).toBeUndefined();
    expect(text(block03, 'ReqdExctnDt')).toBe('2026-11-23');
    expect(text(block03, 'DbtrAgt/FinInstnId/BIC')).toBe(OUR_BIC);
    expect(at(block03, 'DbtrAgt/FinInstnId/BICFI')).toBeUndefined();
  });

  it.each(CT_FORMATS)('writes a missing debtor BIC as Othr/Id NOTPROVIDED and leaves out a creditor agent without BIC (%s)', (format) => {
    const input = oneTransfer(format);
    const block = input.blocks[0];
    const tx = block?.transactions[0];
    if (!block || !tx) throw new Error('fixture');
    block.debtor.bic = null;
    delete tx.creditor.bic;
    const root = parse(buildPaymentFile(input).xml);
    expect(text(root, 'CstmrCdtTrfInitn/PmtInf/DbtrAgt/FinInstnId/Othr/Id')).toBe('NOTPROVIDED');
    expect(at(root, 'CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/CdtrAgt')).toBeUndefined();
  });

  it.each(DD_FORMATS)('writes missing creditor and debtor BICs as Othr/Id NOTPROVIDED (%s)', (format) => {
    const root = parse(buildPaymentFile(withoutBics(oneDebit(format))).xml);
    expect(text(root, 'CstmrDrctDbtInitn/PmtInf/CdtrAgt/FinInstnId/Othr/Id')).toBe('NOTPROVIDED');
    expect(text(root, 'CstmrDrctDbtInitn/PmtInf/DrctDbtTxInf/DbtrAgt/FinInstnId/Othr/Id')).toBe('NOTPROVIDED');
  });

  it.each(DD_FORMATS)('writes scheme, sequence type, collection date, creditor identifier and mandate (%s)', (format) => {
    const block = at(parse(buildPaymentFile(oneDebit(format, 'B2B')).xml), 'CstmrDrctDbtInitn/PmtInf');
    if (!block) throw new Error('no block');
    expect(text(block, 'PmtMtd')).toBe('DD');
    expect(text(block, 'PmtTpInf/SvcLvl/Cd')).toBe('SEPA');
    expect(text(block, 'PmtTpInf/LclInstrm/Cd')).toBe('B2B');
    expect(text(block, 'PmtTpInf/SeqTp')).toBe('FRST');
    expect(text(block, 'ReqdColltnDt')).toBe('2026-11-25');
    expect(text(block, 'ChrgBr')).toBe('SLEV');
    expect(text(block, 'CdtrSchmeId/Id/PrvtId/Othr/Id')).toBe(CREDITOR_ID);
    expect(text(block, 'CdtrSchmeId/Id/PrvtId/Othr/SchmeNm/Prtry')).toBe('SEPA');
    expect(text(block, 'DrctDbtTxInf/DrctDbtTx/MndtRltdInf/MndtId')).toBe('MANDATE-0001');
    expect(text(block, 'DrctDbtTxInf/DrctDbtTx/MndtRltdInf/DtOfSgntr')).toBe('2025-03-01');
    expect(at(block, 'DrctDbtTxInf/InstdAmt')?.getAttribute('Ccy')).toBe('EUR');
  });

  it('writes the group header: message id, creation time to the second in UTC, counts and initiating party', () => {
    const header = at(parse(buildPaymentFile(oneTransfer('pain.001.001.09')).xml), 'CstmrCdtTrfInitn/GrpHdr');
    if (!header) throw new Error('no header');
    expect(text(header, 'MsgId')).toBe('KONTOR-20261121-000001');
    expect(text(header, 'CreDtTm')).toBe('2026-11-21T09:30:00Z');
    expect(text(header, 'NbOfTxs')).toBe('1');
    expect(text(header, 'CtrlSum')).toBe('1234.56');
    expect(text(header, 'InitgPty/Nm')).toBe('Kontor Demo GmbH');
  });

  it('writes the purpose code, and batch booking as true or false', () => {
    const input = creditTransferInput('pain.001.001.09', { n: 11, seed: 1 });
    const block = input.blocks[0];
    if (!block) throw new Error('fixture');
    block.batchBooking = false;
    const root = parse(buildPaymentFile(input).xml);
    expect(text(root, 'CstmrCdtTrfInitn/PmtInf/BtchBookg')).toBe('false');
    // The fixture gives every tenth transfer purpose SUPP.
    expect(text(root, 'CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/Purp/Cd')).toBe('SUPP');
  });

  it('writes the smallest and the largest amount exactly', () => {
    const input = oneTransfer('pain.001.001.09');
    const block = input.blocks[0];
    const tx = block?.transactions[0];
    if (!block || !tx) throw new Error('fixture');
    tx.amountCents = 1;
    block.transactions.push({ ...tx, endToEndId: 'E2E-2', amountCents: 99_999_999_999 });
    const built = buildPaymentFile(input);
    const xml = built.xml.toString();
    expect(xml).toContain('<InstdAmt Ccy="EUR">0.01</InstdAmt>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">999999999.99</InstdAmt>');
    expect(xml).toContain('<CtrlSum>1000000000.00</CtrlSum>');
    expect(built.controlSumCents).toBe(100_000_000_000);
  });
});

// ------------------------------------------------------------------ text

describe('text in the file', () => {
  it('is transliterated, and the warnings say how many texts changed', () => {
    const input = oneTransfer('pain.001.001.09');
    const tx = input.blocks[0]?.transactions[0];
    if (!tx) throw new Error('fixture');
    tx.creditor.name = 'Zoë & Søn';
    tx.remittance = 'Rechnung über 5€';
    const built = buildPaymentFile(input);
    const root = parse(built.xml);
    expect(text(root, 'CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/Cdtr/Nm')).toBe('Zoe + Son');
    expect(text(root, 'CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/RmtInf/Ustrd')).toBe('Rechnung ueber 5E');
    expect(built.warnings).toEqual([
      {
        code: 'sepa.transliterated',
        params: { count: 2, cut: 0 },
        changes: [
          { field: 'blocks[0].transactions[0].creditor.name', before: 'Zoë & Søn', after: 'Zoe + Son', truncated: false },
          { field: 'blocks[0].transactions[0].remittance', before: 'Rechnung über 5€', after: 'Rechnung ueber 5E', truncated: false },
        ],
        message: '2 texts were changed to fit the SEPA character set.',
      },
    ]);
  });

  it.each(['direct', 'xmlbuilder2'] as const)('escapes & in German mode, also when it looks like an entity (%s)', (serializer) => {
    const input = oneTransfer('pain.001.001.09');
    const tx = input.blocks[0]?.transactions[0];
    if (!tx) throw new Error('fixture');
    tx.creditor.name = 'AT&T; Müller &amp; Co';
    tx.remittance = '&lt;script&gt; &#38; &T;';
    const built = buildPaymentFile(input, { german: true, serializer });
    const xml = built.xml.toString('utf8');
    expect(xml).toContain('<Nm>AT&amp;T, Müller &amp;amp, Co</Nm>');
    const root = parse(built.xml);
    expect(text(root, 'CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/Cdtr/Nm')).toBe('AT&T, Müller &amp, Co');
    expect(text(root, 'CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/RmtInf/Ustrd')).toBe('&lt,script&gt, &38, &T,');
  });

  it('writes umlauts as UTF-8 also when the first one comes after many plain chunks', () => {
    const input = creditTransferInput('pain.001.001.09', { n: 3_000, seed: 4 });
    const last = input.blocks[0]?.transactions.at(-1);
    if (!last) throw new Error('fixture');
    last.creditor.name = 'Jürgen Müller';
    const a = buildPaymentFile(input, { german: true, serializer: 'direct' });
    const chunks: Buffer[] = [];
    writePaymentFile(input, (chunk) => chunks.push(chunk), { german: true, serializer: 'direct' });
    const b = buildPaymentFile(input, { german: true });
    expect(Buffer.concat(chunks).equals(a.xml)).toBe(true);
    expect(b.xml.equals(a.xml)).toBe(true);
    expect(chunks.length).toBeGreaterThan(10);
    expect(a.xml.toString('utf8')).toContain('<Nm>Jürgen Müller</Nm>');
    expect(a.xml.includes(Buffer.from('Jürgen Müller', 'utf8'))).toBe(true);
  });

  it('accepts names of exactly 70 and remittance of exactly 140 characters as they are, and cuts longer ones', () => {
    const input = oneTransfer('pain.001.001.03');
    const tx = input.blocks[0]?.transactions[0];
    if (!tx) throw new Error('fixture');
    tx.creditor.name = 'N'.repeat(70);
    tx.remittance = 'R'.repeat(140);
    let built = buildPaymentFile(input);
    let root = parse(built.xml);
    expect(text(root, 'CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/Cdtr/Nm')).toBe('N'.repeat(70));
    expect(text(root, 'CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/RmtInf/Ustrd')).toBe('R'.repeat(140));
    expect(built.warnings).toEqual([]);

    tx.creditor.name = 'N'.repeat(71);
    tx.remittance = 'R'.repeat(141);
    built = buildPaymentFile(input);
    root = parse(built.xml);
    expect(text(root, 'CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/Cdtr/Nm')).toBe('N'.repeat(70));
    expect(text(root, 'CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/RmtInf/Ustrd')).toBe('R'.repeat(140));
    expect(built.warnings).toEqual([
      expect.objectContaining({
        code: 'sepa.transliterated',
        params: { count: 2, cut: 2 },
        message: '2 texts were changed to fit the SEPA character set, 2 of them cut to the maximum length.',
      }),
    ]);
    expect(built.warnings[0]?.code === 'sepa.transliterated' && built.warnings[0].changes.map((c) => [c.after.length, c.truncated])).toEqual([
      [70, true],
      [140, true],
    ]);
  });

  it('counts every changed text but lists only the first MAX_LISTED_CHANGES, before and after, in file order', () => {
    const input = creditTransferInput('pain.001.001.09', { n: MAX_LISTED_CHANGES + 5, seed: 2 });
    const txs = input.blocks[0]?.transactions ?? [];
    txs.forEach((t, i) => (t.creditor.name = `Café ${i}`));
    const [warning] = buildPaymentFile(input).warnings;
    if (warning?.code !== 'sepa.transliterated') throw new Error('expected the transliteration warning');
    expect(warning.params).toEqual({ count: MAX_LISTED_CHANGES + 5, cut: 0 });
    expect(warning.changes).toHaveLength(MAX_LISTED_CHANGES);
    expect(warning.changes[0]).toEqual({ field: 'blocks[0].transactions[0].creditor.name', before: 'Café 0', after: 'Cafe 0', truncated: false });
    expect(warning.changes.at(-1)?.before).toBe(`Café ${MAX_LISTED_CHANGES - 1}`);
  });

  it('leaves out a remittance that is empty or has nothing left after transliteration', () => {
    const input = creditTransferInput('pain.001.001.09', { n: 2, seed: 1 });
    const [a, b] = input.blocks[0]?.transactions ?? [];
    if (!a || !b) throw new Error('fixture');
    a.remittance = '';
    b.remittance = '😀';
    const root = parse(buildPaymentFile(input).xml);
    expect(at(root, 'CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/RmtInf')).toBeUndefined();
  });

  it('previews every text that will change, with its field', () => {
    const input = oneTransfer('pain.001.001.09');
    const tx = input.blocks[0]?.transactions[0];
    if (!tx) throw new Error('fixture');
    tx.creditor.name = 'Zoë';
    const preview = previewPaymentFileText(input);
    expect(preview).toEqual([
      { field: 'blocks[0].transactions[0].creditor.name', before: 'Zoë', after: 'Zoe', changes: [{ from: 'ë', to: 'e' }], truncated: false },
    ]);
    expect(previewPaymentFileText(input, { german: true })).toHaveLength(1);
    expect(previewPaymentFileText(oneDebit('pain.008.001.08'))).toEqual([]);
  });
});

// ------------------------------------------------------------------ refusals

describe('refused input', () => {
  function refusedWith(input: PaymentFileInput, code: string, params: Record<string, unknown>): void {
    const chunks: Buffer[] = [];
    const e = caught(() => writePaymentFile(input, (c) => chunks.push(c), { serializer: 'direct' }));
    expect(e.code).toBe(code);
    expect(e.params).toMatchObject(params);
    // All checks come first: not one byte was written.
    expect(chunks).toEqual([]);
    expect(() => buildPaymentFile(input)).toThrow(e.message);
  }

  function ct(change: (input: CreditTransferFileInput) => void): CreditTransferFileInput {
    const input = creditTransferInput('pain.001.001.09', { n: 5, seed: 1, blocks: 2 });
    change(input);
    return input;
  }

  function dd(change: (input: DirectDebitFileInput) => void): DirectDebitFileInput {
    const input = directDebitInput('pain.008.001.08', { n: 5, seed: 1, blocks: 2 });
    change(input);
    return input;
  }

  const tx = (input: CreditTransferFileInput, b = 1, t = 1) => {
    const found = input.blocks[b]?.transactions[t];
    if (!found) throw new Error('fixture');
    return found;
  };
  const debit = (input: DirectDebitFileInput, b = 1, t = 1) => {
    const found = input.blocks[b]?.transactions[t];
    if (!found) throw new Error('fixture');
    return found;
  };

  it('refuses an invalid IBAN or BIC, naming the field', () => {
    refusedWith(
      ct((i) => (tx(i).creditor.iban = 'DE89370400440532013001')),
      'sepa.invalidInput',
      { field: 'blocks[1].transactions[1].creditor.iban', reason: 'iban', value: 'DE89370400440532013001' },
    );
    refusedWith(
      ct((i) => (tx(i).creditor.bic = 'NOTABIC')),
      'sepa.invalidInput',
      { field: 'blocks[1].transactions[1].creditor.bic', reason: 'bic' },
    );
    refusedWith(
      ct((i) => {
        if (i.blocks[0]) i.blocks[0].debtor.iban = 'DE00';
      }),
      'sepa.invalidInput',
      { field: 'blocks[0].debtor.iban' },
    );
  });

  it('refuses amounts outside 0.01 to 999,999,999.99 and amounts that are not whole cents', () => {
    for (const amount of [0, -1, 100_000_000_000, 12.5, Number.NaN]) {
      refusedWith(
        ct((i) => (tx(i).amountCents = amount)),
        'sepa.invalidInput',
        { field: 'blocks[1].transactions[1].amountCents', reason: 'amount' },
      );
    }
  });

  it('refuses invalid and duplicate identifiers', () => {
    refusedWith(
      ct((i) => (tx(i).endToEndId = '/E2E')),
      'sepa.invalidInput',
      { reason: 'leadingSlash' },
    );
    refusedWith(
      ct((i) => (tx(i).endToEndId = 'E2E//1')),
      'sepa.invalidInput',
      { reason: 'doubleSlash' },
    );
    refusedWith(
      ct((i) => (tx(i).endToEndId = 'E'.repeat(36))),
      'sepa.invalidInput',
      { reason: 'tooLong' },
    );
    refusedWith(
      ct((i) => (i.messageId = 'M'.repeat(36))),
      'sepa.invalidInput',
      { field: 'messageId' },
    );
    refusedWith(
      ct((i) => (tx(i).endToEndId = tx(i, 0, 0).endToEndId)),
      'sepa.duplicateId',
      { field: 'blocks[1].transactions[1].endToEndId' },
    );
  });

  it('refuses a collection date that is not a TARGET2 day, naming the next one', () => {
    refusedWith(
      dd((i) => {
        if (i.blocks[1]) i.blocks[1].collectionDate = '2026-11-28';
      }),
      'sepa.notTarget2Day',
      { field: 'blocks[1].collectionDate', date: '2026-11-28', next: '2026-11-30' },
    );
    refusedWith(
      dd((i) => {
        if (i.blocks[0]) i.blocks[0].collectionDate = '2026-12-25';
      }),
      'sepa.notTarget2Day',
      { next: '2026-12-28' },
    );
    refusedWith(
      dd((i) => {
        if (i.blocks[0]) i.blocks[0].collectionDate = '2027-03-26';
      }),
      'sepa.notTarget2Day',
      { next: '2027-03-30' },
    );
  });

  it('warns, but builds, when an execution date is not a TARGET2 day', () => {
    const input = ct((i) => {
      if (i.blocks[0]) i.blocks[0].executionDate = '2026-11-28';
    });
    expect(buildPaymentFile(input).warnings).toEqual([
      {
        code: 'sepa.executionNotTarget2Day',
        params: { paymentInfoId: 'KONTOR-20261123-000001-001', date: '2026-11-28', next: '2026-11-30' },
        message: 'Payment block KONTOR-20261123-000001-001: execution date 2026-11-28 is not a TARGET2 business day; the bank will execute on 2026-11-30.',
      },
    ]);
  });

  it('refuses CORE and B2B in one file', () => {
    refusedWith(
      dd((i) => {
        if (i.blocks[1]) i.blocks[1].scheme = 'B2B';
      }),
      'sepa.mixedSchemes',
      {},
    );
  });

  it('refuses a transaction whose sequence type is not its block’s, and a mandate signed after the collection', () => {
    refusedWith(
      dd((i) => (debit(i).sequenceType = 'OOFF')),
      'sepa.invalidInput',
      { field: 'blocks[1].transactions[1].sequenceType', reason: 'sequenceTypeMismatch' },
    );
    refusedWith(
      dd((i) => (debit(i).mandateSignedOn = '2026-11-27')),
      'sepa.invalidInput',
      { field: 'blocks[1].transactions[1].mandateSignedOn', reason: 'afterCollection' },
    );
    refusedWith(
      dd((i) => (debit(i).mandateSignedOn = '2026-02-30')),
      'sepa.invalidInput',
      { reason: 'date' },
    );
  });

  it('refuses an invalid creditor identifier', () => {
    refusedWith(
      dd((i) => {
        if (i.blocks[0]) i.blocks[0].creditorId = 'DE99ZZZ09999999999';
      }),
      'sepa.invalidInput',
      { field: 'blocks[0].creditorId' },
    );
  });

  it('refuses a name with no letters or digits left, and a missing name', () => {
    refusedWith(
      ct((i) => (tx(i).creditor.name = '😀 🙂')),
      'sepa.invalidInput',
      { field: 'blocks[1].transactions[1].creditor.name', reason: 'empty' },
    );
    refusedWith(
      ct((i) => (i.initiatingParty = '   ')),
      'sepa.invalidInput',
      { field: 'initiatingParty' },
    );
  });

  it('refuses an empty file or block, a block of the wrong kind, an unknown format and a bad purpose code', () => {
    refusedWith(
      ct((i) => (i.blocks = [])),
      'sepa.invalidInput',
      { field: 'blocks', reason: 'empty' },
    );
    refusedWith(
      ct((i) => {
        if (i.blocks[0]) i.blocks[0].transactions = [];
      }),
      'sepa.invalidInput',
      { field: 'blocks[0].transactions' },
    );
    const wrongKind = { ...directDebitInput('pain.008.001.08', { n: 1, seed: 1 }), format: 'pain.001.001.09' } as unknown as PaymentFileInput;
    refusedWith(wrongKind, 'sepa.invalidInput', { field: 'blocks[0]', reason: 'blockKind' });
    refusedWith({ ...oneTransfer('pain.001.001.09'), format: 'pain.001.001.10' } as unknown as PaymentFileInput, 'sepa.invalidInput', { field: 'format' });
    refusedWith(
      ct((i) => (tx(i).purposeCode = 'salary')),
      'sepa.invalidInput',
      { reason: 'purposeCode' },
    );
  });

  it('refuses a creation time that is not a UTC instant', () => {
    for (const createdAt of ['2026-11-21', '2026-11-21T09:30:00+01:00', '2026-11-21T25:00:00Z', '2026-02-30T09:00:00Z']) {
      refusedWith(
        ct((i) => (i.createdAt = createdAt)),
        'sepa.invalidInput',
        { field: 'createdAt' },
      );
    }
  });
});

describe('writePaymentFile', () => {
  it('streams the same bytes in chunks of about 64 KiB and reports the same summary', () => {
    const input = directDebitInput('pain.008.001.08', { n: 2_000, seed: 5, blocks: 2 });
    const chunks: Buffer[] = [];
    const summary = writePaymentFile(input, (chunk) => chunks.push(chunk), { serializer: 'direct' });
    const whole = buildPaymentFile(input, { serializer: 'direct' });
    expect(Buffer.concat(chunks).equals(whole.xml)).toBe(true);
    expect(summary).toEqual({
      format: whole.format,
      sha256: whole.sha256,
      bytes: whole.bytes,
      count: whole.count,
      controlSumCents: whole.controlSumCents,
      warnings: whole.warnings,
    });
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(64 * 1024);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(70 * 1024);
  });
});
