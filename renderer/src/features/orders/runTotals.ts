import type { EligibilityReport } from '../../../../shared/domain';

export type Eligible = EligibilityReport['eligible'][number];

/** One line of the run's totals: per currency, what is collected (direct debits) and what is paid out (transfers). */
export interface RunTotal {
  currency: string;
  collectCount: number;
  collectCents: number;
  payCount: number;
  payCents: number;
}

/** Totals of the chosen entries by currency and by direction, currencies in alphabetical order. */
export function runTotals(rows: readonly Eligible[]): RunTotal[] {
  const by = new Map<string, RunTotal>();
  for (const r of rows) {
    const t = by.get(r.currency) ?? { currency: r.currency, collectCount: 0, collectCents: 0, payCount: 0, payCents: 0 };
    if (r.kind === 'direct_debit') {
      t.collectCount += 1;
      t.collectCents += Math.abs(r.amountCents);
    } else {
      t.payCount += 1;
      t.payCents += Math.abs(r.amountCents);
    }
    by.set(r.currency, t);
  }
  return [...by.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

export type KindFilter = '' | 'direct_debit' | 'credit_transfer';

/** The rows a filter shows: by kind, and a search over entry number and counterparty (case-insensitive, accents kept). */
export function filterEligible(rows: readonly Eligible[], f: { kind: KindFilter; search: string }): Eligible[] {
  const needle = f.search.trim().toLocaleLowerCase();
  return rows.filter(
    (r) =>
      (f.kind === '' || r.kind === f.kind) &&
      (needle === '' || r.number.toLocaleLowerCase().includes(needle) || r.accountName.toLocaleLowerCase().includes(needle)),
  );
}
