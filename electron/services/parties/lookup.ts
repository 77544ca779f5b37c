import type { Database } from 'better-sqlite3';
import { ibansWithBic, instrumentIbansOfEntity, mandatesOfEntity, type MandateKey } from '../../ledger/repos/import-lookup';
import { bankKey, type PartyLedger } from './bank-details';

/** What an import reads once per file about a business entity's mandates and bank details, and the BICs the ledger knows per bank. */
export function partyLedger(db: Database, entityId: number, mandates: Map<string, MandateKey> = mandatesOfEntity(db, entityId)): PartyLedger {
  const ibans = instrumentIbansOfEntity(db, entityId);
  const bics = new Map<string, string>();
  for (const { iban, bic } of ibansWithBic(db)) {
    const key = bankKey(iban);
    if (key !== null && !bics.has(key)) bics.set(key, bic);
  }
  return {
    entityId,
    mandate: (reference) => mandates.get(reference),
    hasIban: (accountId, iban) => ibans.get(accountId)?.has(iban) === true,
    knownBic: (bank) => bics.get(bank) ?? null,
  };
}
