import type { Database } from 'better-sqlite3';
import { BankCsvMapping } from '../../../shared/bank-csv';
import { readSetting, writeSetting } from './settings';

/**
 * Bank CSV profiles the users saved, in the ledger's settings (every
 * workstation on this ledger shares them). A saved profile remembers the
 * header of the file it was saved from, so it can be proposed for the next
 * file of the same kind.
 */
export const BANK_CSV_PROFILES_KEY = 'bankCsvProfiles';

export interface SavedBankCsvProfile {
  name: string;
  mapping: BankCsvMapping;
  header: string[];
  savedAt: string;
}

/** The saved profiles, by name; one that no longer fits the mapping schema is left out rather than break the list. */
export function savedBankCsvProfiles(db: Database): SavedBankCsvProfile[] {
  const stored = readSetting<unknown>(db, BANK_CSV_PROFILES_KEY, []);
  if (!Array.isArray(stored)) return [];
  const out: SavedBankCsvProfile[] = [];
  for (const p of stored as { name?: unknown; mapping?: unknown; header?: unknown; savedAt?: unknown }[]) {
    const mapping = BankCsvMapping.safeParse(p?.mapping);
    if (typeof p?.name !== 'string' || !mapping.success) continue;
    const header = Array.isArray(p.header) ? p.header.filter((h): h is string => typeof h === 'string') : [];
    out.push({ name: p.name, mapping: mapping.data, header, savedAt: typeof p.savedAt === 'string' ? p.savedAt : '' });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Saves a profile, replacing a saved one of the same name (whatever its case). */
export function saveBankCsvProfile(db: Database, profile: SavedBankCsvProfile): void {
  const key = profile.name.toLowerCase();
  const others = savedBankCsvProfiles(db).filter((p) => p.name.toLowerCase() !== key);
  writeSetting(db, BANK_CSV_PROFILES_KEY, [...others, profile]);
}
