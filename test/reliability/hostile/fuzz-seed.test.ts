/**
 * CI fuzzes the same cases every run (issue 15, item 8): the short mode uses
 * a fixed seed; only the full run draws a fresh one (and prints it, like
 * every fuzz suite); KONTOR_FUZZ_SEED replays any run.
 */
import { describe, expect, it } from 'vitest';
import { FIXED_FUZZ_SEED, caseRandom, fuzzSeed, mutate } from './fuzz';

describe('fuzz seeds', () => {
  it('are fixed in the short (CI) mode, so two CI runs fuzz the same cases', () => {
    expect(fuzzSeed({})).toBe(FIXED_FUZZ_SEED);
    expect(fuzzSeed({ KONTOR_RELIABILITY: 'short' })).toBe(FIXED_FUZZ_SEED);
    const corpus = [Buffer.from('<Document><Ntry>1</Ntry></Document>'), Buffer.from(':20:X\r\n:61:1,00\r\n')];
    const cases = (seed: number) => Array.from({ length: 20 }, (_, i) => mutate(caseRandom(seed, i), corpus).bytes.toString('hex'));
    expect(cases(fuzzSeed({}))).toEqual(cases(fuzzSeed({})));
  });

  it('are fresh in the full run and follow KONTOR_FUZZ_SEED when given', () => {
    const drawn = new Set(Array.from({ length: 4 }, () => fuzzSeed({ KONTOR_RELIABILITY: 'full' })));
    expect(drawn.size).toBeGreaterThan(1);
    expect(fuzzSeed({ KONTOR_RELIABILITY: 'full', KONTOR_FUZZ_SEED: '42' })).toBe(42);
    expect(fuzzSeed({ KONTOR_FUZZ_SEED: '7' })).toBe(7);
    expect(() => fuzzSeed({ KONTOR_FUZZ_SEED: '-1' })).toThrow(/KONTOR_FUZZ_SEED/);
  });
});
