/**
 * The EBICS transaction journal: every upload and download, and every step of
 * it, is written here BEFORE the request leaves the machine. After a crash or
 * a lost response Kontor reads this to recover or ask the bank, instead of
 * sending an order a second time.
 */
export const sql = /* sql */ `
CREATE TABLE ebics_transfer (
  id INTEGER PRIMARY KEY,
  bank_access_id INTEGER REFERENCES bank_access(id),
  host_id TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  ebics_version TEXT NOT NULL,
  direction TEXT NOT NULL,
  purpose TEXT NOT NULL,
  order_type TEXT NOT NULL,
  payment_order_id INTEGER REFERENCES payment_order(id),
  data_sha256 TEXT,
  data_bytes INTEGER,
  transaction_id TEXT,
  order_id TEXT,
  num_segments INTEGER,
  segments_done INTEGER NOT NULL DEFAULT 0,
  phase TEXT NOT NULL,
  state TEXT NOT NULL,
  technical_code TEXT,
  business_code TEXT,
  error TEXT,
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ebics_transfer_state ON ebics_transfer (state);
CREATE INDEX ebics_transfer_sha ON ebics_transfer (data_sha256);

CREATE TABLE ebics_transfer_step (
  id INTEGER PRIMARY KEY,
  transfer_id INTEGER NOT NULL REFERENCES ebics_transfer(id),
  phase TEXT NOT NULL,
  segment_number INTEGER,
  nonce TEXT,
  state TEXT NOT NULL,
  technical_code TEXT,
  business_code TEXT,
  error TEXT,
  sent_at TEXT NOT NULL,
  answered_at TEXT
);
CREATE INDEX ebics_step_transfer ON ebics_transfer_step (transfer_id);
`;
