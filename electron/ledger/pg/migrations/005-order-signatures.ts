/** PostgreSQL twin of ../../migrations/005-order-signatures.ts (same version number; see ../migrate.ts). */
export const sql = /* sql */ `
ALTER TABLE payment_order ADD COLUMN signatures_done BIGINT;
ALTER TABLE payment_order ADD COLUMN signatures_required BIGINT;
ALTER TABLE payment_order ADD COLUMN signatures_checked_at TEXT;
`;
