import { describe, expect, it } from 'vitest';
import { amountFlags, currencyExponent, decimalToMinor } from './amount';

describe('decimalToMinor', () => {
  it('reads camt and MT940 decimals into minor units without floats', () => {
    const cases: [string, number, number][] = [
      ['1234.50', 2, 123450],
      ['1234,5', 2, 123450],
      ['203,', 2, 20300],
      ['0,7', 2, 70],
      ['000000001000.12', 2, 100012],
      [' 8.850 ', 2, 885],
      ['2700', 0, 2700],
      ['1.234', 3, 1234],
      ['0.1', 2, 10],
      ['999999999999.99', 2, 99999999999999],
      ['-5.00', 2, -500],
      ['-0.00', 2, 0],
    ];
    for (const [text, exp, want] of cases) {
      expect(decimalToMinor(text, exp), text).toBe(want);
      expect(amountFlags.lostPrecision, text).toBe(false);
    }
    expect(Object.is(decimalToMinor('-0.00', 2), -0)).toBe(false);
  });
  it('rounds digits beyond the currency exponent half up and says so', () => {
    expect(decimalToMinor('5442.09000', 2)).toBe(544209);
    expect(amountFlags.lostPrecision).toBe(false);
    expect(decimalToMinor('0.005', 2)).toBe(1);
    expect(amountFlags.lostPrecision).toBe(true);
    expect(decimalToMinor('0.0049', 2)).toBe(0);
    expect(amountFlags.lostPrecision).toBe(true);
    expect(decimalToMinor('2700.4', 0)).toBe(2700);
    expect(amountFlags.lostPrecision).toBe(true);
  });
  it('refuses what is not a plain decimal', () => {
    for (const t of ['', ' ', '.', ',', '1.2.3', '1,234.56', '12x', 'EUR 5', '1e5', '--1', '99999999999999999']) expect(decimalToMinor(t, 2), t).toBeNaN();
  });
  it('knows the ISO 4217 exponents', () => {
    expect([
      currencyExponent('EUR'),
      currencyExponent('JPY'),
      currencyExponent('KWD'),
      currencyExponent('CLF'),
      currencyExponent(undefined),
      currencyExponent('XXX'),
    ]).toEqual([2, 0, 3, 4, 2, 2]);
  });
});
