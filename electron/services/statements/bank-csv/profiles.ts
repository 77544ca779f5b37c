/**
 * Bank CSV profiles: the built-in ones (electron/statements/bank-csv) and
 * those the users saved on commit (in the ledger).
 */
import type { Database } from 'better-sqlite3';
import type { BankCsvMapping, BankCsvProfile } from '../../../../shared/bank-csv';
import { KontorError } from '../../../../shared/errors';
import { saveBankCsvProfile, savedBankCsvProfiles } from '../../../ledger/repos/bank-csv-profiles';
import { BUILT_IN_PROFILES, genericCandidate, isBuiltInName, type ProfileCandidate } from '../../../statements/bank-csv/profiles';

/** Built-in ones first (Generic last of them), then the saved ones by name. */
export function listBankCsvProfiles(db: Database): BankCsvProfile[] {
  return [
    ...BUILT_IN_PROFILES.map((p) => ({ name: p.name, builtIn: true, mapping: p.mapping })),
    { name: genericCandidate().name, builtIn: true, mapping: genericCandidate().mapping },
    ...savedBankCsvProfiles(db).map((p) => ({ name: p.name, builtIn: false, mapping: p.mapping })),
  ];
}

/** Every profile the proposal weighs (Generic is the fallback, not a candidate). */
export function profileCandidates(db: Database): ProfileCandidate[] {
  return [...BUILT_IN_PROFILES, ...savedBankCsvProfiles(db).map((p) => ({ name: p.name, builtIn: false, mapping: p.mapping, header: p.header }))];
}

export function findBankCsvProfile(db: Database, name: string): ProfileCandidate | undefined {
  const key = name.trim().toLowerCase();
  if (key === genericCandidate().name.toLowerCase()) return genericCandidate();
  return profileCandidates(db).find((p) => p.name.toLowerCase() === key);
}

/** Saves under `name`, replacing a saved profile of the same name (whatever its case); a built-in name is refused. */
export function storeProfile(db: Database, name: string, mapping: BankCsvMapping, header: readonly string[], at: string): void {
  const clean = name.trim();
  if (isBuiltInName(clean)) {
    throw new KontorError('bankCsv.builtInProfile', `"${clean}" is the name of a profile that comes with Kontor; save yours under another name.`, {
      name: clean,
    });
  }
  saveBankCsvProfile(db, { name: clean, mapping, header: [...header], savedAt: at });
}
