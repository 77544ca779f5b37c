import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../shared/dates';
import {
  dayNumber,
  emptyParts,
  normaliseIban,
  normaliseName,
  normFirstCode,
  normOf,
  rawRun,
  referenceKey,
  referenceRaw,
  runBounded,
  splitParts,
} from './normalise';

describe('reference keys', () => {
  it('the same number in every spelling gives one key', () => {
    const keys = ['2019/00023', '2019-00023', '2019.23', '2019 / 023', '2019_00023'].map((s) => referenceKey(s)?.key);
    expect(new Set(keys)).toEqual(new Set(['2019|23']));
    expect(referenceKey('INV001')).toMatchObject({ key: 'INV|1', first: 'INV', parts: 2, weak: false });
    expect(referenceRaw('inv-001')).toBe('INV|001');
    expect(referenceKey('inv 1')?.key).toBe('INV|1');
    expect(referenceKey('RE-1')).toMatchObject({ key: 'RE|1', weak: false });
  });

  it('short keys are weak', () => {
    expect(referenceKey('23')?.weak).toBe(true);
    expect(referenceKey('A1')?.weak).toBe(true);
    expect(referenceKey('4711')?.weak).toBe(false);
    expect(referenceKey('--')).toBeNull();
  });

  it('splits text into parts with hard and soft boundaries', () => {
    const p = splitParts('RE-Nr. 2019/00023, vielen Dank');
    expect(p.norm.slice(0, p.length)).toEqual(['RE', 'NR', '2019', '23', 'VIELEN', 'DANK']);
    expect(p.hard.slice(0, p.length)).toEqual([1, 0, 1, 0, 1, 1]);
    expect(rawRun(p, 2, 3)).toBe('2019|00023');
    // "23" inside "2019/00023" is not bounded; the whole number is.
    expect(runBounded(p, 3, 3)).toBe(false);
    expect(runBounded(p, 2, 2)).toBe(false);
    expect(runBounded(p, 2, 3)).toBe(true);
    // A letter before a number is a boundary: "RE23" names 23.
    const q = splitParts('RE23 2019 00023');
    expect(runBounded(q, 1, 1)).toBe(true);
    expect(runBounded(q, 2, 3)).toBe(true);
  });

  it('normalises a part on demand exactly as the split does, and knows its first character only where it is plain ASCII', () => {
    const text = 'rg inv0042 000 0815/ß-Straße Élan äpfel Zoë 7';
    const full = splitParts(text);
    const lazy = splitParts(text, Infinity, emptyParts(), false);
    expect(lazy.length).toBe(full.length);
    expect(lazy.norm).toEqual([]);
    const firsts: number[] = [];
    for (let k = 0; k < full.length; k++) {
      expect(normOf(lazy, k)).toBe(full.norm[k]);
      const c = normFirstCode(lazy, k);
      firsts.push(c);
      // Where known, it is the normalised part's first character; "ß" upper-cases to "SS", so it is not known there.
      if (c >= 0) expect(c).toBe(full.norm[k]!.charCodeAt(0));
    }
    expect(full.norm.slice(0, full.length)).toEqual(['RG', 'INV', '42', '0', '815', 'SS', 'STRASSE', 'ÉLAN', 'ÄPFEL', 'ZOË', '7']);
    expect(firsts).toEqual([82, 73, 52, 48, 56, -1, 83, -1, -1, 90, 55]);
  });

  it('takes at most maxParts parts and refills a given Parts', () => {
    const into = splitParts('A B C D E F');
    expect(splitParts('x1 y2', 3, into)).toBe(into);
    expect(into.length).toBe(3);
    expect(into.norm.slice(0, into.length)).toEqual(['X', '1', 'Y']);
  });
});

describe('names and IBANs', () => {
  it('drops case, umlauts, accents, punctuation and legal forms', () => {
    expect(normaliseName('Müller & Söhne GmbH & Co. KG')).toBe('MUELLER SOEHNE');
    expect(normaliseName('MUELLER UND SOEHNE GMBH U. CO. KG')).toBe('MUELLER SOEHNE');
    expect(normaliseName('Société Générale S.A.R.L.')).toBe('SOCIETE GENERALE');
    expect(normaliseName('Straße Bau e.K.')).toBe('STRASSE BAU');
    expect(normaliseName('ACME Ltd.')).toBe('ACME');
    expect(normaliseName('GmbH')).toBe('');
    expect(normaliseName(null)).toBe('');
  });

  it('IBANs lose spaces and case', () => {
    expect(normaliseIban('de89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
    expect(normaliseIban('DE89370400440532013000')).toBe('DE89370400440532013000');
    expect(normaliseIban(undefined)).toBe('');
  });
});

describe('dayNumber', () => {
  it('agrees with shared/dates across leap years and centuries', () => {
    for (const start of ['1999-12-31', '2000-02-28', '2024-02-28', '2100-02-27', '2026-11-21']) {
      for (let k = 0; k < 800; k += 37) {
        const d = addDays(start, k);
        expect(dayNumber(d) - dayNumber('1970-01-01')).toBe(daysBetween('1970-01-01', d));
      }
    }
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2026-13-01')).toBeNaN();
    expect(dayNumber('26-11-2026')).toBeNaN();
    expect(dayNumber(null)).toBeNaN();
  });
});
