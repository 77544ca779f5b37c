/**
 * Who acts, roles and four eyes, on a real ledger file: nothing a client
 * sends and nothing written into the settings decides who acts, and the
 * ledger itself refuses an approval by the preparer.
 */
import BetterSqlite3 from 'better-sqlite3';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, tempContext } from '../../../test/integration/helpers';
import { dispatch } from '../dispatch';
import { onTeamLedger } from '../../../test/support/pg-ledger';

/** Writes into the SQLite file with another tool; on a team ledger the same attacks are in test/team/four-eyes.test.ts. */
const fileOnly = it.skipIf(onTeamLedger);

let ctx: ReturnType<typeof tempContext>;
beforeEach(() => {
  ctx = tempContext();
  // Anna opens the new ledger first: she becomes its administrator.
  ctx.actAs('anna');
});
afterEach(() => ctx.cleanup());

/** A payable prepared by Anna that needs an approval; Bernd is an approver. */
async function payablePreparedByAnna() {
  const entity = await ok(ctx, 'entities.create', { name: 'Muster GmbH' });
  const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: 'L-1', name: 'Druckerei Weiß' });
  await ok(ctx, 'users.grant', { user: 'bernd', role: 'approver' });
  return ok(ctx, 'entries.create', {
    entityId: entity.id,
    accountId: supplier.id,
    type: 'Credit',
    number: 'ER-1',
    statementDate: '2026-11-01',
    amountCents: 9900,
    needsApproval: true,
  });
}

const approval = (id: number) => ctx.db.prepare('SELECT credit_approval AS state, approved_by AS by FROM entry WHERE id = ?').get(id);

describe('who acts', () => {
  it('records the identity the host named as preparer and in the audit log, with the OS account beside it', async () => {
    const payable = await payablePreparedByAnna();
    expect(payable.preparedBy).toBe('anna');
    const rows = ctx.db.prepare('SELECT actor, os_account AS os, action FROM audit_log ORDER BY id').all();
    expect(rows).toContainEqual({ actor: 'anna', os: ctx.workstationUser(), action: 'users.firstAdministrator' });
    expect(rows).toContainEqual({ actor: 'anna', os: ctx.workstationUser(), action: 'users.granted' });
  });

  it('renaming yourself in the settings does not make the preparer someone else', async () => {
    const payable = await payablePreparedByAnna();
    expect(await dispatch(ctx, 'settings.update', { userName: 'bernd' })).toMatchObject({ ok: false, error: { code: 'input.actorNotAccepted' } });
    expect(await ok(ctx, 'settings.update', { displayName: 'bernd' })).toMatchObject({ identity: 'anna', displayName: 'bernd' });
    expect(await dispatch(ctx, 'entries.approve', { id: payable.id })).toMatchObject({ ok: false, error: { code: 'approval.ownEntry' } });
    expect(approval(payable.id)).toEqual({ state: 'pending', by: null });
  });

  fileOnly('a user name or role written into the ledger file’s settings table changes nothing', async () => {
    const payable = await payablePreparedByAnna();
    const file = new BetterSqlite3(ctx.databaseFile);
    file.prepare("INSERT OR REPLACE INTO setting (key, value) VALUES ('userName', '\"bernd\"'), ('role:anna', '\"approver\"')").run();
    file.close();
    expect(ctx.actor()).toBe('anna');
    expect(await ok(ctx, 'settings.get', {})).toMatchObject({ identity: 'anna' });
    expect(await dispatch(ctx, 'entries.approve', { id: payable.id })).toMatchObject({ ok: false, error: { code: 'approval.ownEntry' } });
    expect(approval(payable.id)).toEqual({ state: 'pending', by: null });
  });

  it.each([
    ['approvedBy', { approvedBy: 'bernd' }],
    ['actor', { actor: 'bernd' }],
    ['user', { user: 'bernd' }],
  ])('an API call carrying a forged user (%s) is refused before any work', async (key, forged) => {
    const payable = await payablePreparedByAnna();
    const r = await dispatch(ctx, 'entries.approve', { id: payable.id, ...forged });
    expect(r).toMatchObject({ ok: false, error: { code: 'input.actorNotAccepted', params: { key } } });
    expect(approval(payable.id)).toEqual({ state: 'pending', by: null });
  });

  it('a forged preparer inside an entry’s values is refused too', async () => {
    const payable = await payablePreparedByAnna();
    const values = { entityId: payable.entityId, accountId: payable.accountId, type: 'Credit', number: 'ER-1', statementDate: '2026-11-01', amountCents: 9900 };
    const r = await dispatch(ctx, 'entries.update', { id: payable.id, version: payable.version, values: { ...values, preparedBy: 'carla' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'input.actorNotAccepted' } });
  });
});

describe('four eyes in the ledger', () => {
  fileOnly('the ledger refuses a direct SQL approval by the preparer, an approval without an approver, and a rewritten preparer', async () => {
    const payable = await payablePreparedByAnna();
    await ok(ctx, 'users.grant', { user: 'anna', role: 'approver' });
    const file = new BetterSqlite3(ctx.databaseFile);
    try {
      expect(() => file.prepare("UPDATE entry SET credit_approval = 'approved', approved_by = 'anna' WHERE id = ?").run(payable.id)).toThrow(/four eyes/);
      expect(() => file.prepare("UPDATE entry SET credit_approval = 'approved' WHERE id = ?").run(payable.id)).toThrow(/four eyes/);
      expect(() => file.prepare("UPDATE entry SET credit_approval = 'approved', approved_by = 'carla' WHERE id = ?").run(payable.id)).toThrow(/approver role/);
      expect(() => file.prepare("UPDATE entry SET prepared_by = 'carla' WHERE id = ?").run(payable.id)).toThrow(/four eyes/);
      file.prepare("UPDATE entry SET credit_approval = 'approved', approved_by = 'bernd' WHERE id = ?").run(payable.id);
    } finally {
      file.close();
    }
    expect(approval(payable.id)).toEqual({ state: 'approved', by: 'bernd' });
  });

  fileOnly('the ledger refuses a direct SQL approval of a payment order by its builder or by someone without the approver role', async () => {
    const entity = await ok(ctx, 'entities.create', { name: 'Muster GmbH' });
    await ok(ctx, 'users.grant', { user: 'bernd', role: 'approver' });
    const file = new BetterSqlite3(ctx.databaseFile);
    try {
      const at = '2026-11-21T09:00:00Z';
      const account = file
        .prepare('INSERT INTO bank_account (entity_id, name, iban, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(entity.id, 'Geschäftskonto', 'DE02120300000000202051', at, at).lastInsertRowid;
      const order = file
        .prepare(
          `INSERT INTO payment_order (bank_account_id, kind, format, file_bytes, sha256, message_id, tx_count, control_sum_cents, execution_date, built_by, created_at, updated_at)
           VALUES (?, 'credit_transfer', 'pain.001.001.09', x'00', 'aa', 'MSG-1', 1, 100, '2026-11-23', 'anna', ?, ?)`,
        )
        .run(account, at, at).lastInsertRowid;
      const approveAs = (who: string) => file.prepare("UPDATE payment_order SET approved_by = ?, status = 'approved' WHERE id = ?").run(who, order);
      expect(() => approveAs('anna')).toThrow(/builder of a payment order cannot approve it/);
      expect(() => approveAs('carla')).toThrow(/approver role/);
      approveAs('bernd');
      expect(file.prepare('SELECT approved_by AS by, status FROM payment_order WHERE id = ?').get(order)).toEqual({ by: 'bernd', status: 'approved' });
    } finally {
      file.close();
    }
  });
});

describe('roles', () => {
  it('makes the first person of a new ledger its administrator, holding every role', async () => {
    await ok(ctx, 'entities.list', {});
    expect(await ok(ctx, 'users.list', {})).toEqual([
      expect.objectContaining({ identity: 'anna', roles: ['viewer', 'preparer', 'approver', 'signer', 'administrator'] }),
    ]);
  });

  it('a preparer cannot approve, and an approver other than the preparer can', async () => {
    const payable = await payablePreparedByAnna();
    await ok(ctx, 'users.grant', { user: 'carla', role: 'preparer' });
    ctx.actAs('carla');
    expect(await dispatch(ctx, 'entries.approve', { id: payable.id })).toMatchObject({
      ok: false,
      error: { code: 'role.missing', params: { role: 'approver' } },
    });
    ctx.actAs('bernd');
    expect(await ok(ctx, 'entries.approve', { id: payable.id })).toMatchObject({ creditApproval: 'approved', approvedBy: 'bernd' });
  });

  it('a viewer reads but cannot write, and someone without a role cannot even read', async () => {
    await payablePreparedByAnna();
    await ok(ctx, 'users.grant', { user: 'vera', role: 'viewer' });
    ctx.actAs('vera');
    expect((await ok(ctx, 'entries.list', {})).total).toBe(1);
    expect(await dispatch(ctx, 'accounts.create', { kind: 'supplier', number: 'L-2', name: 'Neu' })).toMatchObject({
      ok: false,
      error: { code: 'role.missing', params: { role: 'preparer' } },
    });
    ctx.actAs('mallory');
    expect(await dispatch(ctx, 'entries.list', {})).toMatchObject({ ok: false, error: { code: 'role.none' } });
    expect(await dispatch(ctx, 'users.grant', { user: 'mallory', role: 'administrator' })).toMatchObject({ ok: false, error: { code: 'role.none' } });
    expect(await ok(ctx, 'settings.get', {})).toMatchObject({ identity: 'mallory', roles: [] });
  });

  it('only an administrator grants and revokes; the last administrator stays', async () => {
    await ok(ctx, 'users.grant', { user: 'bernd', role: 'approver' });
    ctx.actAs('bernd');
    expect(await dispatch(ctx, 'users.grant', { user: 'bernd', role: 'administrator' })).toMatchObject({
      ok: false,
      error: { code: 'role.missing', params: { role: 'administrator' } },
    });
    ctx.actAs('anna');
    expect(await dispatch(ctx, 'users.revoke', { user: 'anna', role: 'administrator' })).toMatchObject({
      ok: false,
      error: { code: 'users.lastAdministrator' },
    });
    expect(await ok(ctx, 'users.revoke', { user: 'bernd', role: 'approver' })).toMatchObject({ identity: 'bernd', roles: [] });
    const log = ctx.db.prepare("SELECT actor, action, subject_id AS who, details FROM audit_log WHERE subject_type = 'person' ORDER BY id").all();
    expect(log.slice(-2)).toEqual([
      { actor: 'anna', action: 'users.granted', who: 'bernd', details: '{"role":"approver"}' },
      { actor: 'anna', action: 'users.revoked', who: 'bernd', details: '{"role":"approver"}' },
    ]);
  });
});

describe('the audit log', () => {
  async function someHistory() {
    await payablePreparedByAnna();
    await ok(ctx, 'settings.update', { displayName: 'Anna Admin' });
    await ok(ctx, 'users.grant', { user: 'carla', role: 'viewer' });
  }

  fileOnly('passes its check, then names the row a direct edit of the file changed', async () => {
    await someHistory();
    const before = await ok(ctx, 'audit.verify', {});
    expect(before).toMatchObject({ unchained: 0, broken: null });
    expect(before.rows).toBeGreaterThanOrEqual(4);

    const file = new BetterSqlite3(ctx.databaseFile);
    expect(() => file.prepare("UPDATE audit_log SET actor = 'bernd' WHERE id = 2").run()).toThrow(/append-only/);
    // Someone with the file in hand drops the guard first.
    file.exec('DROP TRIGGER audit_log_no_update');
    file.prepare('UPDATE audit_log SET details = \'{"role":"viewer"}\' WHERE id = 2').run();
    file.close();
    expect(await ok(ctx, 'audit.verify', {})).toMatchObject({ broken: { id: 2, reason: 'hashMismatch' } });
  });

  fileOnly('finds a deleted row, and refuses a row appended outside the chain', async () => {
    await someHistory();
    const file = new BetterSqlite3(ctx.databaseFile);
    expect(() =>
      file.prepare("INSERT INTO audit_log (id, at, actor, action, prev_hash, hash) VALUES (100, 'x', 'bernd', 'entry.approved', NULL, ?)").run('0'.repeat(64)),
    ).toThrow(/hash chain/);
    file.exec('DROP TRIGGER audit_log_no_delete');
    file.prepare('DELETE FROM audit_log WHERE id = 3').run();
    file.close();
    expect(await ok(ctx, 'audit.verify', {})).toMatchObject({ broken: { id: 4, reason: 'rowMissing' } });
  });

  it('lists by user and date, newest first, and exports the same rows as CSV', async () => {
    await someHistory();
    ctx.actAs('carla');
    await ok(ctx, 'settings.update', { locale: 'de' });
    const carla = await ok(ctx, 'audit.list', { user: 'carla' });
    expect(carla.rows.map((r) => [r.actor, r.action])).toEqual([['carla', 'settings.changed']]);
    expect((await ok(ctx, 'audit.list', { from: '2026-11-22' })).total).toBe(0);
    const all = await ok(ctx, 'audit.list', { from: '2026-11-21', to: '2026-11-21' });
    expect(all.rows[0]!.id).toBeGreaterThan(all.rows.at(-1)!.id);
    const csv = Buffer.from((await ok(ctx, 'audit.exportCsv', {})).base64, 'base64').toString('utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('Nr.;Zeitpunkt (UTC);Benutzer;Betriebssystem-Konto;Aktion;Objekt;Objekt-ID;Einzelheiten;Prüfsumme');
    expect(lines).toHaveLength(all.total + 1);
    expect(lines.at(-1)).toMatch(/^\d+;2026-11-21T09:00:00\.000Z;carla;[^;]*;settings\.changed;settings;;/);
  });

  it('exports the records as a PDF for the auditor’s file', async () => {
    await someHistory();
    const file = await ok(ctx, 'audit.exportPdf', { user: 'anna' });
    expect(file).toMatchObject({ fileName: 'audit-log.pdf', mimeType: 'application/pdf' });
    const bytes = Buffer.from(file.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getTitle()).toBe('Kontor audit log');
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
  });
});
