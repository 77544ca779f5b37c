import { describe, expect, it } from 'vitest';
import { isFiltered, NO_LINE_FILTER, toLineFilter } from './filters';

describe('toLineFilter', () => {
  it('gives an empty filter for nothing typed', () => {
    expect(toLineFilter(NO_LINE_FILTER, 'de')).toEqual({ filter: {}, invalid: {} });
    expect(isFiltered(NO_LINE_FILTER)).toBe(false);
  });

  it('reads German amounts and dates', () => {
    const { filter, invalid } = toLineFilter({ ...NO_LINE_FILTER, from: '01.03.2026', to: '2026-03-31', minAmount: '-1.250,5', maxAmount: '10.000' }, 'de');
    expect(invalid).toEqual({});
    expect(filter).toEqual({ from: '2026-03-01', to: '2026-03-31', minCents: -125050, maxCents: 1_000_000 });
  });

  it('reads English amounts with the dot as decimal separator', () => {
    expect(toLineFilter({ ...NO_LINE_FILTER, minAmount: '1,250.50', maxAmount: '0.5' }, 'en').filter).toEqual({ minCents: 125050, maxCents: 50 });
    // In German the same text means something else (or nothing).
    expect(toLineFilter({ ...NO_LINE_FILTER, maxAmount: '0.5' }, 'de').invalid.maxAmount?.code).toBe('amount.invalid');
  });

  it('leaves out and reports what does not parse', () => {
    const { filter, invalid } = toLineFilter({ ...NO_LINE_FILTER, from: '31.02.2026', minAmount: '12,345', text: 'Miete' }, 'de');
    expect(filter).toEqual({ text: 'Miete' });
    expect(invalid.from?.code).toBe('date.invalid');
    expect(invalid.minAmount?.code).toBe('amount.tooManyDecimals');
  });

  it('passes text, counterparty, match state and direction', () => {
    const values = { ...NO_LINE_FILTER, text: '  RE 4711 ', counterparty: 'Holzwurm', matched: 'unmatched' as const, direction: 'out' as const };
    expect(isFiltered(values)).toBe(true);
    expect(toLineFilter(values, 'en').filter).toEqual({ text: 'RE 4711', counterparty: 'Holzwurm', matched: 'unmatched', direction: 'out' });
  });
});
