/** The bank's switchable rules (migration 004), each a named value. */
import type { Database } from 'better-sqlite3';

export interface BankRules {
  /** A credit transfer file with a single payment is refused unless it is sent with verification of payee (CTV/CIV, BTF VOI). */
  singlePaymentNeedsVop: boolean;
}

export const DEFAULT_BANK_RULES: BankRules = { singlePaymentNeedsVop: false };

export function readBankRules(db: Database): BankRules {
  const rows = db.prepare('SELECT name, value FROM bank_rule').all() as Array<{ name: string; value: string }>;
  const stored = new Map(rows.map((r) => [r.name, r.value]));
  return { singlePaymentNeedsVop: (stored.get('singlePaymentNeedsVop') ?? String(DEFAULT_BANK_RULES.singlePaymentNeedsVop)) === 'true' };
}

export function writeBankRules(db: Database, rules: BankRules, at: string): void {
  const put = db.prepare(
    'INSERT INTO bank_rule (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  db.transaction(() => {
    for (const [name, value] of Object.entries(rules)) put.run(name, String(value), at);
  })();
}
