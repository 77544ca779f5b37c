import { describe, expect, it } from 'vitest';
import { isKontorError } from '../../shared/errors';
import { groupCreditTransfers, groupDirectDebits, type CreditTransferLine, type DirectDebitLine } from './group';
import { childId } from './ids';
import { buildPaymentFile, previewPaymentFileText } from './build';
import { CREDITOR_ID, germanIban, OTHER_IBAN, OUR_BIC, OUR_IBAN } from './test-fixtures';

function ids(prefix = 'RUN-1'): () => string {
  let n = 0;
  return () => childId(prefix, ++n);
}

const ours = { name: 'Kontor Demo GmbH', iban: OUR_IBAN, bic: OUR_BIC };
const second = { name: 'Kontor Demo GmbH', iban: OTHER_IBAN };

function transfer(i: number, over: Partial<CreditTransferLine> = {}): CreditTransferLine {
  return {
    endToEndId: `E2E-${i}`,
    amountCents: 100 * i,
    creditor: { name: `Supplier ${i}`, iban: germanIban(i) },
    executionDate: '2026-11-23',
    batchBooking: true,
    debtor: ours,
    ...over,
  };
}

function debit(i: number, over: Partial<DirectDebitLine> = {}): DirectDebitLine {
  return {
    endToEndId: `DD-${i}`,
    amountCents: 100 * i,
    debtor: { name: `Customer ${i}`, iban: germanIban(i) },
    mandateId: `M-${i}`,
    mandateSignedOn: '2025-01-15',
    sequenceType: 'RCUR',
    collectionDate: '2026-11-25',
    batchBooking: true,
    scheme: 'CORE',
    creditor: ours,
    creditorId: CREDITOR_ID,
    ...over,
  };
}

describe('groupCreditTransfers', () => {
  it('splits by execution date, our account and batch booking; keeps input order inside a block', () => {
    const lines = [
      transfer(1),
      transfer(2, { executionDate: '2026-11-24' }),
      transfer(3, { debtor: second }),
      transfer(4),
      transfer(5, { batchBooking: false }),
      transfer(6, { executionDate: '2026-11-24' }),
    ];
    const files = groupCreditTransfers(lines, { nextPaymentInfoId: ids() });
    expect(files).toHaveLength(1);
    const blocks = files[0]?.blocks ?? [];
    // Ordered by date, then IBAN (DE04… before DE89…), then batch booking first.
    expect(OTHER_IBAN < OUR_IBAN).toBe(true);
    expect(blocks.map((b) => [b.executionDate, b.debtor.iban, b.batchBooking, b.transactions.map((t) => t.endToEndId)])).toEqual([
      ['2026-11-23', OTHER_IBAN, true, ['E2E-3']],
      ['2026-11-23', OUR_IBAN, true, ['E2E-1', 'E2E-4']],
      ['2026-11-23', OUR_IBAN, false, ['E2E-5']],
      ['2026-11-24', OUR_IBAN, true, ['E2E-2', 'E2E-6']],
    ]);
    expect(blocks.map((b) => b.paymentInfoId)).toEqual(['RUN-1-001', 'RUN-1-002', 'RUN-1-003', 'RUN-1-004']);
  });

  it('treats the same IBAN written with spaces and in lower case as one account', () => {
    const spaced = { ...ours, iban: OUR_IBAN.toLowerCase().replace(/(.{4})/g, '$1 ') };
    const blocks = groupCreditTransfers([transfer(1), transfer(2, { debtor: spaced })], { nextPaymentInfoId: ids() })[0]?.blocks;
    expect(blocks).toHaveLength(1);
  });

  it('uses the lines themselves as the transactions (no copies), with the block fields taken from them', () => {
    const line = transfer(1, { remittance: 'Invoice 1', purposeCode: 'SUPP' });
    const block = groupCreditTransfers([line], { nextPaymentInfoId: ids() })[0]?.blocks[0];
    expect(block?.transactions[0]).toBe(line);
    expect(block).toMatchObject({ executionDate: line.executionDate, batchBooking: true, debtor: ours });
  });

  it('gives every block its own file with oneBlockPerFile', () => {
    const lines = [transfer(1), transfer(2, { executionDate: '2026-11-24' }), transfer(3, { debtor: second })];
    const files = groupCreditTransfers(lines, { nextPaymentInfoId: ids(), oneBlockPerFile: true });
    expect(files.map((f) => f.blocks.length)).toEqual([1, 1, 1]);
    expect(new Set(files.map((f) => f.blocks[0]?.paymentInfoId)).size).toBe(3);
  });

  it('returns no file for no lines', () => {
    expect(groupCreditTransfers([], { nextPaymentInfoId: ids() })).toEqual([]);
  });

  it('produces blocks the builder accepts', () => {
    const lines = [transfer(1), transfer(2, { executionDate: '2026-11-24' }), transfer(3, { debtor: second })];
    const [file] = groupCreditTransfers(lines, { nextPaymentInfoId: ids() });
    if (!file) throw new Error('no file');
    const built = buildPaymentFile(
      { format: 'pain.001.001.09', messageId: 'RUN-1', createdAt: '2026-11-21T09:00:00Z', initiatingParty: 'Kontor', blocks: file.blocks },
      { serializer: 'direct' },
    );
    expect(built.count).toBe(3);
    expect(built.controlSumCents).toBe(600);
  });
});

describe('groupDirectDebits', () => {
  it('splits by collection date, sequence type, account and batch booking', () => {
    const lines = [
      debit(1),
      debit(2, { sequenceType: 'FRST' }),
      debit(3, { collectionDate: '2026-11-26' }),
      debit(4, { creditor: second }),
      debit(5),
      debit(6, { sequenceType: 'FRST' }),
      debit(7, { batchBooking: false }),
    ];
    const files = groupDirectDebits(lines, { nextPaymentInfoId: ids() });
    expect(files).toHaveLength(1);
    const blocks = files[0]?.blocks ?? [];
    // Ordered by date, sequence type (FRST, RCUR, OOFF, FNAL), IBAN (second's DE04… first), batch booking first.
    expect(
      blocks.map(
        (b) =>
          `${b.collectionDate} ${b.sequenceType} ${b.creditor.iban === OUR_IBAN ? 'ours' : 'second'} ${b.batchBooking} ${b.transactions.map((t) => t.endToEndId).join(',')}`,
      ),
    ).toEqual([
      '2026-11-25 FRST ours true DD-2,DD-6',
      '2026-11-25 RCUR second true DD-4',
      '2026-11-25 RCUR ours true DD-1,DD-5',
      '2026-11-25 RCUR ours false DD-7',
      '2026-11-26 RCUR ours true DD-3',
    ]);
    for (const b of blocks) for (const t of b.transactions) expect(t.sequenceType).toBe(b.sequenceType);
  });

  it('never puts CORE and B2B into one file, not even with everything else equal', () => {
    const lines = [debit(1), debit(2, { scheme: 'B2B' }), debit(3), debit(4, { scheme: 'B2B', collectionDate: '2026-11-26' })];
    const files = groupDirectDebits(lines, { nextPaymentInfoId: ids() });
    expect(files.map((f) => [f.scheme, f.blocks.map((b) => b.scheme)])).toEqual([
      ['CORE', ['CORE']],
      ['B2B', ['B2B', 'B2B']],
    ]);
    expect(files.flatMap((f) => f.blocks.flatMap((b) => b.transactions.map((t) => t.endToEndId))).sort()).toEqual(['DD-1', 'DD-2', 'DD-3', 'DD-4']);
  });

  it('keeps schemes apart with oneBlockPerFile too', () => {
    const files = groupDirectDebits([debit(1), debit(2, { scheme: 'B2B' }), debit(3, { sequenceType: 'FRST' })], {
      nextPaymentInfoId: ids(),
      oneBlockPerFile: true,
    });
    expect(files.map((f) => f.scheme)).toEqual(['CORE', 'CORE', 'B2B']);
    for (const f of files) expect(f.blocks.every((b) => b.scheme === f.scheme)).toBe(true);
  });

  it('produces files the builder accepts, reading the debtor of each line (which also carries our account as creditor)', () => {
    const lines = [debit(1, { debtor: { name: 'Zoë Kundin', iban: germanIban(1) } }), debit(2, { sequenceType: 'FRST' })];
    const [file] = groupDirectDebits(lines, { nextPaymentInfoId: ids() });
    if (!file) throw new Error('no file');
    const input = { format: 'pain.008.001.08' as const, messageId: 'RUN-1', createdAt: '2026-11-21T09:00:00Z', initiatingParty: 'Kontor', blocks: file.blocks };
    const xml = buildPaymentFile(input, { serializer: 'direct' }).xml.toString();
    expect(xml).toContain('<Dbtr><Nm>Zoe Kundin</Nm></Dbtr>');
    expect(xml.match(/<Cdtr><Nm>Kontor Demo GmbH<\/Nm><\/Cdtr>/g)).toHaveLength(2);
    expect(previewPaymentFileText(input).map((p) => p.field)).toEqual(['blocks[1].transactions[0].debtor.name']);
  });

  it('refuses a line of an unknown scheme rather than leave it out', () => {
    try {
      groupDirectDebits([debit(1), debit(2, { scheme: 'COR1' as 'CORE' })], { nextPaymentInfoId: ids() });
      expect.unreachable();
    } catch (e) {
      expect(isKontorError(e) && e.params).toEqual({ field: 'lines[1].scheme', value: 'COR1' });
    }
  });
});
