/** PostgreSQL twin of ../../migrations/013-party-payment-method.ts (same version number; see ../migrate.ts). */
export const sql = /* sql */ `
ALTER TABLE account ADD COLUMN payment_method TEXT CHECK (payment_method IN ('sepa', 'other'));
`;
