/**
 * Verification of payee: whether each payment order went to the bank with
 * the check or without (the clerk's choice, kept so a resend or a recovery
 * uses the same order type), and the result reports the bank delivered
 * (pain.002 with the DK codes), kept as received.
 */
export const sql = /* sql */ `
ALTER TABLE payment_order ADD COLUMN payee_verification TEXT CHECK (payee_verification IN ('with', 'waived'));

CREATE TABLE vop_report (
  id INTEGER PRIMARY KEY,
  bank_access_id INTEGER NOT NULL REFERENCES bank_access(id),
  -- OrgnlMsgId: the pain.001 message (payment_order.message_id) the report is about.
  original_message_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  content TEXT NOT NULL,
  received_at TEXT NOT NULL,
  UNIQUE (bank_access_id, message_id)
);
CREATE INDEX vop_report_original ON vop_report (original_message_id);
`;
