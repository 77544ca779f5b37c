import { describe, expect, it } from 'vitest';
import { directionOf, kindOfOrderType, shownEntryCents, shownOrderCents, shownPaymentCents } from './direction';

describe('the sign rule: money in positive, money out negative', () => {
  it('shows a receivable positive and a payable negative, as stored', () => {
    expect(shownEntryCents({ amountCents: 12_000 })).toBe(12_000);
    expect(shownEntryCents({ amountCents: -5_000 })).toBe(-5_000);
  });

  it('shows a collected payment (stored negative) positive and a payout (stored positive) negative', () => {
    expect(shownPaymentCents({ amountCents: -12_000 })).toBe(12_000);
    expect(shownPaymentCents({ amountCents: 5_000 })).toBe(-5_000);
    expect(Object.is(shownPaymentCents({ amountCents: 0 }), 0)).toBe(true);
  });

  it('shows a direct-debit order positive and a credit-transfer order negative, whatever the control sum sign', () => {
    expect(shownOrderCents('direct_debit', 123_456)).toBe(123_456);
    expect(shownOrderCents('direct_debit', -123_456)).toBe(123_456);
    expect(shownOrderCents('credit_transfer', 50_000)).toBe(-50_000);
    expect(Object.is(shownOrderCents('credit_transfer', 0), 0)).toBe(true);
  });

  it('gives a direct-debit order lines with the same sign as its total', () => {
    const stored = [-10_000, -2_345];
    const lines = stored.map((amountCents) => shownPaymentCents({ amountCents }));
    const total = shownOrderCents('direct_debit', 12_345);
    expect(lines.every((c) => Math.sign(c) === Math.sign(total))).toBe(true);
    expect(lines.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('gives a credit-transfer order lines with the same sign as its total', () => {
    const lines = [30_000, 20_000].map((amountCents) => shownPaymentCents({ amountCents }));
    expect(lines.reduce((a, b) => a + b, 0)).toBe(shownOrderCents('credit_transfer', 50_000));
  });

  it('names the direction of a shown amount', () => {
    expect(directionOf(1)).toBe('in');
    expect(directionOf(-1)).toBe('out');
    expect(directionOf(0)).toBe('none');
  });

  it('knows which EBICS order types move money which way', () => {
    expect(kindOfOrderType('CCT')).toBe('credit_transfer');
    expect(kindOfOrderType('CDD')).toBe('direct_debit');
    expect(kindOfOrderType('HAC')).toBeUndefined();
  });
});
