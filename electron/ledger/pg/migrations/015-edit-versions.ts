/** PostgreSQL twin of ../../migrations/015-edit-versions.ts (same version number; see ../migrate.ts). */
const tables = ['entry', 'account', 'payment_instrument', 'payment_order', 'bank_access'] as const;

export const sql = tables
  .map(
    (t) => `ALTER TABLE ${t} ADD COLUMN version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE ${t} ADD COLUMN changed_by TEXT;
ALTER TABLE ${t} ADD COLUMN changed_at TEXT;`,
  )
  .join('\n');
