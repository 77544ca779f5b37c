/**
 * What happens to uploaded payments: the payment blocks (`PmtInf`) of each
 * accepted pain file with their execution or collection date, and the
 * bookings the bank makes on its demo accounts when a released block falls
 * due (plus the returns of direct debits). The seeded history is not stored:
 * it is generated on demand from the account (see statement-source/).
 */
export const sql = /* sql */ `
-- One row per PmtInf of an accepted payment order, in file order. Released
-- blocks are booked once their date has come (booked_on is the booking date).
CREATE TABLE payment_block (
  id INTEGER PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES bank_order(order_id),
  -- 1-based position of the PmtInf in the file.
  position INTEGER NOT NULL,
  payment_info_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('credit_transfer', 'direct_debit')),
  scheme TEXT CHECK (scheme IN ('CORE', 'B2B')),
  -- The customer's own account: debtor of a transfer, creditor of a collection.
  account_iban TEXT NOT NULL,
  -- ReqdExctnDt / ReqdColltnDt.
  due_date TEXT NOT NULL,
  batch_booking INTEGER NOT NULL CHECK (batch_booking IN (0, 1)),
  transactions INTEGER NOT NULL,
  amount_cents INTEGER NOT NULL,
  -- The bank's business date of the release in the distributed signature.
  released_on TEXT,
  booked_on TEXT,
  booked_at TEXT,
  UNIQUE (order_id, position)
);
CREATE INDEX payment_block_due ON payment_block (booked_on, due_date);

-- Bookings on the demo accounts, in the DemoBooking shape of
-- statements/model.ts. amount_cents is signed: + money in, - money out.
CREATE TABLE booking (
  id INTEGER PRIMARY KEY,
  booking_id TEXT NOT NULL UNIQUE,
  account_iban TEXT NOT NULL,
  booking_date TEXT NOT NULL,
  value_date TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),
  currency TEXT NOT NULL,
  counterparty_name TEXT,
  counterparty_iban TEXT,
  counterparty_bic TEXT,
  remittance TEXT,
  end_to_end_id TEXT,
  mandate_id TEXT,
  creditor_id TEXT,
  bank_reference TEXT NOT NULL UNIQUE,
  tx_domain TEXT NOT NULL,
  tx_family TEXT NOT NULL,
  tx_sub_family TEXT NOT NULL,
  gvc TEXT NOT NULL,
  return_reason TEXT,
  reversal INTEGER NOT NULL DEFAULT 0 CHECK (reversal IN (0, 1)),
  -- Batch details (DemoBatch) as JSON when the block was booked as one line.
  batch TEXT,
  order_id TEXT REFERENCES bank_order(order_id),
  payment_block_id INTEGER REFERENCES payment_block(id),
  created_at TEXT NOT NULL
);
CREATE INDEX booking_account_date ON booking (account_iban, booking_date);
`;
