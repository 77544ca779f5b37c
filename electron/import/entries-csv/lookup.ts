import type { Database } from 'better-sqlite3';
import { getEntity } from '../../ledger/repos/business-entities';
import type { LedgerLookup } from './preview';

/**
 * The ledger as the preview sees it for one business entity, read once: a
 * file of many thousand rows must not cost a query per row and cell.
 */
export function ledgerLookup(db: Database, entityId: number): LedgerLookup {
  const entity = getEntity(db, entityId);
  const accounts = new Map(
    (db.prepare('SELECT id, number, name FROM account').all() as { id: number; number: string; name: string }[]).map((a) => [a.number, a]),
  );
  const numbers = new Set((db.prepare('SELECT number FROM entry WHERE entity_id = ?').pluck().all(entityId) as string[]));
  const mandates = new Map(
    (
      db
        .prepare("SELECT id, account_id AS accountId, mandate_id AS mandateId FROM payment_instrument WHERE entity_id = ? AND kind = 'sepa_mandate'")
        .all(entityId) as { id: number; accountId: number; mandateId: string }[]
    ).map((m) => [m.mandateId, m]),
  );
  return {
    entityId,
    preferredBankAccountId: entity.preferredBankAccountId,
    account: (number) => accounts.get(number),
    entryExists: (number) => numbers.has(number),
    mandate: (mandateId) => mandates.get(mandateId),
  };
}
