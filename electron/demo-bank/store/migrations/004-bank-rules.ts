/**
 * Rules a real bank sets for all its customers and the demo bank lets the
 * user switch: e.g. whether a credit transfer file with one payment must be
 * sent with verification of payee (some German banks refuse it without).
 */
export const sql = /* sql */ `
CREATE TABLE bank_rule (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;
