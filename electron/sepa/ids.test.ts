import { describe, expect, it } from 'vitest';
import { isKontorError, type KontorError } from '../../shared/errors';
import { isValidSepaId } from '../../shared/ids';
import { assertSepaId, checkFileIds, childId, FileIdChecker, IdHashSet, isValidIdFast, SepaIdSequence, sepaId, sepaIdProblem } from './ids';
import { creditTransferInput, directDebitInput, seededRandom } from './test-fixtures';

function caught(fn: () => unknown): KontorError {
  try {
    fn();
  } catch (e) {
    if (isKontorError(e)) return e;
    throw e;
  }
  throw new Error('expected a KontorError');
}

describe('SEPA identifiers', () => {
  it('accepts 1 to 35 characters of the basic set, with single slashes inside', () => {
    for (const id of ['A', 'KONTOR-20261121-000001', 'x'.repeat(35), "a/b-c?d:e(f).g,h'i+j k"]) expect(sepaIdProblem(id), id).toBeUndefined();
  });

  it('refuses a leading slash, a double slash, a trailing slash, 36 characters, nothing and other characters', () => {
    expect(sepaIdProblem('/x')).toBe('leadingSlash');
    expect(sepaIdProblem('a//b')).toBe('doubleSlash');
    expect(sepaIdProblem('ab/')).toBe('trailingSlash');
    expect(sepaIdProblem('x'.repeat(36))).toBe('tooLong');
    expect(sepaIdProblem('')).toBe('empty');
    expect(sepaIdProblem('Müller')).toBe('charset');
    expect(sepaIdProblem('a_b')).toBe('charset');
    // Unanchored patterns would accept these: a valid part inside an invalid whole.
    expect(sepaIdProblem('ok\n//')).toBe('charset');
    expect(sepaIdProblem('valid-part\u0000')).toBe('charset');
  });

  it('throws sepa.invalidInput naming the field and the reason', () => {
    const e = caught(() => assertSepaId('a//b', 'blocks[0].paymentInfoId'));
    expect(e.code).toBe('sepa.invalidInput');
    expect(e.params).toEqual({ field: 'blocks[0].paymentInfoId', value: 'a//b', reason: 'doubleSlash' });
    expect(e.message).toContain('contains //');
  });
});

describe('id generators', () => {
  it('make prefix, date and zero-padded counter, deterministically', () => {
    expect(sepaId('KONTOR', '2026-11-21', 1)).toBe('KONTOR-20261121-000001');
    expect(sepaId('KONTOR', '2026-11-21', 1234567)).toBe('KONTOR-20261121-1234567');
    expect(sepaId('', '2026-11-21', 7, 3)).toBe('20261121-007');
    expect(childId('KONTOR-20261121-000001', 2)).toBe('KONTOR-20261121-000001-002');
  });

  it('refuse what would not be a valid identifier', () => {
    expect(caught(() => sepaId('P'.repeat(20), '2026-11-21', 1)).params.reason).toBe('tooLong');
    expect(caught(() => sepaId('/KONTOR', '2026-11-21', 1)).params.reason).toBe('leadingSlash');
    expect(caught(() => childId('X'.repeat(32), 1)).params.reason).toBe('tooLong');
    expect(() => sepaId('K', '2026-02-30', 1)).toThrow(RangeError);
    expect(() => sepaId('K', '2026-11-21', -1)).toThrow(RangeError);
  });

  it('count on in a sequence, each id unique', () => {
    const seq = new SepaIdSequence('E2E', '2026-11-21', 99_998);
    const ids = [seq.next(), seq.next(), seq.next()];
    expect(ids).toEqual(['E2E-20261121-099998', 'E2E-20261121-099999', 'E2E-20261121-100000']);
    expect(seq.nextCounter).toBe(100_001);
  });

  it('fail when constructed, not on first use, if the prefix cannot work', () => {
    expect(() => new SepaIdSequence('A'.repeat(30), '2026-11-21')).toThrow(/longer than 35/);
  });
});

describe('checkFileIds', () => {
  it('accepts generated files', () => {
    expect(() => checkFileIds(creditTransferInput('pain.001.001.09', { n: 500, seed: 1, blocks: 3 }))).not.toThrow();
    expect(() => checkFileIds(directDebitInput('pain.008.001.08', { n: 500, seed: 1, blocks: 3 }))).not.toThrow();
  });

  it('refuses an end-to-end id used twice in the file, naming both places', () => {
    const input = creditTransferInput('pain.001.001.09', { n: 10, seed: 1, blocks: 2 });
    const [first, second] = input.blocks;
    const tx = second?.transactions[3];
    if (!first || !tx) throw new Error('fixture');
    tx.endToEndId = first.transactions[1]?.endToEndId ?? '';
    const e = caught(() => checkFileIds(input));
    expect(e.code).toBe('sepa.duplicateId');
    expect(e.params).toMatchObject({ field: 'blocks[1].transactions[3].endToEndId', first: 'blocks[0].transactions[1].endToEndId' });
  });

  it('refuses a payment information id used twice', () => {
    const input = creditTransferInput('pain.001.001.03', { n: 4, seed: 1, blocks: 2 });
    const [a, b] = input.blocks;
    if (!a || !b) throw new Error('fixture');
    b.paymentInfoId = a.paymentInfoId;
    expect(caught(() => checkFileIds(input)).code).toBe('sepa.duplicateId');
  });

  it('refuses invalid message, block, end-to-end and mandate ids with the field named', () => {
    const ct = creditTransferInput('pain.001.001.09', { n: 3, seed: 1 });
    expect(caught(() => checkFileIds({ ...ct, messageId: '/MSG' })).params.field).toBe('messageId');
    const tx = ct.blocks[0]?.transactions[2];
    if (!tx) throw new Error('fixture');
    tx.endToEndId = 'E'.repeat(36);
    expect(caught(() => checkFileIds(ct)).params).toMatchObject({ field: 'blocks[0].transactions[2].endToEndId', reason: 'tooLong' });

    const dd = directDebitInput('pain.008.001.08', { n: 3, seed: 1 });
    const debit = dd.blocks[0]?.transactions[1];
    if (!debit) throw new Error('fixture');
    debit.mandateId = 'M//1';
    expect(caught(() => checkFileIds(dd)).params).toMatchObject({ field: 'blocks[0].transactions[1].mandateId', reason: 'doubleSlash' });
  });

  it('allows one mandate to appear twice (it may be collected more than once)', () => {
    const dd = directDebitInput('pain.008.001.08', { n: 4, seed: 1 });
    // the fixture gives every two transactions the same mandate
    expect(dd.blocks[0]?.transactions[0]?.mandateId).toBe(dd.blocks[0]?.transactions[1]?.mandateId);
    expect(() => checkFileIds(dd)).not.toThrow();
  });
});

describe('the one-pass identifier check and the hash set of end-to-end ids', () => {
  it('accepts exactly what isValidSepaId accepts, on edge cases and 20,000 random strings from a fixed seed', () => {
    const edge = ['', 'A', 'x'.repeat(35), 'x'.repeat(36), '/a', 'a/', 'a//b', 'a/b/c', '/', 'Ä', 'a_b', 'ok\n', "a/b-c?d:e(f).g,h'i+j k", '\u0100', 'a b'];
    for (const id of edge) expect(isValidIdFast(id), id).toBe(isValidSepaId(id));
    const random = seededRandom(21);
    const chars = "ab/-?:().,'+ Z9_ÄÖ\n";
    for (let i = 0; i < 20_000; i++) {
      let id = '';
      const length = Math.floor(random() * 40);
      for (let k = 0; k < length; k++) id += chars[Math.floor(random() * chars.length)];
      expect(isValidIdFast(id), JSON.stringify(id)).toBe(isValidSepaId(id));
    }
  });

  it('finds a duplicate end-to-end id among 30,000 and names where it was first used', () => {
    const input = creditTransferInput('pain.001.001.09', { n: 30_000, seed: 3, blocks: 3 });
    checkFileIds(input); // all distinct: no false alarm from the hashes
    const late = input.blocks[2]!.transactions[9_000]!;
    late.endToEndId = input.blocks[1]!.transactions[2_345]!.endToEndId;
    const e = caught(() => checkFileIds(input));
    expect(e.code).toBe('sepa.duplicateId');
    expect(e.params).toMatchObject({ field: 'blocks[2].transactions[9000].endToEndId', first: 'blocks[1].transactions[2345].endToEndId' });
  });

  it('tells ids with equal hashes apart by comparing the ids themselves', () => {
    const set = new IdHashSet();
    expect(set.add(7, 9)).toBe(true);
    expect(set.add(7, 9)).toBe(false);
    expect(set.add(7, 10)).toBe(true);
    // A set that says "maybe seen" for every id: distinct ids still pass, a real duplicate is still found.
    const everyIdCollides = { add: () => false };
    const checker = new FileIdChecker(false, everyIdCollides);
    const txs = ['A-1', 'A-2', 'A-3', 'A-1'].map((endToEndId) => ({ endToEndId }));
    checker.block('BLOCK-1', 0, txs);
    checker.transaction(txs[0]!, 0, 0);
    checker.transaction(txs[1]!, 0, 1);
    checker.transaction(txs[2]!, 0, 2);
    const e = caught(() => checker.transaction(txs[3]!, 0, 3));
    expect(e.params).toMatchObject({ field: 'blocks[0].transactions[3].endToEndId', first: 'blocks[0].transactions[0].endToEndId' });
  });
});
