import type { Database } from 'better-sqlite3';

/**
 * What an import reads of the ledger once per file, rather than once per
 * row: a file of many thousand rows must not cost a query per row and cell.
 */

export interface AccountKey {
  id: number;
  number: string;
  name: string;
  kind: 'customer' | 'supplier';
  /** The party's usual payment method; an imported entry without one of its own takes it. */
  paymentMethod?: 'sepa' | 'other' | null;
}

export interface MandateKey {
  id: number;
  accountId: number;
  mandateId: string;
}

/** Every customer and supplier by number. */
export function accountsByNumber(db: Database): Map<string, AccountKey> {
  const rows = db.prepare('SELECT id, number, name, kind, payment_method AS paymentMethod FROM account').all() as AccountKey[];
  return new Map(rows.map((a) => [a.number, a]));
}

/** The entry numbers a business entity has used. */
export function entryNumbersOfEntity(db: Database, entityId: number): Set<string> {
  return new Set(db.prepare('SELECT number FROM entry WHERE entity_id = ?').pluck().all(entityId) as string[]);
}

/** A business entity's SEPA mandates by their reference. */
export function mandatesOfEntity(db: Database, entityId: number): Map<string, MandateKey> {
  const rows = db
    .prepare("SELECT id, account_id AS accountId, mandate_id AS mandateId FROM payment_instrument WHERE entity_id = ? AND kind = 'sepa_mandate'")
    .all(entityId) as MandateKey[];
  return new Map(rows.map((m) => [m.mandateId, m]));
}

/** The IBANs each account has instruments with (bank details or mandates) for one business entity, by account id. */
export function instrumentIbansOfEntity(db: Database, entityId: number): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const r of db.prepare('SELECT account_id AS accountId, iban FROM payment_instrument WHERE entity_id = ?').all(entityId) as {
    accountId: number;
    iban: string;
  }[]) {
    const set = out.get(r.accountId) ?? new Set<string>();
    set.add(r.iban);
    out.set(r.accountId, set);
  }
  return out;
}

/** Every IBAN with the BIC the ledger has for it: own bank accounts first, then customers' and suppliers' instruments. */
export function ibansWithBic(db: Database): { iban: string; bic: string }[] {
  return db
    .prepare(
      `SELECT iban, bic FROM bank_account WHERE bic IS NOT NULL AND bic <> ''
       UNION ALL SELECT iban, bic FROM payment_instrument WHERE bic IS NOT NULL AND bic <> ''`,
    )
    .all() as { iban: string; bic: string }[];
}
