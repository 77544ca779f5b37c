/** PostgreSQL twin of ../../migrations/012-statement-archive.ts (same version number; see ../migrate.ts). */
export const sql = /* sql */ `
ALTER TABLE import_file ADD COLUMN content_store TEXT NOT NULL DEFAULT 'ledger' CHECK (content_store IN ('ledger', 'archive'));
`;
