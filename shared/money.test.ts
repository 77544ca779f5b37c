import { describe, expect, it } from 'vitest';
import { KontorError } from './errors';
import { assertCents, formatAmount, formatAmountXml, MAX_ABS_CENTS, parseAmount, sumCents } from './money';

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof KontorError) return e.code;
    throw e;
  }
  throw new Error('expected a KontorError, nothing was thrown');
}

describe('parseAmount', () => {
  it.each([
    ['1.234,56', 123456],
    ['1234,56', 123456],
    ['1234.56', 123456],
    ['1,234.56', 123456],
    ['1.234.567,89', 123456789],
    ['1,234,567.89', 123456789],
    ['5', 500],
    ['+5', 500],
    ['0,5', 50],
    ['0.05', 5],
    [',5', 50],
    ['-0,01', -1],
    ['007,10', 710],
    ['  12,30\t', 1230],
  ])('reads %j as %i cents', (text, cents) => {
    expect(parseAmount(text)).toBe(cents);
  });

  it('treats one separator followed by exactly three digits as thousands grouping', () => {
    expect(parseAmount('1.234')).toBe(123400);
    expect(parseAmount('1,234')).toBe(123400);
    expect(parseAmount('-12.500')).toBe(-1250000);
  });

  it('treats a separator after a leading 0 as decimal, not grouping', () => {
    expect(parseAmount('0,500')).toBe(50);
    expect(parseAmount('0.100')).toBe(10);
  });

  it('follows an explicit decimal separator instead of guessing', () => {
    expect(parseAmount('1,500', { decimal: ',' })).toBe(150);
    expect(parseAmount('1.500', { decimal: ',' })).toBe(150000);
    expect(parseAmount('1.500', { decimal: '.' })).toBe(150);
    expect(parseAmount('1,500', { decimal: '.' })).toBe(150000);
    expect(errorCode(() => parseAmount('1,5', { decimal: '.' }))).toBe('amount.invalid');
  });

  it('accepts spaces, no-break spaces, narrow no-break spaces and apostrophes as grouping', () => {
    expect(parseAmount('1 234,56')).toBe(123456);
    expect(parseAmount('1\u00A0234\u00A0567,89')).toBe(123456789);
    expect(parseAmount('1\u202F234,56')).toBe(123456);
    expect(parseAmount("1'234.56")).toBe(123456);
    expect(parseAmount("1'234'567")).toBe(123456700);
  });

  it('reads the single separator as decimal when another grouping is already present', () => {
    expect(parseAmount('1 234,5')).toBe(123450);
    expect(errorCode(() => parseAmount('1 234,567'))).toBe('amount.tooManyDecimals');
  });

  it('refuses inconsistent grouping', () => {
    for (const text of ['1.23.4', '12.34.567', '1234.567,00', '1.234 567,00', '1,23,456.00', '.234.567']) {
      expect(
        errorCode(() => parseAmount(text)),
        text,
      ).toBe('amount.invalid');
    }
  });

  it('reads a trailing minus as in German bank exports', () => {
    expect(parseAmount('1.234,56-')).toBe(-123456);
    expect(parseAmount('1.234,56 -')).toBe(-123456);
  });

  it('never returns negative zero', () => {
    for (const text of ['-0,00', '-0', '0,00-', '-,0']) {
      const cents = parseAmount(text);
      expect(cents).toBe(0);
      expect(Object.is(cents, -0), text).toBe(false);
    }
  });

  it('ignores a currency code or euro sign before or after the number', () => {
    expect(parseAmount('EUR 12,00')).toBe(1200);
    expect(parseAmount('12,00 €')).toBe(1200);
    expect(parseAmount('€12.00')).toBe(1200);
    expect(parseAmount('-1.234,56 EUR')).toBe(-123456);
    expect(parseAmount('EUR -1,234.56')).toBe(-123456);
    expect(parseAmount("CHF 1'000.05")).toBe(100005);
  });

  it('refuses more decimals than allowed unless the extra ones are zeros', () => {
    expect(errorCode(() => parseAmount('1,234', { decimal: ',' }))).toBe('amount.tooManyDecimals');
    expect(errorCode(() => parseAmount('0,001'))).toBe('amount.tooManyDecimals');
    expect(errorCode(() => parseAmount('1234.567'))).toBe('amount.tooManyDecimals');
    expect(parseAmount('1,2300000', { decimal: ',' })).toBe(123);
    expect(errorCode(() => parseAmount('1,5', { maxDecimals: 0 }))).toBe('amount.tooManyDecimals');
    expect(parseAmount('1,50', { maxDecimals: 1 })).toBe(150);
  });

  it('refuses text that is not an amount', () => {
    const bad = [
      '',
      '   ',
      '-',
      ',',
      '5,',
      'abc',
      '12a',
      '--5',
      '+-5',
      '-5-',
      '1e5',
      '1E5',
      'NaN',
      'Infinity',
      '-Infinity',
      '0x10',
      '1_000',
      '½',
      '١٢',
      'EUR',
      'EUR 5 EUR',
      '5 EUR USD',
      '1-234',
      '1.234,56,78',
    ];
    for (const text of bad)
      expect(
        errorCode(() => parseAmount(text)),
        text,
      ).toBe('amount.invalid');
  });

  it('accepts ±999,999,999,999.99 and refuses one cent more', () => {
    expect(parseAmount('999.999.999.999,99')).toBe(MAX_ABS_CENTS);
    expect(parseAmount('-999999999999.99')).toBe(-MAX_ABS_CENTS);
    expect(errorCode(() => parseAmount('1.000.000.000.000,00'))).toBe('amount.outOfRange');
    expect(errorCode(() => parseAmount('99999999999999999999999999'))).toBe('amount.outOfRange');
  });

  it('keeps every cent of large amounts that floating point would round', () => {
    expect(parseAmount('900.719.925.474,09')).toBe(90071992547409);
    expect(parseAmount('0,29')).toBe(29); // 0.29 * 100 = 28.999999999999996
    expect(parseAmount('1.005,01')).toBe(100501);
  });
});

describe('formatAmount', () => {
  it('groups thousands per locale', () => {
    expect(formatAmount(123456, 'de')).toBe('1.234,56');
    expect(formatAmount(123456, 'en')).toBe('1,234.56');
    expect(formatAmount(123456789012, 'de')).toBe('1.234.567.890,12');
    expect(formatAmount(100000, 'en')).toBe('1,000.00');
    expect(formatAmount(99999, 'de')).toBe('999,99');
  });

  it('puts the minus sign first and pads small amounts', () => {
    expect(formatAmount(-123456, 'de')).toBe('-1.234,56');
    expect(formatAmount(-1, 'en')).toBe('-0.01');
    expect(formatAmount(5, 'de')).toBe('0,05');
    expect(formatAmount(0, 'de')).toBe('0,00');
    expect(formatAmount(-0, 'de')).toBe('0,00');
  });

  it('leaves out grouping on request', () => {
    expect(formatAmount(123456789, 'de', { grouping: false })).toBe('1234567,89');
  });

  it('puts the currency after the number in German and before it in English', () => {
    expect(formatAmount(-123456, 'de', { currency: 'EUR' })).toBe('-1.234,56 EUR');
    expect(formatAmount(-123456, 'en', { currency: 'EUR' })).toBe('EUR -1,234.56');
  });

  it('formats the largest amounts exactly', () => {
    expect(formatAmount(MAX_ABS_CENTS, 'de')).toBe('999.999.999.999,99');
    expect(formatAmount(Number.MAX_SAFE_INTEGER, 'en')).toBe('90,071,992,547,409.91');
  });

  it('refuses fractions of a cent', () => {
    expect(() => formatAmount(1.5, 'de')).toThrow(RangeError);
    expect(() => formatAmount(Number.NaN, 'en')).toThrow(RangeError);
  });
});

describe('formatAmountXml', () => {
  it('writes two decimals with a dot and no grouping', () => {
    expect(formatAmountXml(123456)).toBe('1234.56');
    expect(formatAmountXml(-1)).toBe('-0.01');
    expect(formatAmountXml(100)).toBe('1.00');
    expect(formatAmountXml(0)).toBe('0.00');
    expect(formatAmountXml(99999999999)).toBe('999999999.99');
  });
});

// Deterministic pseudo-random cents (an LCG, high bits only), so failures reproduce.
function lcgCents(seed: number, count: number): number[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 8;
  };
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const digits = 1 + (next() % 14); // from 0,0x up to 14 digits
    let value = 0;
    for (let d = 0; d < digits; d++) value = value * 10 + (next() % 10);
    values.push(next() % 2 === 0 ? value : -value);
  }
  return values;
}

describe('format/parse round trip', () => {
  const values = [...lcgCents(20261121, 400), 0, 1, -1, 100, MAX_ABS_CENTS, -MAX_ABS_CENTS];

  it.each(['de', 'en'] as const)('gives back the same cents in %s, with and without grouping', (locale) => {
    for (const cents of values) {
      expect(parseAmount(formatAmount(cents, locale))).toBe(cents);
      expect(parseAmount(formatAmount(cents, locale, { grouping: false }))).toBe(cents);
      expect(parseAmount(formatAmount(cents, locale, { currency: 'EUR' }))).toBe(cents);
      expect(parseAmount(formatAmount(cents, locale), { decimal: locale === 'de' ? ',' : '.' })).toBe(cents);
    }
  });

  it('gives back the same cents from the XML form', () => {
    for (const cents of values) expect(parseAmount(formatAmountXml(cents), { decimal: '.' })).toBe(cents);
  });

  it('covers amounts with and without thousands groups', () => {
    expect(values.some((c) => Math.abs(c) < 100_000)).toBe(true);
    expect(values.some((c) => Math.abs(c) > 100_000_000_000)).toBe(true);
  });
});

describe('assertCents', () => {
  it('returns safe integers and turns -0 into 0', () => {
    expect(assertCents(42)).toBe(42);
    expect(Object.is(assertCents(-0), 0)).toBe(true);
  });

  it('refuses fractions, NaN, infinities and unsafe integers', () => {
    for (const v of [0.5, Number.NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => assertCents(v), String(v)).toThrow(RangeError);
    }
  });
});

describe('sumCents', () => {
  it('adds exactly, from any iterable', () => {
    expect(sumCents([10, 20, -5])).toBe(25);
    expect(sumCents(new Set([1, 2, 3]))).toBe(6);
    expect(sumCents([])).toBe(0);
    expect(Object.is(sumCents([-0]), 0)).toBe(true);
  });

  it('is exact right up to the safe-integer limit', () => {
    expect(sumCents([Number.MAX_SAFE_INTEGER - 1, 1])).toBe(Number.MAX_SAFE_INTEGER);
    expect(sumCents([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 7])).toBe(7);
  });

  it('throws amount.outOfRange when the sum leaves the safe-integer range', () => {
    expect(errorCode(() => sumCents([Number.MAX_SAFE_INTEGER, 1]))).toBe('amount.outOfRange');
    expect(errorCode(() => sumCents([-Number.MAX_SAFE_INTEGER, -2]))).toBe('amount.outOfRange');
  });

  it('refuses non-integer members', () => {
    expect(() => sumCents([1, 0.5])).toThrow(RangeError);
  });
});
