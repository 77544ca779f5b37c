/**
 * The distributed signature with real signers, and Verification of Payee:
 * each subscriber's signature class (T transport — the default, counts for
 * nothing —, E single, A first, B second signature), the signatures an order
 * collected in the VEU, the register of account holders the payee check
 * compares names with, and the VoP reports waiting for download (VPZ / BTD
 * REP pain.002 VOP).
 */
export const sql = /* sql */ `
ALTER TABLE subscriber ADD COLUMN signature_class TEXT NOT NULL DEFAULT 'T' CHECK (signature_class IN ('T', 'E', 'A', 'B'));

-- One signature per signer and order: a second one is refused (091306), never counted twice.
CREATE TABLE veu_signature (
  id INTEGER PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES bank_order(order_id),
  subscriber_id INTEGER NOT NULL REFERENCES subscriber(id),
  signature_class TEXT NOT NULL CHECK (signature_class IN ('E', 'A', 'B')),
  -- HVE: signed over EBICS; bank: at the bank's own counter (the clerk's tool).
  via TEXT NOT NULL CHECK (via IN ('HVE', 'bank')),
  signed_at TEXT NOT NULL,
  UNIQUE (order_id, subscriber_id)
);

-- Who holds which account, here and at "other banks" the payee check can reach.
CREATE TABLE account_holder (
  iban TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- The VoP result report of an order checked on upload (CTV/CIV, BTU SCT|SCI + VOI).
CREATE TABLE vop_report (
  order_id TEXT PRIMARY KEY REFERENCES bank_order(order_id),
  subscriber_id INTEGER NOT NULL REFERENCES subscriber(id),
  report BLOB NOT NULL,
  created_at TEXT NOT NULL,
  delivered_at TEXT
);
`;
