import { describe, expect, it } from 'vitest';
import { compareHash, formatHash, normalizeHash } from './hashCompare';

const BANK = 'A1 B2 C3 D4 E5 F6 07 18';

describe('comparing a bank key hash with the bank’s letter', () => {
  it('ignores spaces, line breaks, colons and case', () => {
    expect(normalizeHash(' a1 b2\nc3\td4:e5 ')).toBe('A1B2C3D4E5');
    expect(formatHash('a1b2c3d')).toBe('A1 B2 C3 D');
    const c = compareHash(BANK, 'a1b2 c3d4e5f6 0718');
    expect(c).toMatchObject({ matches: true, differing: 0, missing: 0, typedLength: 16, expectedLength: 16 });
    expect(c.pairs).toHaveLength(8);
    expect(c.pairs.every((p) => !p.wrong)).toBe(true);
  });

  it('counts and locates each character that differs', () => {
    const c = compareHash(BANK, 'A1 B2 C3 D4 E5 F6 O7 19');
    expect(c.matches).toBe(false);
    expect(c.differing).toBe(2);
    expect(c.pairs.map((p) => p.wrong)).toEqual([false, false, false, false, false, false, true, true]);
    expect(c.pairs[6]!.chars).toEqual([
      { expected: '0', typed: 'O', state: 'differs' },
      { expected: '7', typed: '7', state: 'same' },
    ]);
  });

  it('tells a hash typed halfway from a wrong one', () => {
    const c = compareHash(BANK, 'A1 B2 C');
    expect(c).toMatchObject({ matches: false, differing: 0, missing: 11, typedLength: 5 });
    expect(c.pairs[2]!.chars).toEqual([
      { expected: 'C', typed: 'C', state: 'same' },
      { expected: '3', typed: '', state: 'missing' },
    ]);
  });

  it('counts characters beyond the end of the bank’s hash as wrong', () => {
    const c = compareHash(BANK, `${BANK} FF`);
    expect(c).toMatchObject({ matches: false, differing: 2, missing: 0 });
    expect(c.pairs[8]).toEqual({
      wrong: true,
      chars: [
        { expected: '', typed: 'F', state: 'extra' },
        { expected: '', typed: 'F', state: 'extra' },
      ],
    });
  });

  it('never matches an empty hash', () => {
    expect(compareHash('', '').matches).toBe(false);
    expect(compareHash(BANK, '').matches).toBe(false);
  });
});
