/**
 * The calls that decide who talks to the bank (export, import, suspend,
 * initialise again) need the host's `confirm` on top of a session, and every
 * answer is in the audit log. Real ledger file, keys in an in-memory keychain.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ok, tempContext } from '../../../test/integration/helpers';
import { setState } from '../../ledger/repos/bank-access';
import { testBundle } from '../../vault/test-bundle';
import type { ConfirmationOutcome, ConfirmationRequest } from '../context';
import { dispatch } from '../dispatch';
import { accessKeys, now } from './connection';

let ctx: ReturnType<typeof tempContext>;
let id: number;
const password = 'correct horse battery staple';
let bundle: ReturnType<typeof testBundle>;

beforeAll(() => {
  // RSA key generation is the slow part: one set for all tests.
  bundle = testBundle('placeholder');
});

beforeEach(async () => {
  ctx = tempContext();
  const access = await ok(ctx, 'bankAccess.create', {
    name: 'Hausbank',
    hostUrl: 'https://ebics.bank.example/ebicsweb',
    hostId: 'HOSTID',
    partnerId: 'PARTNER1',
    userId: 'USER1',
    ebicsVersion: 'H005',
  });
  id = access.id;
  accessKeys(ctx, id).save(bundle);
});
afterEach(() => ctx.cleanup());

/** The host's capability, answering as told and keeping what it was asked. */
function answering(outcome: ConfirmationOutcome): ConfirmationRequest[] {
  const asked: ConfirmationRequest[] = [];
  ctx.confirm = async (request) => {
    asked.push(request);
    return outcome;
  };
  return asked;
}

const auditRows = () =>
  (
    ctx.db
      .prepare("SELECT action, details FROM audit_log WHERE subject_type = 'bank_access' AND action NOT IN ('bankAccess.created') ORDER BY id")
      .all() as Array<{ action: string; details: string }>
  ).map((r) => ({ action: r.action, ...(JSON.parse(r.details) as Record<string, unknown>) }));

describe('key export and the other calls that decide who talks to the bank', () => {
  it('are refused, on the record, by a host that cannot ask the person at the keyboard', async () => {
    expect(ctx.confirm).toBeNull();
    const exported = await dispatch(ctx, 'bankAccess.exportKeys', { id, password });
    expect(exported).toMatchObject({ ok: false, error: { code: 'confirmation.unavailable' } });
    expect(JSON.stringify(exported)).not.toContain('base64');
    setState(ctx.db, id, 'suspended', now(ctx));
    expect(await dispatch(ctx, 'bankAccess.reinitialise', { id, confirm: true })).toMatchObject({ ok: false, error: { code: 'confirmation.unavailable' } });
    // Nothing was deleted: the keys are still there.
    expect(accessKeys(ctx, id).load()).not.toBeNull();
    expect(auditRows()).toEqual([
      { action: 'confirmation.refused', call: 'bankAccess.exportKeys', host: 'cli', reason: 'unavailable' },
      { action: 'confirmation.refused', call: 'bankAccess.reinitialise', host: 'cli', reason: 'unavailable' },
    ]);
  });

  it('export the keys only after the person confirmed, naming the access in the question', async () => {
    const asked = answering({ result: 'cancelled' });
    expect(await dispatch(ctx, 'bankAccess.exportKeys', { id, password })).toMatchObject({ ok: false, error: { code: 'confirmation.cancelled' } });
    answering({ result: 'confirmed' });
    const file = await ok(ctx, 'bankAccess.exportKeys', { id, password });
    expect(file.fileName).toBe('PARTNER1-USER1.kontor-keys');
    expect(asked[0]).toMatchObject({
      call: 'bankAccess.exportKeys',
      locale: 'en',
      access: { id, name: 'Hausbank', partnerId: 'PARTNER1', userId: 'USER1', hostId: 'HOSTID' },
    });
    expect(auditRows().map((r) => r.action)).toEqual(['confirmation.cancelled', 'confirmation.confirmed', 'keys.exported']);
  });

  it('ask in the user’s language', async () => {
    await ok(ctx, 'settings.update', { locale: 'de' });
    const asked = answering({ result: 'cancelled' });
    await dispatch(ctx, 'bankAccess.exportKeys', { id, password });
    expect(asked[0]?.locale).toBe('de');
  });

  it('check what can be checked before asking: a wrong key file password or an access that is not ready costs no question', async () => {
    answering({ result: 'confirmed' });
    const file = await ok(ctx, 'bankAccess.exportKeys', { id, password });
    const asked = answering({ result: 'confirmed' });
    const wrong = await dispatch(ctx, 'bankAccess.importKeys', { id, password: 'not the password', base64: file.base64 });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'vault.wrongPassword' } });
    expect(await dispatch(ctx, 'bankAccess.suspend', { id, confirm: true })).toMatchObject({ ok: false, error: { code: 'bankAccess.wrongState' } });
    expect(asked).toEqual([]);
    const imported = await ok(ctx, 'bankAccess.importKeys', { id, password, base64: file.base64 });
    expect(imported.state).toBe('hia_sent');
    expect(asked.map((r) => r.call)).toEqual(['bankAccess.importKeys']);
  });

  it('pass the browser host’s code on and turn its answers into typed refusals, each on the record', async () => {
    const asked = answering({ result: 'codeSent', id: 'abcdefgh12345678', expiresAt: '2026-11-21T09:02:00.000Z' });
    const sent = await dispatch(ctx, 'bankAccess.exportKeys', { id, password });
    expect(sent).toMatchObject({ ok: false, error: { code: 'confirmation.codeSent', params: { confirmationId: 'abcdefgh12345678' } } });
    answering({ result: 'refused', reason: 'codeWrong' });
    const proof = { id: 'abcdefgh12345678', code: '1234 5678' };
    expect(await dispatch(ctx, 'bankAccess.exportKeys', { id, password, confirmation: proof })).toMatchObject({
      ok: false,
      error: { code: 'confirmation.codeWrong' },
    });
    const again = answering({ result: 'refused', reason: 'codeExpired' });
    expect(await dispatch(ctx, 'bankAccess.exportKeys', { id, password, confirmation: proof })).toMatchObject({
      ok: false,
      error: { code: 'confirmation.codeExpired' },
    });
    expect(asked[0]?.code).toBeUndefined();
    expect(again[0]?.code).toEqual({ id: 'abcdefgh12345678', code: '1234 5678' });
    expect(auditRows()).toEqual([
      { action: 'confirmation.codeSent', call: 'bankAccess.exportKeys', host: 'cli', expiresAt: '2026-11-21T09:02:00.000Z' },
      { action: 'confirmation.refused', call: 'bankAccess.exportKeys', host: 'cli', reason: 'codeWrong' },
      { action: 'confirmation.refused', call: 'bankAccess.exportKeys', host: 'cli', reason: 'codeExpired' },
    ]);
  });
});
