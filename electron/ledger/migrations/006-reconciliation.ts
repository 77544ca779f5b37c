/**
 * Reconciliation: the matcher's proposals with their reasons, and
 * assignments — the entry items one decision created, so that undo takes
 * exactly those back. A line knows how much of it is assigned; a CSV row
 * imported "as chargeback" says so.
 */
export const sql = /* sql */ `
ALTER TABLE statement_line ADD COLUMN assigned_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE statement_line ADD COLUMN is_chargeback INTEGER NOT NULL DEFAULT 0;
CREATE INDEX statement_line_match ON statement_line (match_state);

CREATE TABLE reconcile_proposal (
  id INTEGER PRIMARY KEY,
  statement_line_id INTEGER NOT NULL REFERENCES statement_line(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  sure INTEGER NOT NULL,
  confidence REAL NOT NULL,
  reason TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '[]',
  allocations TEXT NOT NULL,
  rest_cents INTEGER NOT NULL,
  payment_id INTEGER REFERENCES payment(id),
  alternatives TEXT NOT NULL DEFAULT '[]',
  state TEXT NOT NULL DEFAULT 'proposed',
  created_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by TEXT
);
CREATE INDEX reconcile_proposal_state ON reconcile_proposal (state, sure);
CREATE INDEX reconcile_proposal_line ON reconcile_proposal (statement_line_id);

CREATE TABLE reconcile_assignment (
  id INTEGER PRIMARY KEY,
  statement_line_id INTEGER NOT NULL REFERENCES statement_line(id),
  proposal_id INTEGER REFERENCES reconcile_proposal(id),
  payment_id INTEGER REFERENCES payment(id),
  kind TEXT NOT NULL,
  -- the payment's status and amounts before, so that undo restores them
  payment_before TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  undone_at TEXT,
  undone_by TEXT
);
CREATE INDEX reconcile_assignment_line ON reconcile_assignment (statement_line_id);

ALTER TABLE entry_item ADD COLUMN assignment_id INTEGER REFERENCES reconcile_assignment(id);
CREATE INDEX entry_item_assignment ON entry_item (assignment_id);
`;
