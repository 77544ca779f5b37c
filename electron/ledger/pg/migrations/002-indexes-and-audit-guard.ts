/** PostgreSQL twin of ../../migrations/002-indexes-and-audit-guard.ts (same version number; see ../migrate.ts). */
export const sql = /* sql */ `
CREATE INDEX entry_open_due ON entry (status, due_date);
CREATE INDEX entry_account ON entry (account_id);
CREATE INDEX instrument_account ON payment_instrument (account_id);
CREATE INDEX bank_account_access ON bank_account (bank_access_id);
CREATE INDEX payment_status ON payment (status);
CREATE INDEX payment_order_status ON payment_order (status);
CREATE INDEX payment_order_sha ON payment_order (sha256);
CREATE INDEX statement_line_e2e ON statement_line (end_to_end_id);
CREATE INDEX statement_line_booking ON statement_line (booking_date);
CREATE INDEX entry_item_entry ON entry_item (entry_id);
CREATE INDEX entry_item_line ON entry_item (statement_line_id);

CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE FUNCTION kontor_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION kontor_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION kontor_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION kontor_append_only();

`;
