import { describe, expect, it } from 'vitest';
import { clampedDate, dateFlags, datePart, instant } from './dates';

describe('statement dates', () => {
  it('takes the business date as written from dates and date-times', () => {
    expect(datePart('2014-12-31')).toBe('2014-12-31');
    expect(datePart('2014-12-31T23:30:00-05:00')).toBe('2014-12-31');
    expect(datePart(' 2025-07-23T00:00:00.000000000 ')).toBe('2025-07-23');
    expect(datePart('2019-08-09T11:17:11:735')).toBe('2019-08-09');
    expect(datePart('31.12.2014')).toBeUndefined();
    expect(datePart('2014-13-01')).toBeUndefined();
  });
  it('clamps 30 February and flags it', () => {
    expect(clampedDate(2025, 2, 30)).toBe('2025-02-28');
    expect(dateFlags.adjusted).toBe(true);
    expect(clampedDate(2024, 2, 30)).toBe('2024-02-29');
    expect(clampedDate(2025, 4, 31)).toBe('2025-04-30');
    expect(clampedDate(2025, 4, 30)).toBe('2025-04-30');
    expect(dateFlags.adjusted).toBe(false);
    expect(datePart('2025-02-30')).toBe('2025-02-28');
    expect(dateFlags.adjusted).toBe(true);
    expect(clampedDate(2025, 13, 1)).toBeUndefined();
    expect(clampedDate(2025, 1, 0)).toBeUndefined();
  });
  it('reads odd timestamps as UTC instants', () => {
    expect(instant('2015-03-10T18:43:50+00:00')).toBe('2015-03-10T18:43:50.000Z');
    expect(instant('2019-08-09T11:17:11:735')).toBe('2019-08-09T11:17:11.735Z');
    expect(instant('2023-07-06T10:27:07.213294607Z')).toBe('2023-07-06T10:27:07.213Z');
    expect(instant('2025-03-04T06:00:00+0100')).toBe('2025-03-04T05:00:00.000Z');
    expect(instant('2025-03-04T06:00')).toBe('2025-03-04T06:00:00.000Z');
    expect(instant('2025-03-04')).toBe('2025-03-04T00:00:00.000Z');
    expect(instant('yesterday')).toBeUndefined();
    expect(instant('2025-02-30T00:00:00Z')).toBeUndefined();
  });
});
