/**
 * PostgreSQL twin of ../../migrations/011-people-roles-audit-chain.ts (same version number; see ../migrate.ts).
 *
 * In a team ledger who acts is the database login (`session_user`): the
 * triggers compare the recorded preparer, builder and approver with it, so a
 * client that writes another name — a forged API call, a direct UPDATE from
 * psql — is refused by the server. Granting and revoking a Kontor role also
 * grants and revokes the login's PostgreSQL group role (kontor_viewer …
 * kontor_admin, created by `kontor db init-team`), which decides what the
 * login may touch at all.
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

CREATE FUNCTION kontor_is_approver(who text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM person_role WHERE identity = who AND role = 'approver')
$$;

CREATE FUNCTION kontor_entry_four_eyes_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.credit_approval IN ('approved', 'rejected') OR NEW.approved_by IS NOT NULL THEN
    RAISE EXCEPTION 'four eyes: an entry is approved after it was prepared, by someone else';
  END IF;
  IF NEW.prepared_by IS NOT NULL AND NEW.prepared_by <> session_user THEN
    RAISE EXCEPTION 'four eyes: an entry is prepared by the person logged in (%), not %', session_user, NEW.prepared_by;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER entry_four_eyes_insert BEFORE INSERT ON entry FOR EACH ROW EXECUTE FUNCTION kontor_entry_four_eyes_insert();

CREATE FUNCTION kontor_entry_four_eyes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.prepared_by IS NOT NULL AND NEW.prepared_by IS DISTINCT FROM OLD.prepared_by THEN
    RAISE EXCEPTION 'four eyes: who prepared an entry cannot be changed';
  END IF;
  IF NEW.credit_approval IN ('approved', 'rejected')
     AND (NEW.approved_by IS DISTINCT FROM OLD.approved_by OR NEW.credit_approval IS DISTINCT FROM OLD.credit_approval) THEN
    IF NEW.approved_by IS NULL OR NEW.approved_by = NEW.prepared_by THEN
      RAISE EXCEPTION 'four eyes: the preparer of an entry cannot approve it';
    END IF;
    IF NEW.approved_by <> session_user THEN
      RAISE EXCEPTION 'four eyes: an entry is approved by the person logged in (%), not %', session_user, NEW.approved_by;
    END IF;
    IF NOT kontor_is_approver(NEW.approved_by) THEN
      RAISE EXCEPTION 'four eyes: only a holder of the approver role can approve an entry';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER entry_four_eyes BEFORE UPDATE OF approved_by, credit_approval, prepared_by ON entry
  FOR EACH ROW EXECUTE FUNCTION kontor_entry_four_eyes();

CREATE FUNCTION kontor_payment_order_four_eyes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.approved_by IS NOT NULL AND NEW.approved_by IS DISTINCT FROM OLD.approved_by THEN
    IF NEW.approved_by = NEW.built_by THEN
      RAISE EXCEPTION 'four eyes: the builder of a payment order cannot approve it';
    END IF;
    IF NEW.approved_by <> session_user THEN
      RAISE EXCEPTION 'four eyes: a payment order is approved by the person logged in (%), not %', session_user, NEW.approved_by;
    END IF;
    IF NOT kontor_is_approver(NEW.approved_by) THEN
      RAISE EXCEPTION 'four eyes: only a holder of the approver role can approve a payment order';
    END IF;
  END IF;
  IF OLD.built_by IS NOT NULL AND NEW.built_by IS DISTINCT FROM OLD.built_by THEN
    RAISE EXCEPTION 'four eyes: who built a payment order cannot be changed';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER payment_order_four_eyes BEFORE UPDATE OF approved_by, built_by ON payment_order
  FOR EACH ROW EXECUTE FUNCTION kontor_payment_order_four_eyes();

-- Roles are granted and revoked by an administrator who is logged in — or, on a ledger where nobody holds a role yet,
-- taken by the first person who logs in, who becomes its administrator (as in the SQLite file). The grant reaches the
-- login's PostgreSQL group role too.
CREATE FUNCTION kontor_person_role_sync() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  r record;
  grp text;
  trusted boolean := (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
    OR EXISTS (SELECT 1 FROM person_role WHERE identity = session_user AND role = 'administrator');
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_OP = 'INSERT' AND NOT trusted
     AND NOT (NEW.identity = session_user AND NOT EXISTS (SELECT 1 FROM person_role WHERE identity <> NEW.identity)) THEN
    RAISE EXCEPTION 'roles: only an administrator grants a role (% is not one)', session_user;
  END IF;
  IF TG_OP = 'DELETE' AND NOT trusted THEN
    RAISE EXCEPTION 'roles: only an administrator revokes a role (% is not one)', session_user;
  END IF;
  IF TG_OP = 'INSERT' AND NEW.granted_by <> session_user AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
    RAISE EXCEPTION 'roles are granted by the person logged in (%), not %', session_user, NEW.granted_by;
  END IF;
  grp := 'kontor_' || CASE r.role WHEN 'administrator' THEN 'admin' ELSE r.role END;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = grp) AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.identity) THEN
    IF TG_OP = 'DELETE' THEN
      EXECUTE format('REVOKE %I FROM %I', grp, r.identity);
    ELSE
      EXECUTE format('GRANT %I TO %I', grp, r.identity);
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
-- BEFORE: the checks must not see the row being granted (an approver inserting their own administrator row).
CREATE TRIGGER person_role_sync BEFORE INSERT OR DELETE ON person_role FOR EACH ROW EXECUTE FUNCTION kontor_person_role_sync();

ALTER TABLE audit_log ADD COLUMN os_account TEXT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor);

CREATE FUNCTION kontor_audit_chained() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_id bigint;
  last_hash text;
BEGIN
  -- One append at a time across the team: the next row must follow the last committed one.
  PERFORM pg_advisory_xact_lock(hashtext('kontor.audit'));
  SELECT id, hash INTO last_id, last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
  IF NEW.hash IS NULL OR length(NEW.hash) <> 64 OR NEW.prev_hash IS DISTINCT FROM last_hash OR NEW.id <> coalesce(last_id, 0) + 1 THEN
    RAISE EXCEPTION 'audit_log: a new row must follow the last one in the hash chain';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION kontor_audit_chained();

`;
