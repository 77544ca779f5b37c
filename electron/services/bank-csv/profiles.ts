/**
 * Bank CSV profiles: the built-in ones and those saved on commit, kept in the
 * ledger's settings (every workstation on this ledger shares them). A saved
 * profile remembers the header of the file it was saved from, so it can be
 * proposed for the next file of the same kind.
 */
import type { Database } from 'better-sqlite3';
import { BankCsvMapping, type BankCsvProfile } from '../../../shared/bank-csv';
import { KontorError } from '../../../shared/errors';
import { readSetting, writeSetting } from '../../ledger/repos/settings';
import { BUILT_IN_PROFILES, genericCandidate, isBuiltInName, type ProfileCandidate } from '../../reconcile/csv/profiles';

export const BANK_CSV_PROFILES_KEY = 'bankCsvProfiles';

interface Stored {
  name: string;
  mapping: BankCsvMapping;
  header: string[];
  savedAt: string;
}

/** The saved profiles, by name; one that no longer fits the mapping schema is left out rather than break the list. */
export function savedProfiles(db: Database): Stored[] {
  const stored = readSetting<unknown>(db, BANK_CSV_PROFILES_KEY, []);
  if (!Array.isArray(stored)) return [];
  const out: Stored[] = [];
  for (const p of stored as { name?: unknown; mapping?: unknown; header?: unknown; savedAt?: unknown }[]) {
    const mapping = BankCsvMapping.safeParse(p?.mapping);
    if (typeof p?.name !== 'string' || !mapping.success) continue;
    const header = Array.isArray(p.header) ? p.header.filter((h): h is string => typeof h === 'string') : [];
    out.push({ name: p.name, mapping: mapping.data, header, savedAt: typeof p.savedAt === 'string' ? p.savedAt : '' });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Built-in ones first (Generic last of them), then the saved ones by name. */
export function listBankCsvProfiles(db: Database): BankCsvProfile[] {
  return [
    ...BUILT_IN_PROFILES.map((p) => ({ name: p.name, builtIn: true, mapping: p.mapping })),
    { name: genericCandidate().name, builtIn: true, mapping: genericCandidate().mapping },
    ...savedProfiles(db).map((p) => ({ name: p.name, builtIn: false, mapping: p.mapping })),
  ];
}

/** Every profile the proposal weighs (Generic is the fallback, not a candidate). */
export function profileCandidates(db: Database): ProfileCandidate[] {
  return [...BUILT_IN_PROFILES, ...savedProfiles(db).map((p) => ({ name: p.name, builtIn: false, mapping: p.mapping, header: p.header }))];
}

export function findBankCsvProfile(db: Database, name: string): ProfileCandidate | undefined {
  const key = name.trim().toLowerCase();
  if (key === genericCandidate().name.toLowerCase()) return genericCandidate();
  return profileCandidates(db).find((p) => p.name.toLowerCase() === key);
}

/** Saves under `name`, replacing a saved profile of the same name (whatever its case); a built-in name is refused. */
export function saveBankCsvProfile(db: Database, name: string, mapping: BankCsvMapping, header: readonly string[], at: string): void {
  const clean = name.trim();
  if (isBuiltInName(clean)) {
    throw new KontorError('bankCsv.builtInProfile', `"${clean}" is the name of a profile that comes with Kontor; save yours under another name.`, { name: clean });
  }
  const key = clean.toLowerCase();
  const others = savedProfiles(db).filter((p) => p.name.toLowerCase() !== key);
  writeSetting(db, BANK_CSV_PROFILES_KEY, [...others, { name: clean, mapping, header: [...header], savedAt: at }]);
}
