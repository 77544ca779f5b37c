import type { Database } from 'better-sqlite3';

/**
 * What an import reads of the ledger once per file, rather than once per
 * row: a file of many thousand rows must not cost a query per row and cell.
 */

export interface AccountKey {
  id: number;
  number: string;
  name: string;
}

export interface MandateKey {
  id: number;
  accountId: number;
  mandateId: string;
}

/** Every customer and supplier by number. */
export function accountsByNumber(db: Database): Map<string, AccountKey> {
  const rows = db.prepare('SELECT id, number, name FROM account').all() as AccountKey[];
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
