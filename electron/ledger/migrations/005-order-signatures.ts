/**
 * The distributed signature state of an uploaded order, from the bank's VEU
 * overview (HVU): signatures done and required, and when the bank last
 * listed the order. NULL until the bank has been asked.
 */
export const sql = /* sql */ `
ALTER TABLE payment_order ADD COLUMN signatures_done INTEGER;
ALTER TABLE payment_order ADD COLUMN signatures_required INTEGER;
ALTER TABLE payment_order ADD COLUMN signatures_checked_at TEXT;
`;
