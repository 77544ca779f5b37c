/**
 * A customer's or supplier's usual payment method (SEPA or other), set on the
 * party in bulk from the parties screen: an entry imported without a method
 * of its own takes its party's. Empty means "not said" (as before).
 */
export const sql = /* sql */ `
ALTER TABLE account ADD COLUMN payment_method TEXT CHECK (payment_method IN ('sepa', 'other'));
`;
