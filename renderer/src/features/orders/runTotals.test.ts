import { describe, expect, it } from 'vitest';
import { filterEligible, runTotals, type Eligible } from './runTotals';

const row = (number: string, kind: Eligible['kind'], amountCents: number, currency = 'EUR', accountName = 'Müller KG'): Eligible => ({
  entryId: number.length,
  number,
  accountName,
  kind,
  amountCents,
  currency,
  bankAccountId: 1,
  requestedDate: '2026-11-27',
  dateMoved: false,
});

describe('run totals', () => {
  it('adds what is collected and what is paid separately per currency, never netting them', () => {
    const rows = [
      row('RE-1', 'direct_debit', 10_000),
      row('ER-1', 'credit_transfer', 2_500),
      row('ER-2', 'credit_transfer', 500),
      row('ER-3', 'credit_transfer', 700, 'CHF'),
    ];
    expect(runTotals(rows)).toEqual([
      { currency: 'CHF', collectCount: 0, collectCents: 0, payCount: 1, payCents: 700 },
      { currency: 'EUR', collectCount: 1, collectCents: 10_000, payCount: 2, payCents: 3_000 },
    ]);
  });

  it('filters by kind and by a search over number and counterparty', () => {
    const rows = [row('RE-1', 'direct_debit', 1), row('ER-1', 'credit_transfer', 1, 'EUR', 'Schreinerei Holzwurm'), row('ER-22', 'credit_transfer', 1)];
    expect(filterEligible(rows, { kind: 'credit_transfer', search: '' }).map((r) => r.number)).toEqual(['ER-1', 'ER-22']);
    expect(filterEligible(rows, { kind: '', search: 'holzWURM' }).map((r) => r.number)).toEqual(['ER-1']);
    expect(filterEligible(rows, { kind: 'direct_debit', search: 'ER-2' })).toEqual([]);
  });
});
