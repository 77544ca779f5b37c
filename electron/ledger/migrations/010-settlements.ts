/**
 * Settling without a bank line, and the differences a bank line leaves:
 * cash, an offset against another entry, a write-off with its reason, and a
 * bank fee or small difference accepted with a match. Each row says what it
 * moved: the entry's open amount (`entry_cents`, like an entry item: open +
 * entry_cents = new open) and, for a fee or difference booked with a line,
 * the part of the line it took (`line_cents`, in the line's sign). Undone
 * rows stay for the record.
 *
 * A payment that refunds another (a transfer back to the customer) names it,
 * so that its booking marks the original Refunded.
 */
export const sql = /* sql */ `
CREATE TABLE entry_settlement (
  id INTEGER PRIMARY KEY,
  entry_id INTEGER NOT NULL REFERENCES entry(id),
  kind TEXT NOT NULL CHECK (kind IN ('cash', 'offset', 'writeoff', 'fee', 'difference')),
  entry_cents INTEGER NOT NULL,
  line_cents INTEGER NOT NULL DEFAULT 0,
  other_entry_id INTEGER REFERENCES entry(id),
  statement_line_id INTEGER REFERENCES statement_line(id),
  assignment_id INTEGER REFERENCES reconcile_assignment(id),
  note TEXT,
  settled_on TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  undone_at TEXT,
  undone_by TEXT,
  CHECK (kind <> 'offset' OR other_entry_id IS NOT NULL),
  CHECK (kind <> 'writeoff' OR length(trim(coalesce(note, ''))) > 0)
);
CREATE INDEX entry_settlement_entry ON entry_settlement (entry_id);
CREATE INDEX entry_settlement_assignment ON entry_settlement (assignment_id);

ALTER TABLE payment ADD COLUMN refund_of_payment_id INTEGER REFERENCES payment(id);
`;
