/** PostgreSQL twin of ../../migrations/014-instant-transfers.ts (same version number; see ../migrate.ts). */
export const sql = /* sql */ `
ALTER TABLE payment_order ADD COLUMN instant BIGINT NOT NULL DEFAULT 0 CHECK (instant IN (0, 1));
`;
