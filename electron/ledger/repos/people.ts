import type { Database } from 'better-sqlite3';

export const ROLES = ['viewer', 'preparer', 'approver', 'signer', 'administrator'] as const;
export type PersonRole = (typeof ROLES)[number];

export interface PersonRow {
  identity: string;
  displayName: string | null;
  firstSeenAt: string;
  roles: PersonRole[];
}

/** Records a person the first time they act; later calls change nothing. */
export function registerPerson(db: Database, identity: string, at: string): void {
  db.prepare('INSERT INTO person (identity, first_seen_at) VALUES (?, ?) ON CONFLICT (identity) DO NOTHING').run(identity, at);
}

export function anyRoleGranted(db: Database): boolean {
  return db.prepare('SELECT 1 FROM person_role LIMIT 1').get() !== undefined;
}

export function rolesOf(db: Database, identity: string): PersonRole[] {
  const rows = db.prepare('SELECT role FROM person_role WHERE identity = ?').all(identity) as Array<{ role: PersonRole }>;
  return ROLES.filter((r) => rows.some((row) => row.role === r));
}

export function getPerson(db: Database, identity: string): PersonRow | undefined {
  const row = db.prepare('SELECT identity, display_name AS displayName, first_seen_at AS firstSeenAt FROM person WHERE identity = ?').get(identity) as
    Omit<PersonRow, 'roles'> | undefined;
  return row ? { ...row, roles: rolesOf(db, identity) } : undefined;
}

export function listPeople(db: Database): PersonRow[] {
  const rows = db.prepare('SELECT identity, display_name AS displayName, first_seen_at AS firstSeenAt FROM person ORDER BY identity').all() as Array<
    Omit<PersonRow, 'roles'>
  >;
  return rows.map((r) => ({ ...r, roles: rolesOf(db, r.identity) }));
}

export function setDisplayName(db: Database, identity: string, displayName: string | null): void {
  db.prepare('UPDATE person SET display_name = ? WHERE identity = ?').run(displayName, identity);
}

/** True when the role was new. */
export function grantRole(db: Database, identity: string, role: PersonRole, by: string, at: string): boolean {
  const r = db
    .prepare('INSERT INTO person_role (identity, role, granted_by, granted_at) VALUES (?, ?, ?, ?) ON CONFLICT (identity, role) DO NOTHING')
    .run(identity, role, by, at);
  return r.changes > 0;
}

/** True when the person held the role. */
export function revokeRole(db: Database, identity: string, role: PersonRole): boolean {
  return db.prepare('DELETE FROM person_role WHERE identity = ? AND role = ?').run(identity, role).changes > 0;
}

export function holdersOf(db: Database, role: PersonRole): string[] {
  return (db.prepare('SELECT identity FROM person_role WHERE role = ? ORDER BY identity').all(role) as Array<{ identity: string }>).map((r) => r.identity);
}
