/**
 * What the statement parsers now tell about a file and a booking: the bank
 * layout (dialect) and character encoding a statement was read in — the
 * encoding is also needed to show a line's raw bytes as the bank wrote them —
 * and, per line, the bank's own booking id (German `FI-UMSATZ-ID`, mBank
 * `TNR`) and the return reason in words.
 */
export const sql = /* sql */ `
ALTER TABLE statement ADD COLUMN dialect TEXT;
ALTER TABLE statement ADD COLUMN encoding TEXT;
ALTER TABLE statement_line ADD COLUMN bank_transaction_id TEXT;
ALTER TABLE statement_line ADD COLUMN return_reason_text TEXT;
`;
