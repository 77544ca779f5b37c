import type { Database } from 'better-sqlite3';
import { getEntity } from '../../ledger/repos/business-entities';
import { accountsByNumber, entryNumbersOfEntity, mandatesOfEntity } from '../../ledger/repos/import-lookup';
import { partyLedger } from '../parties/lookup';
import type { LedgerLookup } from './preview';

/** The ledger as the preview sees it for one business entity, read once. */
export function ledgerLookup(db: Database, entityId: number): LedgerLookup {
  const entity = getEntity(db, entityId);
  const accounts = accountsByNumber(db);
  const numbers = entryNumbersOfEntity(db, entityId);
  return {
    ...partyLedger(db, entityId, mandatesOfEntity(db, entityId)),
    preferredBankAccountId: entity.preferredBankAccountId,
    account: (number) => accounts.get(number),
    entryExists: (number) => numbers.has(number),
  };
}
