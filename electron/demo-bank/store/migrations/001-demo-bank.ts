/**
 * The demo bank's own database (a separate SQLite file from Kontor's
 * ledger): its keys, its subscribers and their accounts, the EBICS
 * transactions in flight, the orders it received and the customer protocol.
 */
export const sql = /* sql */ `
-- The bank's own X002 and E002 key pairs. A real bank keeps its private keys
-- in an HSM; this is a demo bank on loopback, so they live in its own file.
CREATE TABLE bank_key (
  usage TEXT PRIMARY KEY CHECK (usage IN ('X002', 'E002')),
  private_key_der BLOB NOT NULL,
  certificate_der BLOB NOT NULL,
  created_at TEXT NOT NULL
);

-- Named counters (order ids, account numbers).
CREATE TABLE counter (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);

CREATE TABLE subscriber (
  id INTEGER PRIMARY KEY,
  partner_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('new', 'ini_received', 'hia_received', 'initialised', 'ready', 'suspended')),
  signature_version TEXT CHECK (signature_version IN ('A005', 'A006')),
  signature_key_der BLOB,
  signature_certificate_der BLOB,
  authentication_key_der BLOB,
  authentication_certificate_der BLOB,
  encryption_key_der BLOB,
  encryption_certificate_der BLOB,
  ini_received_at TEXT,
  hia_received_at TEXT,
  activated_at TEXT,
  suspended_at TEXT,
  suspended_by TEXT CHECK (suspended_by IN ('customer', 'bank')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (partner_id, user_id)
);

-- Accounts belong to the partner (the customer); the subscriber who was
-- provisioned with them is kept for the letter.
CREATE TABLE account (
  id INTEGER PRIMARY KEY,
  partner_id TEXT NOT NULL,
  subscriber_id INTEGER REFERENCES subscriber(id),
  iban TEXT NOT NULL UNIQUE,
  bic TEXT NOT NULL,
  currency TEXT NOT NULL,
  owner_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX account_partner ON account (partner_id);

-- Replay protection: every nonce an authenticated request used, with the
-- timestamp that request carried.
CREATE TABLE used_nonce (
  subscriber_id INTEGER NOT NULL REFERENCES subscriber(id),
  nonce TEXT NOT NULL,
  request_timestamp TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (subscriber_id, nonce)
);

CREATE TABLE ebics_transaction (
  id TEXT PRIMARY KEY,
  subscriber_id INTEGER NOT NULL REFERENCES subscriber(id),
  ebics_version TEXT NOT NULL CHECK (ebics_version IN ('H004', 'H005')),
  direction TEXT NOT NULL CHECK (direction IN ('upload', 'download')),
  order_type TEXT NOT NULL,
  -- H005 BTU/BTD: the BTF service as JSON.
  service TEXT,
  -- Uploads: the order id assigned at initialisation.
  order_id TEXT,
  num_segments INTEGER NOT NULL,
  -- Uploads: segments received in sequence; downloads: the highest segment served.
  segments_done INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('receiving', 'completed', 'sending', 'receipted', 'not_receipted')),
  transaction_key BLOB NOT NULL,
  -- Uploads: the decrypted UserSignatureData, the H005 DataDigest and order parameters.
  signature_data TEXT,
  data_digest BLOB,
  order_params TEXT,
  -- Downloads: the encrypted order data as base64 text, and how it is cut.
  payload TEXT,
  segment_size INTEGER,
  -- Downloads: what a receipt with code 0 marks as delivered (JSON).
  deliver TEXT,
  receipt_code INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ebics_transaction_subscriber ON ebics_transaction (subscriber_id);

CREATE TABLE upload_segment (
  transaction_id TEXT NOT NULL REFERENCES ebics_transaction(id),
  number INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  -- The base64 text until the upload completes; cleared then (the order keeps the plain data).
  data TEXT,
  PRIMARY KEY (transaction_id, number)
);

CREATE TABLE bank_order (
  id INTEGER PRIMARY KEY,
  order_id TEXT NOT NULL UNIQUE,
  subscriber_id INTEGER NOT NULL REFERENCES subscriber(id),
  transaction_id TEXT REFERENCES ebics_transaction(id),
  ebics_version TEXT NOT NULL,
  order_type TEXT NOT NULL,
  service_name TEXT,
  service_scope TEXT,
  service_option TEXT,
  service_container TEXT,
  msg_name TEXT,
  msg_version TEXT,
  file_name TEXT,
  data BLOB NOT NULL,
  data_sha256 TEXT NOT NULL,
  signature_version TEXT NOT NULL,
  signer_partner_id TEXT NOT NULL,
  signer_user_id TEXT NOT NULL,
  signature_check TEXT NOT NULL CHECK (signature_check IN ('verified')),
  state TEXT NOT NULL CHECK (state IN ('awaiting_signature', 'released', 'rejected', 'executed')),
  received_at TEXT NOT NULL,
  decided_at TEXT
);
CREATE INDEX bank_order_subscriber ON bank_order (subscriber_id);
CREATE INDEX bank_order_state ON bank_order (state);

-- What happened to each order: the source of HAC (pain.002) and PTK (text).
CREATE TABLE protocol_entry (
  id INTEGER PRIMARY KEY,
  subscriber_id INTEGER NOT NULL REFERENCES subscriber(id),
  order_id TEXT,
  order_type TEXT NOT NULL,
  -- DK/ISO status reason code as HAC carries it (TS01, DS01, DS06, DS07, DS04, ...).
  reason_code TEXT NOT NULL,
  -- ACCP, PDNG or RJCT: the status the entry reports.
  status TEXT NOT NULL CHECK (status IN ('ACCP', 'PDNG', 'RJCT')),
  text TEXT NOT NULL,
  at TEXT NOT NULL,
  hac_delivered_at TEXT,
  ptk_delivered_at TEXT
);
CREATE INDEX protocol_entry_subscriber ON protocol_entry (subscriber_id, at);
`;
