/** PostgreSQL twin of ../../migrations/007-statement-dialects.ts (same version number; see ../migrate.ts). */
export const sql = /* sql */ `
ALTER TABLE statement ADD COLUMN dialect TEXT;
ALTER TABLE statement ADD COLUMN encoding TEXT;
ALTER TABLE statement_line ADD COLUMN bank_transaction_id TEXT;
ALTER TABLE statement_line ADD COLUMN return_reason_text TEXT;
`;
