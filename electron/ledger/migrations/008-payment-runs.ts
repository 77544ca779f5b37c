/**
 * Payment runs the clerk controls and follows: who built an order (the
 * approver must be another person), and when Kontor asks the bank next about
 * an order at the bank and how often it has asked (the backing-off follower).
 */
export const sql = /* sql */ `
ALTER TABLE payment_order ADD COLUMN built_by TEXT;
ALTER TABLE payment_order ADD COLUMN next_check_at TEXT;
ALTER TABLE payment_order ADD COLUMN check_attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX payment_order_follow ON payment_order (status, next_check_at);
`;
