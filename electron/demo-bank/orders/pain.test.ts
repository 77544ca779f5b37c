/**
 * The bank reads pain.001 (.03/.09) and pain.008 (.02/.08) structurally, in
 * code: the test files are first proven realistic against the ISO schemas,
 * then the bank's checks must accept the good ones and refuse what a schema
 * lets through but a bank does not (sums, counts, IBANs, schemes, mandate
 * dates), and name a requested date it does not execute.
 */
import { describe, expect, it } from 'vitest';
import { schemaAvailability, validateAgainstSchema } from '../../../test/support/iso-xsd';
import { checkPaymentOrder, dateRejection, PaymentAccountError, PaymentFileError, readPaymentFile, type PaymentFile } from './pain';
import { buildPain001, buildPain008, PARTIES, TEST_CREDITOR_ID, type TestPain001, type TestPain008 } from '../../../test/support/pain-files';

const OWN = 'DE48999999991000000001';
const TODAY = '2026-03-02';
const availability = schemaAvailability();
const skipped = availability.available ? '' : ` (skipped: ${availability.reason})`;

function transfer(over: Partial<TestPain001> = {}): TestPain001 {
  return {
    version: '09',
    messageId: 'MSG-2026-03-02-1',
    paymentInfoId: 'PMT-1',
    debtor: { name: 'Kontor Demo GmbH', iban: OWN, bic: 'KONTDEMMXXX' },
    executionDate: '2026-03-03',
    transactions: [
      { endToEndId: 'E2E-1', amountCents: 123_456, creditor: PARTIES[0] ?? { name: '', iban: '' }, remittance: 'Rechnung RE-2026-0042' },
      { endToEndId: 'E2E-2', amountCents: 1, creditor: PARTIES[3] ?? { name: '', iban: '' } },
      { endToEndId: 'E2E-3', amountCents: 99_999_999_999, creditor: PARTIES[2] ?? { name: '', iban: '' }, remittance: 'Ende' },
    ],
    ...over,
  };
}

function debit(over: Partial<TestPain008> = {}): TestPain008 {
  return {
    version: '08',
    scheme: 'CORE',
    messageId: 'DD-2026-03-02-1',
    paymentInfoId: 'DD-1',
    creditor: { name: 'Kontor Demo GmbH', iban: OWN },
    creditorId: TEST_CREDITOR_ID,
    collectionDate: '2026-03-05',
    transactions: [
      {
        endToEndId: 'DD-RE-1',
        amountCents: 11_900,
        debtor: PARTIES[1] ?? { name: '', iban: '' },
        mandateId: 'M-10001',
        signedOn: '2025-06-01',
        remittance: 'RE-2026-0001',
      },
      { endToEndId: 'DD-RE-2', amountCents: 23_800, debtor: PARTIES[4] ?? { name: '', iban: '' }, mandateId: 'M-10002', signedOn: '2026-03-02' },
    ],
    ...over,
  };
}

const read = (xml: string): PaymentFile => readPaymentFile(Buffer.from(xml, 'utf8'));

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof PaymentFileError) return e.problem;
    throw e;
  }
  throw new Error('expected the bank to refuse the file');
}

const rules = (payment: 'credit_transfer' | 'direct_debit_core' | 'direct_debit_b2b', msgVersion?: string) => ({
  payment,
  msgVersion,
  today: TODAY,
  accounts: [OWN],
});

describe.skipIf(!availability.available)(`test payment files against the ISO 20022 schemas${skipped}`, () => {
  it.each(['03', '09'] as const)('pain.001.001.%s validates, also with BtchBookg and NOTPROVIDED agents', (version) => {
    for (const xml of [buildPain001(transfer({ version })), buildPain001(transfer({ version, batchBooking: false, debtor: { name: 'Kontor', iban: OWN } }))]) {
      const result = validateAgainstSchema(xml, `pain.001.001.${version}.xsd`);
      expect(result.valid, result.output).toBe(true);
    }
  });

  it.each(['02', '08'] as const)('pain.008.001.%s validates, CORE and B2B', (version) => {
    for (const scheme of ['CORE', 'B2B'] as const) {
      const result = validateAgainstSchema(buildPain008(debit({ version, scheme })), `pain.008.001.${version}.xsd`);
      expect(result.valid, result.output).toBe(true);
    }
  });

  it('the files the bank must refuse are still schema-valid (only a bank sees the problem)', () => {
    const files = [
      buildPain001(transfer({ override: { ctrlSum: '1.00' } })),
      buildPain001(transfer({ override: { nbOfTxs: '4' } })),
      buildPain001(transfer({ transactions: [{ endToEndId: 'X', amountCents: 100, creditor: { name: 'Bad', iban: 'DE00500105175407324931' } }] })),
    ];
    for (const xml of files) expect(validateAgainstSchema(xml, 'pain.001.001.09.xsd').valid).toBe(true);
  });
});

describe('reading payment files', () => {
  it.each(['03', '09'] as const)('reads a pain.001.001.%s credit transfer into integer cents', (version) => {
    const file = read(buildPain001(transfer({ version })));
    expect([file.message, file.messageName, file.msgVersion, file.messageId]).toEqual(['pain.001', `pain.001.001.${version}`, version, 'MSG-2026-03-02-1']);
    expect(file.numberOfTransactions).toBe(3);
    expect(file.controlSumCents).toBe(123_456 + 1 + 99_999_999_999);
    const block = file.blocks[0];
    expect(block).toMatchObject({ position: 1, paymentInfoId: 'PMT-1', batchBooking: true, dueDate: '2026-03-03', account: { iban: OWN, bic: 'KONTDEMMXXX' } });
    expect(block?.transactions.map((t) => [t.endToEndId, t.amountCents, t.counterparty.iban, t.counterparty.bic, t.remittance])).toEqual([
      ['E2E-1', 123_456, 'DE44500105175407324931', 'INGDDEFFXXX', 'Rechnung RE-2026-0042'],
      ['E2E-2', 1, 'NL20INGB0001234567', 'INGBNL2A', undefined],
      ['E2E-3', 99_999_999_999, 'DE34200505501234567890', undefined, 'Ende'],
    ]);
    expect(block?.transactions[0]?.counterparty.name).toBe('Müller & Söhne GmbH');
  });

  it.each(['02', '08'] as const)('reads a pain.008.001.%s direct debit with mandates and creditor identifier', (version) => {
    const file = read(buildPain008(debit({ version, batchBooking: false })));
    expect(file.messageName).toBe(`pain.008.001.${version}`);
    const block = file.blocks[0];
    expect(block).toMatchObject({
      scheme: 'CORE',
      sequenceType: 'RCUR',
      batchBooking: false,
      dueDate: '2026-03-05',
      creditorId: TEST_CREDITOR_ID,
      totalCents: 35_700,
    });
    expect(block?.transactions.map((t) => [t.endToEndId, t.mandate?.id, t.mandate?.signedOn, t.counterparty.name, t.creditorId])).toEqual([
      ['DD-RE-1', 'M-10001', '2025-06-01', 'Bäckerei Weiß OHG', TEST_CREDITOR_ID],
      ['DD-RE-2', 'M-10002', '2026-03-02', 'Wiener Feinkost GmbH', TEST_CREDITOR_ID],
    ]);
  });

  it('takes batch booking as true when BtchBookg is absent, and as written otherwise', () => {
    expect(read(buildPain001(transfer())).blocks[0]?.batchBooking).toBe(true);
    expect(read(buildPain001(transfer({ batchBooking: false }))).blocks[0]?.batchBooking).toBe(false);
    expect(read(buildPain001(transfer({ batchBooking: true }))).blocks[0]?.batchBooking).toBe(true);
  });

  it('refuses a group CtrlSum or NbOfTxs that does not match the transactions', () => {
    expect(problem(() => read(buildPain001(transfer({ override: { ctrlSum: '1000001234.55' } }))))).toMatch(/GrpHdr\/CtrlSum/);
    expect(problem(() => read(buildPain001(transfer({ override: { ctrlSum: '1000001234.561' } }))))).toMatch(/GrpHdr\/CtrlSum/);
    expect(problem(() => read(buildPain001(transfer({ override: { nbOfTxs: '2' } }))))).toMatch(/GrpHdr\/NbOfTxs says 2 transactions, the file has 3/);
    // Trailing zeros are the same sum.
    expect(() => read(buildPain001(transfer({ override: { ctrlSum: '1000001234.5600' } })))).not.toThrow();
  });

  it('refuses a payment block whose own CtrlSum or NbOfTxs is wrong', () => {
    expect(problem(() => read(buildPain008(debit({ override: { blockCtrlSum: '357.01' } }))))).toMatch(/PmtInf\[1\]\/CtrlSum/);
    expect(problem(() => read(buildPain008(debit({ override: { blockNbOfTxs: '3' } }))))).toMatch(/PmtInf\[1\]\/NbOfTxs/);
  });

  it('refuses invalid IBANs, BICs and creditor identifiers', () => {
    const bad = { name: 'Tippfehler GmbH', iban: 'DE44500105175407324932' };
    expect(problem(() => read(buildPain001(transfer({ transactions: [{ endToEndId: 'X', amountCents: 5, creditor: bad }] }))))).toMatch(
      /CdtrAcct IBAN "DE44500105175407324932" is not valid/,
    );
    expect(problem(() => read(buildPain001(transfer({ debtor: { name: 'Us', iban: 'DE21999999991000000003' } }))))).toMatch(/DbtrAcct IBAN/);
    expect(problem(() => read(buildPain008(debit({ creditorId: 'DE99ZZZ09999999999' }))))).toMatch(/creditor identifier/);
    expect(problem(() => read(buildPain001(transfer({ debtor: { name: 'Us', iban: OWN, bic: 'NOTABIC1234X' } }))))).toMatch(/BIC/);
  });

  it('refuses amounts with more than two decimals, zero amounts and other currencies', () => {
    const xml = buildPain001(transfer());
    expect(problem(() => read(xml.replace('>1234.56<', '>1234.567<')))).toMatch(/at most two decimals/);
    expect(problem(() => read(xml.replace('>0.01<', '>0.00<')))).toMatch(/outside 0.01/);
    expect(problem(() => read(xml.replace('Ccy="EUR">1234.56', 'Ccy="CHF">1234.56')))).toMatch(/CHF/);
  });

  it('refuses files that are not pain.001/pain.008 in an accepted version, or not XML at all', () => {
    expect(problem(() => read(buildPain001(transfer()).replace(/pain\.001\.001\.09/g, 'pain.001.001.05')))).toMatch(/not a payment file the bank accepts/);
    expect(problem(() => readPaymentFile(Buffer.from('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn>')))).toMatch(
      /well-formed/,
    );
    expect(problem(() => readPaymentFile(Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Document/>')))).toMatch(/DOCTYPE/);
    expect(problem(() => readPaymentFile(Buffer.from([0x3c, 0xff, 0xfe, 0x3e])))).toMatch(/UTF-8/);
  });

  it('refuses a file without the elements the bank needs to book', () => {
    const xml = buildPain008(debit());
    expect(problem(() => read(xml.replace(/<MndtId>M-10001<\/MndtId>/, '')))).toMatch(/MndtId is missing/);
    expect(problem(() => read(xml.replace(/<DtOfSgntr>2025-06-01<\/DtOfSgntr>/, '')))).toMatch(/DtOfSgntr is missing/);
    expect(problem(() => read(xml.replace(/<SeqTp>RCUR<\/SeqTp>/, '')))).toMatch(/SeqTp/);
    expect(problem(() => read(xml.replace(/<CdtrSchmeId>[\s\S]*?<\/CdtrSchmeId>/, '')))).toMatch(/no creditor identifier/);
    expect(problem(() => read(buildPain001(transfer()).replace(/<EndToEndId>E2E-2<\/EndToEndId>/, '<EndToEndId>/E2E//2</EndToEndId>')))).toMatch(
      /SEPA identifier/,
    );
  });
});

describe('checking a payment file against its order', () => {
  it('accepts a CORE file as CDD, a B2B file as CDB, a transfer as CCT', () => {
    expect(() => checkPaymentOrder(read(buildPain001(transfer())), rules('credit_transfer'))).not.toThrow();
    expect(() => checkPaymentOrder(read(buildPain008(debit())), rules('direct_debit_core'))).not.toThrow();
    expect(() => checkPaymentOrder(read(buildPain008(debit({ scheme: 'B2B' }))), rules('direct_debit_b2b'))).not.toThrow();
  });

  it('refuses a B2B file uploaded as CDD, a CORE file as CDB and a direct debit as a transfer', () => {
    expect(problem(() => checkPaymentOrder(read(buildPain008(debit({ scheme: 'B2B' }))), rules('direct_debit_core')))).toMatch(
      /B2B direct debit, but the order type is for CORE/,
    );
    expect(problem(() => checkPaymentOrder(read(buildPain008(debit())), rules('direct_debit_b2b')))).toMatch(
      /CORE direct debit, but the order type is for B2B/,
    );
    expect(problem(() => checkPaymentOrder(read(buildPain008(debit())), rules('credit_transfer')))).toMatch(/asks for pain.001/);
  });

  it('refuses a file whose version differs from the BTF MsgVersion named', () => {
    expect(problem(() => checkPaymentOrder(read(buildPain001(transfer({ version: '03' }))), rules('credit_transfer', '09')))).toMatch(/version 09/);
    expect(() => checkPaymentOrder(read(buildPain001(transfer({ version: '03' }))), rules('credit_transfer', '03'))).not.toThrow();
  });

  it('refuses an account the customer does not hold', () => {
    const foreign = 'DE89370400440532013000';
    expect(() => checkPaymentOrder(read(buildPain001(transfer({ debtor: { name: 'Someone', iban: foreign } }))), rules('credit_transfer'))).toThrow(
      PaymentAccountError,
    );
  });

  it('leaves the requested dates to dateRejection: a readable file asking for a date the bank does not execute is no format error', () => {
    // Too early, a Saturday, Easter Monday and beyond the horizon (a mandate signed after the collection stays a format error).
    for (const date of [TODAY, '2026-03-07', '2026-04-06']) {
      expect(() => checkPaymentOrder(read(buildPain008(debit({ collectionDate: date }))), rules('direct_debit_core')), date).not.toThrow();
    }
    for (const date of ['2026-03-01', '2026-04-06']) {
      expect(() => checkPaymentOrder(read(buildPain001(transfer({ executionDate: date }))), rules('credit_transfer')), date).not.toThrow();
    }
  });

  it('names the block, the date, the rule and the limit of a date the bank does not execute, with its ISO reason code', () => {
    const at = (xml: string) => dateRejection(read(xml), TODAY);
    expect(at(buildPain001(transfer({ executionDate: TODAY })))).toBeNull();
    // A Saturday: the bank executes the transfer on Monday.
    expect(at(buildPain001(transfer({ executionDate: '2026-03-07' })))).toBeNull();
    expect(at(buildPain001(transfer({ executionDate: '2026-03-01' })))).toMatchObject({
      reasonCode: 'DT05',
      field: 'ReqdExctnDt',
      text: 'PmtInf PMT-1: ReqdExctnDt 2026-03-01 is in the past (earliest 2026-03-02)',
    });
    expect(at(buildPain008(debit({ collectionDate: '2026-03-03' })))).toBeNull();
    expect(at(buildPain008(debit({ collectionDate: TODAY })))).toMatchObject({
      reasonCode: 'DT05',
      field: 'ReqdColltnDt',
      text: 'PmtInf DD-1: ReqdColltnDt 2026-03-02 is too early: a collection must reach the bank 1 TARGET2 day before it (earliest 2026-03-03)',
    });
    expect(at(buildPain008(debit({ collectionDate: '2026-03-07' })))).toMatchObject({
      reasonCode: 'DT03',
      problem: { rule: 'nonBusinessDay', date: '2026-03-07', next: '2026-03-09' },
      text: 'PmtInf DD-1: ReqdColltnDt 2026-03-07 is not a TARGET2 business day (next 2026-03-09)',
    });
    expect(at(buildPain008(debit({ collectionDate: '2026-03-17' })))).toMatchObject({
      reasonCode: 'CH03',
      text: 'PmtInf DD-1: ReqdColltnDt 2026-03-17 is too far ahead: at most 14 calendar days (latest 2026-03-16)',
    });
    expect(at(buildPain001(transfer({ executionDate: '2026-03-17' })))).toMatchObject({ reasonCode: 'CH03', block: { paymentInfoId: 'PMT-1' } });
  });

  it('refuses a mandate signed in the future', () => {
    const future = debit({
      transactions: [{ endToEndId: 'F', amountCents: 100, debtor: PARTIES[0] ?? { name: '', iban: '' }, mandateId: 'M-1', signedOn: '2026-03-04' }],
    });
    expect(problem(() => checkPaymentOrder(read(buildPain008(future)), rules('direct_debit_core')))).toMatch(/mandate signed in the future/);
  });
});
