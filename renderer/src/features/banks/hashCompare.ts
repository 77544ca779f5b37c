/**
 * Comparing a bank key hash typed (or pasted) from the bank's confirmation
 * letter with the one Kontor fetched by HPB. Spaces, colons and case do not
 * matter (banks print hashes in groups, upper or lower case); the service
 * compares the same way.
 */

/** The hash without spaces and colons, upper case: what is compared. */
export function normalizeHash(text: string): string {
  return text.replace(/[\s:]+/g, '').toUpperCase();
}

/** `AB CD EF …`: the way letters print hashes. */
export function formatHash(text: string): string {
  return (normalizeHash(text).match(/.{1,2}/g) ?? []).join(' ');
}

export type CharState = 'same' | 'differs' | 'missing' | 'extra';

export interface CharCompare {
  /** The character the bank's key has here ('' beyond its end). */
  expected: string;
  /** The character typed here ('' not typed yet). */
  typed: string;
  state: CharState;
}

export interface PairCompare {
  chars: CharCompare[];
  /** A typed character here is wrong (or one too many). */
  wrong: boolean;
}

export interface HashComparison {
  pairs: PairCompare[];
  /** Characters typed wrong or one too many. */
  differing: number;
  /** Characters of the bank's hash not typed yet. */
  missing: number;
  typedLength: number;
  expectedLength: number;
  /** Exactly the bank's hash: the only state in which it may be accepted. */
  matches: boolean;
}

export function compareHash(expectedText: string, typedText: string): HashComparison {
  const expected = normalizeHash(expectedText);
  const typed = normalizeHash(typedText);
  const length = Math.max(expected.length, typed.length);
  const pairs: PairCompare[] = [];
  let differing = 0;
  let missing = 0;
  for (let start = 0; start < length; start += 2) {
    const chars: CharCompare[] = [];
    for (let i = start; i < Math.min(start + 2, length); i++) {
      const e = expected[i] ?? '';
      const t = typed[i] ?? '';
      const state: CharState = e === '' ? 'extra' : t === '' ? 'missing' : e === t ? 'same' : 'differs';
      if (state === 'differs' || state === 'extra') differing++;
      if (state === 'missing') missing++;
      chars.push({ expected: e, typed: t, state });
    }
    pairs.push({ chars, wrong: chars.some((c) => c.state === 'differs' || c.state === 'extra') });
  }
  return {
    pairs,
    differing,
    missing,
    typedLength: typed.length,
    expectedLength: expected.length,
    matches: expected.length > 0 && typed === expected,
  };
}
