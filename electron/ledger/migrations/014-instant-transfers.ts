/**
 * SEPA Instant: whether a payment order is an instant credit transfer (its
 * file carries the local instrument INST and goes to the bank as CIP/CIV,
 * BTF SCI). Kept on the order, so a resend or an EBICS recovery sends the
 * same order type as the first upload.
 */
export const sql = /* sql */ `
ALTER TABLE payment_order ADD COLUMN instant INTEGER NOT NULL DEFAULT 0 CHECK (instant IN (0, 1));
`;
