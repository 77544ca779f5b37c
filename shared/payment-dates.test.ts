import { describe, expect, it } from 'vitest';
import { paymentDateProblem, paymentDateWindow } from './payment-dates';

// Monday 30 March 2026; Good Friday is 3 April, Easter Monday 6 April.
const MONDAY = '2026-03-30';

describe('payment date rules', () => {
  it('lets a collection start one TARGET2 day after today and end 14 days ahead', () => {
    expect(paymentDateWindow('direct_debit', MONDAY)).toEqual({ earliest: '2026-03-31', latest: '2026-04-13' });
    expect(paymentDateWindow('credit_transfer', MONDAY)).toEqual({ earliest: MONDAY, latest: '2026-04-13' });
    // Thursday before Easter: the next TARGET2 day is the Tuesday after Easter Monday.
    expect(paymentDateWindow('direct_debit', '2026-04-02').earliest).toBe('2026-04-07');
  });

  it('runs a horizon that ends on a weekend or holiday on to the next TARGET2 day', () => {
    // Saturday + 14 = Saturday 11 April → Monday 13 April.
    expect(paymentDateWindow('direct_debit', '2026-03-28').latest).toBe('2026-04-13');
    // 11 Dec 2026 + 14 = Friday 25 Dec → Monday 28 Dec (26 Dec a Saturday).
    expect(paymentDateWindow('credit_transfer', '2026-12-11').latest).toBe('2026-12-28');
  });

  it.each([
    ['a Saturday', '2026-04-04', '2026-04-07'],
    ['a Sunday', '2026-04-05', '2026-04-07'],
    ['Good Friday', '2026-04-03', '2026-04-07'],
    ['Easter Monday', '2026-04-06', '2026-04-07'],
  ])('refuses a collection on %s as not a business day, naming the next one', (_what, date, next) => {
    expect(paymentDateProblem('direct_debit', date, MONDAY)).toEqual({ rule: 'nonBusinessDay', date, next, earliest: '2026-03-31', latest: '2026-04-13' });
  });

  it('refuses a collection on 25 and 26 December', () => {
    expect(paymentDateProblem('direct_debit', '2026-12-25', '2026-12-21')).toMatchObject({ rule: 'nonBusinessDay', next: '2026-12-28' });
    expect(paymentDateProblem('direct_debit', '2025-12-26', '2025-12-22')).toMatchObject({ rule: 'nonBusinessDay', next: '2025-12-29' });
  });

  it('refuses a collection before the lead time and one beyond the horizon', () => {
    expect(paymentDateProblem('direct_debit', MONDAY, MONDAY)).toMatchObject({ rule: 'tooEarly', earliest: '2026-03-31' });
    expect(paymentDateProblem('direct_debit', '2026-03-27', MONDAY)).toMatchObject({ rule: 'tooEarly' });
    expect(paymentDateProblem('direct_debit', '2026-03-31', MONDAY)).toBeNull();
    expect(paymentDateProblem('direct_debit', '2026-04-13', MONDAY)).toBeNull();
    expect(paymentDateProblem('direct_debit', '2026-04-14', MONDAY)).toMatchObject({ rule: 'tooFarAhead', latest: '2026-04-13' });
  });

  it('names the window, not the weekday, for a weekend date outside it', () => {
    expect(paymentDateProblem('direct_debit', '2026-03-29', MONDAY)?.rule).toBe('tooEarly');
    expect(paymentDateProblem('direct_debit', '2026-04-18', MONDAY)?.rule).toBe('tooFarAhead');
  });

  it('takes a transfer from today, on a weekend too, and refuses one in the past or beyond the horizon', () => {
    expect(paymentDateProblem('credit_transfer', MONDAY, MONDAY)).toBeNull();
    expect(paymentDateProblem('credit_transfer', '2026-04-04', MONDAY)).toBeNull();
    expect(paymentDateProblem('credit_transfer', '2026-03-27', MONDAY)).toMatchObject({ rule: 'tooEarly', earliest: MONDAY });
    expect(paymentDateProblem('credit_transfer', '2026-04-14', MONDAY)).toMatchObject({ rule: 'tooFarAhead', latest: '2026-04-13' });
  });
});
