/**
 * Four eyes on the team ledger, kept by the PostgreSQL server: each person
 * connects with their own database login, and whatever a client sends — a
 * forged user in an API call, a client that claims to be someone else, a
 * direct UPDATE from psql, a renamed display name — the preparer never becomes
 * the approver. The SQLite file's counterparts are in
 * electron/services/people/people.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/dates';
import { PgDatabase } from '../../electron/ledger/pg/database';
import { createLogin, GROUP_ROLES } from '../../electron/ledger/pg/team';
import { createContext, type ContextOptions, type ServiceContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { memorySecretStore } from '../../electron/vault/keychain';
import { ok } from '../integration/helpers';
import { asLogin, freshTeamLedger, onTeamLedger, withSuperuser } from '../support/pg-ledger';

const PASSWORDS = { anna: 'pw-anna-1', bernd: 'pw-bernd-1', vera: 'pw-vera-1', mallory: 'pw-mallory-1' } as const;
type Login = keyof typeof PASSWORDS;

let url: string;
let dir: string;
const opened: Array<{ close(): void }> = [];

beforeEach(() => {
  if (!onTeamLedger) return;
  url = freshTeamLedger();
  withSuperuser(url, (db) => {
    for (const [login, password] of Object.entries(PASSWORDS)) createLogin(db, login, password);
    // Group roles and memberships belong to the whole cluster, and the logins to every test's ledger: start from none.
    db.exec(`REVOKE ${Object.values(GROUP_ROLES).join(', ')} FROM ${Object.keys(PASSWORDS).join(', ')}`);
  });
  dir = mkdtempSync(join(tmpdir(), 'kontor-team-'));
});
afterEach(() => {
  while (opened.length) opened.pop()?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Kontor on a person's workstation, logged in to the team ledger with that person's own login. */
function workstation(login: Login, extra: Partial<ContextOptions> = {}): ServiceContext {
  const ctx = createContext({
    dataDir: join(dir, login),
    host: 'cli',
    clock: fixedClock('2026-11-21T09:00:00Z'),
    secretStore: memorySecretStore(),
    databaseUrl: asLogin(url, login, PASSWORDS[login]),
    ...extra,
  });
  opened.push(ctx);
  return ctx;
}

/** psql in a person's hands: their own login, no Kontor in between. */
function sqlAs(login: Login): PgDatabase {
  const db = new PgDatabase({ connectionString: asLogin(url, login, PASSWORDS[login]) });
  opened.push(db);
  return db;
}

/** Anna opens the new team ledger first and becomes its administrator; Bernd is an approver; Anna prepares a payable. */
async function payablePreparedByAnna() {
  const anna = workstation('anna');
  const entity = await ok(anna, 'entities.create', { name: 'Muster GmbH' });
  const supplier = await ok(anna, 'accounts.create', { kind: 'supplier', number: 'L-1', name: 'Druckerei Weiß' });
  await ok(anna, 'users.grant', { user: 'bernd', role: 'approver' });
  const payable = await ok(anna, 'entries.create', {
    entityId: entity.id,
    accountId: supplier.id,
    type: 'Credit',
    number: 'ER-1',
    statementDate: '2026-11-01',
    amountCents: 9900,
    needsApproval: true,
  });
  return { anna, entity, payable };
}

const approvalOf = (id: number) => withSuperuser(url, (db) => db.prepare('SELECT credit_approval AS state, approved_by AS by FROM entry WHERE id = ?').get(id));

describe.skipIf(!onTeamLedger)('four eyes on the team ledger (PostgreSQL)', () => {
  it('who acts is the database login: the preparer recorded is the login, whatever identity the host would name', async () => {
    const { anna, payable } = await payablePreparedByAnna();
    expect(anna.actor()).toBe('anna');
    expect(payable.preparedBy).toBe('anna');
    const roles = withSuperuser(url, (db) =>
      db.prepare("SELECT rolname AS role FROM pg_roles WHERE pg_has_role('bernd', oid, 'member') AND rolname LIKE 'kontor_%'").all(),
    );
    expect(roles).toEqual([{ role: 'kontor_approver' }]);
  });

  it('the preparer cannot approve: an API call with a forged user is refused before any work', async () => {
    const { anna, payable } = await payablePreparedByAnna();
    const input = { id: payable.id, approvedBy: 'bernd' } as unknown as { id: number };
    expect(await dispatch(anna, 'entries.approve', input)).toMatchObject({ ok: false, error: { code: 'input.actorNotAccepted' } });
    expect(await dispatch(anna, 'entries.approve', { id: payable.id })).toMatchObject({ ok: false, error: { code: 'approval.ownEntry' } });
    expect(approvalOf(payable.id)).toEqual({ state: 'pending', by: null });
  });

  it('the preparer cannot approve: a client that claims to be Bernd on Anna’s login is refused by the server', async () => {
    const { payable } = await payablePreparedByAnna();
    const forged = workstation('anna', { identity: () => 'bernd' });
    const r = await dispatch(forged, 'entries.approve', { id: payable.id });
    expect(r.ok).toBe(false);
    expect(approvalOf(payable.id)).toEqual({ state: 'pending', by: null });
  });

  it('the preparer cannot approve: a direct SQL UPDATE with her own login is refused, Bernd’s own is accepted', async () => {
    const { payable } = await payablePreparedByAnna();
    const anna = sqlAs('anna');
    const approve = (db: PgDatabase, by: string) =>
      db.prepare("UPDATE entry SET credit_approval = 'approved', approved_by = ? WHERE id = ?").run(by, payable.id);
    expect(() => approve(anna, 'anna')).toThrow(/preparer of an entry cannot approve it/);
    expect(() => approve(anna, 'bernd')).toThrow(/approved by the person logged in \(anna\), not bernd/);
    expect(() => anna.prepare("UPDATE entry SET prepared_by = 'carla' WHERE id = ?").run(payable.id)).toThrow(/cannot be changed/);
    expect(approvalOf(payable.id)).toEqual({ state: 'pending', by: null });
    approve(sqlAs('bernd'), 'bernd');
    expect(approvalOf(payable.id)).toEqual({ state: 'approved', by: 'bernd' });
  });

  it('the preparer cannot approve: renaming herself “bernd” changes nothing', async () => {
    const { anna, payable } = await payablePreparedByAnna();
    expect(await ok(anna, 'settings.update', { displayName: 'bernd' })).toMatchObject({ identity: 'anna', displayName: 'bernd' });
    sqlAs('anna').prepare("UPDATE person SET display_name = 'bernd' WHERE identity = 'anna'").run();
    expect(await dispatch(anna, 'entries.approve', { id: payable.id })).toMatchObject({ ok: false, error: { code: 'approval.ownEntry' } });
    expect(approvalOf(payable.id)).toEqual({ state: 'pending', by: null });
    const bernd = workstation('bernd');
    expect(await ok(bernd, 'entries.approve', { id: payable.id })).toMatchObject({ creditApproval: 'approved', approvedBy: 'bernd' });
  });

  it('the builder of a payment order cannot approve it, nor can someone without the approver role', async () => {
    const { entity } = await payablePreparedByAnna();
    const anna = sqlAs('anna');
    const at = '2026-11-21T09:00:00Z';
    const account = anna
      .prepare('INSERT INTO bank_account (entity_id, name, iban, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(entity.id, 'Geschäftskonto', 'DE02120300000000202051', at, at).lastInsertRowid;
    const order = anna
      .prepare(
        `INSERT INTO payment_order (bank_account_id, kind, format, file_bytes, sha256, message_id, tx_count, control_sum_cents, execution_date, built_by, created_at, updated_at)
         VALUES (?, 'credit_transfer', 'pain.001.001.09', ?, 'aa', 'MSG-1', 1, 100, '2026-11-23', 'anna', ?, ?)`,
      )
      .run(account, Buffer.from([0]), at, at).lastInsertRowid;
    const approveAs = (db: PgDatabase, who: string) => db.prepare("UPDATE payment_order SET approved_by = ?, status = 'approved' WHERE id = ?").run(who, order);
    expect(() => approveAs(anna, 'anna')).toThrow(/builder of a payment order cannot approve it/);
    expect(() => approveAs(sqlAs('vera'), 'vera')).toThrow(/permission denied/);
    approveAs(sqlAs('bernd'), 'bernd');
    expect(anna.prepare('SELECT approved_by AS by, status FROM payment_order WHERE id = ?').get(order)).toEqual({ by: 'bernd', status: 'approved' });
  });

  it('grants decide what a login may touch: a viewer cannot write, someone without a role cannot read, nobody grants themselves a role', async () => {
    const { anna } = await payablePreparedByAnna();
    await ok(anna, 'users.grant', { user: 'vera', role: 'viewer' });
    expect(() => sqlAs('vera').prepare("UPDATE entry SET amount_cents = 1 WHERE number = 'ER-1'").run()).toThrow(/permission denied/);
    expect(sqlAs('vera').prepare('SELECT count(*) AS n FROM entry').get()).toEqual({ n: 1 });
    expect(() => sqlAs('mallory').prepare('SELECT count(*) AS n FROM entry').get()).toThrow(/permission denied/);
    const selfGrant = "INSERT INTO person_role (identity, role, granted_by, granted_at) VALUES ('bernd', 'administrator', 'bernd', '2026-11-21')";
    expect(() => sqlAs('bernd').prepare(selfGrant).run()).toThrow(/only an administrator grants a role/);
    expect(() => sqlAs('mallory').prepare(selfGrant.replaceAll('bernd', 'mallory')).run()).toThrow(/only an administrator grants a role/);
  });

  it('the audit log refuses UPDATE, DELETE and TRUNCATE: by the grants for every login, by its triggers even for the database owner', async () => {
    await payablePreparedByAnna();
    const anna = sqlAs('anna');
    expect(() => anna.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/permission denied/);
    expect(() => anna.prepare('DELETE FROM audit_log').run()).toThrow(/permission denied/);
    withSuperuser(url, (db) => {
      expect(() => db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
      expect(() => db.exec('TRUNCATE audit_log')).toThrow(/append-only/);
    });
    const verify = await ok(workstation('anna'), 'audit.verify', {});
    expect(verify).toMatchObject({ broken: null });
    expect(verify.rows).toBeGreaterThanOrEqual(2);
  });
});
