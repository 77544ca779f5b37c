/**
 * The whole domain (docs/architecture.md, The ledger). Amounts are integer minor units
 * (`*_cents`), business dates `YYYY-MM-DD` text, instants UTC ISO text.
 * Status columns are plain text checked by the code's schemas: SQLite cannot
 * alter a CHECK constraint without rebuilding the table, and the lifecycles
 * will grow.
 */
export const sql = /* sql */ `
CREATE TABLE business_entity (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  creditor_id TEXT,
  street TEXT,
  postal_code TEXT,
  city TEXT,
  country TEXT NOT NULL DEFAULT 'DE',
  preferred_bank_account_id INTEGER REFERENCES bank_account(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE bank_access (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  host_url TEXT NOT NULL,
  host_id TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  ebics_version TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'new',
  signature_version TEXT NOT NULL DEFAULT 'A006',
  key_size INTEGER NOT NULL DEFAULT 2048,
  auth_version TEXT NOT NULL DEFAULT 'X002',
  encryption_version TEXT NOT NULL DEFAULT 'E002',
  signature_key_created_at TEXT,
  signature_key_expires_at TEXT,
  auth_key_created_at TEXT,
  auth_key_expires_at TEXT,
  encryption_key_created_at TEXT,
  encryption_key_expires_at TEXT,
  bank_auth_key TEXT,
  bank_encryption_key TEXT,
  bank_auth_hash TEXT,
  bank_encryption_hash TEXT,
  bank_keys_trusted_at TEXT,
  amount_limit_cents INTEGER,
  statement_format TEXT NOT NULL DEFAULT 'camt',
  settings TEXT NOT NULL DEFAULT '{}',
  is_demo INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (host_url, host_id, partner_id, user_id)
);

CREATE TABLE bank_account (
  id INTEGER PRIMARY KEY,
  entity_id INTEGER NOT NULL REFERENCES business_entity(id),
  bank_access_id INTEGER REFERENCES bank_access(id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  iban TEXT NOT NULL UNIQUE,
  bic TEXT,
  currency TEXT NOT NULL DEFAULT 'EUR',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE account (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  number TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  email TEXT,
  street TEXT,
  postal_code TEXT,
  city TEXT,
  country TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE payment_instrument (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES account(id),
  entity_id INTEGER NOT NULL REFERENCES business_entity(id),
  kind TEXT NOT NULL,
  holder_name TEXT NOT NULL,
  iban TEXT NOT NULL,
  bic TEXT,
  mandate_id TEXT,
  mandate_signed_on TEXT,
  scheme TEXT,
  mandate_type TEXT,
  first_used_on TEXT,
  last_used_on TEXT,
  direction TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (entity_id, mandate_id)
);

CREATE TABLE entry (
  id INTEGER PRIMARY KEY,
  entity_id INTEGER NOT NULL REFERENCES business_entity(id),
  account_id INTEGER NOT NULL REFERENCES account(id),
  type TEXT NOT NULL,
  number TEXT NOT NULL,
  statement_date TEXT NOT NULL,
  due_date TEXT,
  currency TEXT NOT NULL DEFAULT 'EUR',
  amount_cents INTEGER NOT NULL,
  open_amount_cents INTEGER NOT NULL,
  payment_reference TEXT,
  requested_method TEXT,
  requested_instrument_id INTEGER REFERENCES payment_instrument(id),
  requested_bank_account_id INTEGER REFERENCES bank_account(id),
  credit_approval TEXT,
  approved_by TEXT,
  prepared_by TEXT,
  status TEXT NOT NULL DEFAULT 'Open',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (entity_id, number)
);

CREATE TABLE payment_order (
  id INTEGER PRIMARY KEY,
  bank_access_id INTEGER REFERENCES bank_access(id),
  bank_account_id INTEGER NOT NULL REFERENCES bank_account(id),
  kind TEXT NOT NULL,
  format TEXT NOT NULL,
  scheme TEXT,
  file_bytes BLOB NOT NULL,
  sha256 TEXT NOT NULL,
  message_id TEXT NOT NULL UNIQUE,
  tx_count INTEGER NOT NULL,
  control_sum_cents INTEGER NOT NULL,
  execution_date TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft',
  warnings TEXT NOT NULL DEFAULT '[]',
  ebics_order_id TEXT,
  ebics_transaction_id TEXT,
  bank_technical_code TEXT,
  bank_business_code TEXT,
  bank_message TEXT,
  approved_by TEXT,
  approved_at TEXT,
  uploaded_at TEXT,
  exported_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE payment (
  id INTEGER PRIMARY KEY,
  entity_id INTEGER NOT NULL REFERENCES business_entity(id),
  payment_order_id INTEGER REFERENCES payment_order(id),
  instrument_id INTEGER REFERENCES payment_instrument(id),
  bank_account_id INTEGER REFERENCES bank_account(id),
  kind TEXT NOT NULL,
  currency TEXT NOT NULL DEFAULT 'EUR',
  amount_cents INTEGER NOT NULL,
  open_cents INTEGER NOT NULL,
  settled_cents INTEGER NOT NULL DEFAULT 0,
  assigned_cents INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'Open',
  end_to_end_id TEXT UNIQUE,
  mandate_id TEXT,
  sequence_type TEXT,
  execution_date TEXT,
  counterparty_name TEXT,
  counterparty_iban TEXT,
  counterparty_bic TEXT,
  remittance TEXT,
  return_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE import_file (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  size INTEGER NOT NULL,
  content BLOB,
  imported_at TEXT NOT NULL
);

CREATE TABLE statement (
  id INTEGER PRIMARY KEY,
  bank_account_id INTEGER REFERENCES bank_account(id),
  account_iban TEXT NOT NULL,
  currency TEXT NOT NULL,
  source_format TEXT NOT NULL,
  report_kind TEXT NOT NULL,
  statement_id TEXT NOT NULL,
  sequence_number TEXT,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  opening_cents INTEGER,
  closing_cents INTEGER,
  balanced INTEGER NOT NULL,
  import_file_id INTEGER REFERENCES import_file(id),
  raw_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (account_iban, statement_id, period_from, period_to)
);

CREATE TABLE statement_line (
  id INTEGER PRIMARY KEY,
  statement_id INTEGER NOT NULL REFERENCES statement(id) ON DELETE CASCADE,
  line_no INTEGER NOT NULL,
  booking_date TEXT NOT NULL,
  value_date TEXT,
  amount_cents INTEGER NOT NULL,
  currency TEXT NOT NULL,
  counterparty_name TEXT,
  counterparty_iban TEXT,
  counterparty_bic TEXT,
  remittance TEXT,
  end_to_end_id TEXT,
  mandate_id TEXT,
  creditor_id TEXT,
  bank_reference TEXT,
  bank_tx_code TEXT,
  return_reason TEXT,
  is_reversal INTEGER NOT NULL DEFAULT 0,
  batch_count INTEGER,
  batch_details TEXT,
  raw TEXT,
  match_state TEXT NOT NULL DEFAULT 'unmatched',
  UNIQUE (statement_id, line_no)
);

CREATE TABLE entry_item (
  id INTEGER PRIMARY KEY,
  entry_id INTEGER NOT NULL REFERENCES entry(id),
  payment_id INTEGER REFERENCES payment(id),
  statement_line_id INTEGER REFERENCES statement_line(id),
  amount_cents INTEGER NOT NULL,
  expected_amount_cents INTEGER,
  created_at TEXT NOT NULL,
  CHECK (payment_id IS NOT NULL OR statement_line_id IS NOT NULL)
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject_type TEXT,
  subject_id TEXT,
  details TEXT NOT NULL DEFAULT '{}'
);
`;
