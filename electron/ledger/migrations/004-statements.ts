/**
 * Statements as the parsers deliver them. The tables of 001 were a sketch
 * that nothing wrote to: `balanced` could not be "unknown" (camt.052/054 and
 * MT942 carry no closing balance) and the raw text would have been a second
 * copy of the file. They are rebuilt here while still empty: each line now
 * points into its file's bytes (`raw_start`/`raw_end` in `import_file`), which
 * keeps the raw text once. `entry_item` keeps its rows (payment links) and
 * its reference to `statement_line`, which SQLite resolves by name.
 *
 * `payment.payment_info_id` lets a batch booking without per-item details
 * (MT940) find the payments of its block.
 */
export const sql = /* sql */ `
DROP INDEX IF EXISTS statement_line_e2e;
DROP INDEX IF EXISTS statement_line_booking;
DROP TABLE statement_line;
DROP TABLE statement;

CREATE TABLE statement (
  id INTEGER PRIMARY KEY,
  bank_account_id INTEGER REFERENCES bank_account(id) ON DELETE SET NULL,
  bank_access_id INTEGER REFERENCES bank_access(id) ON DELETE SET NULL,
  account_iban TEXT NOT NULL,
  account_name TEXT,
  currency TEXT NOT NULL,
  source_format TEXT NOT NULL,
  report_kind TEXT NOT NULL,
  message_name TEXT NOT NULL,
  message_id TEXT,
  statement_id TEXT NOT NULL,
  sequence_number TEXT,
  created_at_bank TEXT,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  opening_cents INTEGER,
  opening_date TEXT,
  closing_cents INTEGER,
  closing_date TEXT,
  balances TEXT NOT NULL DEFAULT '[]',
  balanced INTEGER,
  difference_cents INTEGER,
  line_count INTEGER NOT NULL DEFAULT 0,
  sum_cents INTEGER NOT NULL DEFAULT 0,
  warnings TEXT NOT NULL DEFAULT '[]',
  additional_info TEXT,
  import_file_id INTEGER NOT NULL REFERENCES import_file(id),
  file_index INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  UNIQUE (account_iban, report_kind, statement_id, period_from, period_to)
);
CREATE INDEX statement_account_period ON statement (account_iban, period_to);

CREATE TABLE statement_line (
  id INTEGER PRIMARY KEY,
  statement_id INTEGER NOT NULL REFERENCES statement(id) ON DELETE CASCADE,
  line_no INTEGER NOT NULL,
  account_iban TEXT NOT NULL,
  booking_date TEXT NOT NULL,
  value_date TEXT,
  amount_cents INTEGER NOT NULL,
  currency TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'BOOK',
  is_reversal INTEGER NOT NULL DEFAULT 0,
  counterparty_name TEXT,
  counterparty_iban TEXT,
  counterparty_bic TEXT,
  remittance TEXT,
  booking_text TEXT,
  end_to_end_id TEXT,
  mandate_id TEXT,
  creditor_id TEXT,
  entry_reference TEXT,
  bank_reference TEXT,
  bank_tx_code TEXT,
  return_reason TEXT,
  charges_cents INTEGER,
  batch_count INTEGER,
  batch_payment_info_id TEXT,
  transactions TEXT NOT NULL DEFAULT '[]',
  raw_start INTEGER,
  raw_end INTEGER,
  raw TEXT,
  match_state TEXT NOT NULL DEFAULT 'unmatched',
  UNIQUE (statement_id, line_no)
);
CREATE INDEX statement_line_e2e ON statement_line (end_to_end_id);
CREATE INDEX statement_line_account_booking ON statement_line (account_iban, booking_date);
CREATE INDEX statement_line_booking ON statement_line (booking_date);

ALTER TABLE payment ADD COLUMN payment_info_id TEXT;
ALTER TABLE payment ADD COLUMN statement_line_id INTEGER REFERENCES statement_line(id);
CREATE INDEX payment_info ON payment (payment_info_id);
`;
