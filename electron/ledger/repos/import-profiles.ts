import type { Database } from 'better-sqlite3';
import { ImportMapping, type ImportProfile } from '../../../shared/entry-import';
import { PartyImportProfile, type PartyMapping } from '../../../shared/parties';
import { readSetting, writeSetting } from './settings';

/** Saved mappings of the entries import, by name, in the ledger's settings: every workstation on this ledger shares them. */
export const PROFILES_KEY = 'entryImportProfiles';

/** The saved profiles, by name; one that no longer fits the mapping schema is left out rather than break the list. */
export function listImportProfiles(db: Database): ImportProfile[] {
  const stored = readSetting<unknown>(db, PROFILES_KEY, []);
  if (!Array.isArray(stored)) return [];
  const profiles: ImportProfile[] = [];
  for (const p of stored as { name?: unknown; mapping?: unknown; savedAt?: unknown }[]) {
    const mapping = ImportMapping.safeParse(p?.mapping);
    if (typeof p?.name === 'string' && typeof p.savedAt === 'string' && mapping.success)
      profiles.push({ name: p.name, mapping: mapping.data, savedAt: p.savedAt });
  }
  return profiles.sort((a, b) => a.name.localeCompare(b.name));
}

export function findImportProfile(db: Database, name: string): ImportProfile | undefined {
  const key = name.trim().toLowerCase();
  return listImportProfiles(db).find((p) => p.name.toLowerCase() === key);
}

/** Saves under `name`, replacing a profile of the same name (whatever its case). */
export function saveImportProfile(db: Database, name: string, mapping: ImportMapping, at: string): void {
  const key = name.trim().toLowerCase();
  const others = listImportProfiles(db).filter((p) => p.name.toLowerCase() !== key);
  writeSetting(db, PROFILES_KEY, [...others, { name: name.trim(), mapping, savedAt: at }]);
}

/** Saved mappings of the parties (master data) import, as the entries import keeps its own. */
export const PARTY_PROFILES_KEY = 'partyImportProfiles';

export function listPartyImportProfiles(db: Database): PartyImportProfile[] {
  const stored = readSetting<unknown>(db, PARTY_PROFILES_KEY, []);
  if (!Array.isArray(stored)) return [];
  const profiles: PartyImportProfile[] = [];
  for (const p of stored as unknown[]) {
    const parsed = PartyImportProfile.safeParse(p);
    if (parsed.success) profiles.push(parsed.data);
  }
  return profiles.sort((a, b) => a.name.localeCompare(b.name));
}

export function findPartyImportProfile(db: Database, name: string): PartyImportProfile | undefined {
  const key = name.trim().toLowerCase();
  return listPartyImportProfiles(db).find((p) => p.name.toLowerCase() === key);
}

export function savePartyImportProfile(db: Database, name: string, mapping: PartyMapping, at: string): void {
  const key = name.trim().toLowerCase();
  const others = listPartyImportProfiles(db).filter((p) => p.name.toLowerCase() !== key);
  writeSetting(db, PARTY_PROFILES_KEY, [...others, { name: name.trim(), mapping, savedAt: at }]);
}
