/**
 * People, their roles, four eyes kept by the ledger itself, and an audit log
 * whose rows are chained by hashes.
 *
 * Who acts is the operating-system account the host names (never a setting);
 * the display name is only a label. Roles are granted by an administrator.
 *
 * Four eyes live here, not only in the window: whatever a client sends, or
 * someone writes into the file with another tool, an entry's approver is
 * never its preparer, and only a holder of the approver role approves. Who
 * prepared an entry cannot be rewritten once recorded.
 *
 * The audit log was append-only (migration 2); each new row now also carries
 * the hash of the row before it and its own (SHA-256, computed by the
 * repository: SQLite has no hash function), so an edit of the file breaks the
 * chain at the edited row. Rows written before this migration stay unchained
 * and are reported as such by the check. `os_account` is the login of the
 * process that wrote the row, kept even where a test names another identity.
 */
export const sql = /* sql */ `
CREATE TABLE person (
  identity TEXT PRIMARY KEY,
  display_name TEXT,
  first_seen_at TEXT NOT NULL
);

CREATE TABLE person_role (
  identity TEXT NOT NULL REFERENCES person(identity),
  role TEXT NOT NULL CHECK (role IN ('viewer', 'preparer', 'approver', 'signer', 'administrator')),
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  PRIMARY KEY (identity, role)
);

CREATE TRIGGER entry_four_eyes_insert BEFORE INSERT ON entry
WHEN NEW.credit_approval IN ('approved', 'rejected') OR NEW.approved_by IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'four eyes: an entry is approved after it was prepared, by someone else'); END;

CREATE TRIGGER entry_four_eyes BEFORE UPDATE OF approved_by, credit_approval ON entry
WHEN NEW.credit_approval IN ('approved', 'rejected')
  AND (NEW.approved_by IS NOT OLD.approved_by OR NEW.credit_approval IS NOT OLD.credit_approval)
  AND (NEW.approved_by IS NULL OR NEW.approved_by = NEW.prepared_by)
BEGIN SELECT RAISE(ABORT, 'four eyes: the preparer of an entry cannot approve it'); END;

CREATE TRIGGER entry_approver_role BEFORE UPDATE OF approved_by, credit_approval ON entry
WHEN NEW.credit_approval IN ('approved', 'rejected')
  AND (NEW.approved_by IS NOT OLD.approved_by OR NEW.credit_approval IS NOT OLD.credit_approval)
  AND NOT EXISTS (SELECT 1 FROM person_role WHERE identity = NEW.approved_by AND role = 'approver')
BEGIN SELECT RAISE(ABORT, 'four eyes: only a holder of the approver role can approve an entry'); END;

CREATE TRIGGER entry_preparer_kept BEFORE UPDATE OF prepared_by ON entry
WHEN OLD.prepared_by IS NOT NULL AND NEW.prepared_by IS NOT OLD.prepared_by
BEGIN SELECT RAISE(ABORT, 'four eyes: who prepared an entry cannot be changed'); END;

CREATE TRIGGER payment_order_four_eyes BEFORE UPDATE OF approved_by ON payment_order
WHEN NEW.approved_by IS NOT NULL AND NEW.approved_by IS NOT OLD.approved_by AND NEW.approved_by = NEW.built_by
BEGIN SELECT RAISE(ABORT, 'four eyes: the builder of a payment order cannot approve it'); END;

CREATE TRIGGER payment_order_approver_role BEFORE UPDATE OF approved_by ON payment_order
WHEN NEW.approved_by IS NOT NULL AND NEW.approved_by IS NOT OLD.approved_by
  AND NOT EXISTS (SELECT 1 FROM person_role WHERE identity = NEW.approved_by AND role = 'approver')
BEGIN SELECT RAISE(ABORT, 'four eyes: only a holder of the approver role can approve a payment order'); END;

ALTER TABLE audit_log ADD COLUMN os_account TEXT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor);

CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
WHEN NEW.hash IS NULL OR length(NEW.hash) <> 64
  OR NEW.prev_hash IS NOT (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1)
  OR NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM audit_log)
BEGIN SELECT RAISE(ABORT, 'audit_log: a new row must follow the last one in the hash chain'); END;
`;
