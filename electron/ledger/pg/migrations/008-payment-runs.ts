/** PostgreSQL twin of ../../migrations/008-payment-runs.ts (same version number; see ../migrate.ts). */
export const sql = /* sql */ `
ALTER TABLE payment_order ADD COLUMN built_by TEXT;
ALTER TABLE payment_order ADD COLUMN next_check_at TEXT;
ALTER TABLE payment_order ADD COLUMN check_attempts BIGINT NOT NULL DEFAULT 0;
CREATE INDEX payment_order_follow ON payment_order (status, next_check_at);
`;
