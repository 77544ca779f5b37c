/**
 * The distributed signature through Kontor's services, over real HTTP to the
 * demo bank with a real ledger file: signers of classes E, A and B each have
 * their own bank access; an order uploaded by the transport signer is listed,
 * shown, signed only after the signer's confirmation (typed total or PIN),
 * released by E alone or by A then B, cancelled; every decision is in the
 * audit log; a signature sent twice — or again after its answer was lost —
 * counts once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank } from '../../electron/demo-bank';
import { accountsOfPartner } from '../../electron/demo-bank/store/accounts';
import { getOrder } from '../../electron/demo-bank/store/orders';
import { signaturesOf } from '../../electron/demo-bank/store/veu-signatures';
import type { EbicsClient } from '../../electron/ebics/client';
import { listAudit } from '../../electron/ledger/repos/audit-log';
import { createContext, type ServiceContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { memorySecretStore } from '../../electron/vault/keychain';
import { formatAmount } from '../../shared/money';
import { readySubscriber, tempLedger } from '../support/demo-bank';
import { samplePain } from '../support/pain-files';
import { movableClock, ok } from './helpers';
import { readyDemoAccess } from '../support/ready-access';

const clock = movableClock('2026-11-23T08:00:00Z');
let dir: string;
let ctx: ServiceContext;
let bank: DemoBank;
let submitter: EbicsClient;
const access: Record<'SIGE' | 'SIGA' | 'SIGB', number> = { SIGE: 0, SIGA: 0, SIGB: 0 };

async function readyAccess(userId: string): Promise<number> {
  return readyDemoAccess(ctx, { url: bank.url, hostId: 'KONTORDEMO', userId, ebicsVersion: userId === 'SIGB' ? 'H004' : 'H005', name: `Demo ${userId}` });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-veu-'));
  ctx = createContext({ dataDir: join(dir, 'kontor'), host: 'cli', clock, secretStore: memorySecretStore() });
  bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock, log: () => undefined });
  ctx.demoBank = bank;
  for (const [userId, signatureClass] of [
    ['SIGE', 'E'],
    ['SIGA', 'A'],
    ['SIGB', 'B'],
  ] as const) {
    bank.addSubscriber({ partnerId: 'KONTOR01', userId, name: `Signer ${userId}`, signatureClass });
    access[userId] = await readyAccess(userId);
  }
  submitter = (await readySubscriber(bank, 'H005', tempLedger(dir))).client;
}, 120_000);
afterAll(async () => {
  await bank.close();
  ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

async function uploadOrder(count = 3): Promise<string> {
  const ownIban = accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban;
  const file = samplePain('credit_transfer', { ownIban, date: clock.today(), count, version: 'new' });
  return (await submitter.upload('credit_transfer', file)).orderId!;
}

const totalTyped = async (accessId: number, orderId: string) => {
  const o = (await ok(ctx, 'veu.list', { accessId })).find((x) => x.orderId === orderId)!;
  return formatAmount(o.totalCents!, 'de');
};

describe('the distributed signature in Kontor', () => {
  it('lists a waiting order with its total and signers, and shows its transactions', async () => {
    const orderId = await uploadOrder(3);
    const listed = (await ok(ctx, 'veu.list', { accessId: access.SIGA })).find((o) => o.orderId === orderId);
    expect(listed).toMatchObject({ label: 'SCT pain.001', transactions: 3, signatures: { done: 0, required: 1, readyToBeSigned: true }, signers: [] });
    const shown = await ok(ctx, 'veu.show', { accessId: access.SIGB, orderId });
    expect(shown.items).toHaveLength(3);
    expect(shown.items.reduce((n, t) => n + t.amountCents, 0)).toBe(listed!.totalCents);
    expect(shown.displayFile).toContain(orderId);
  });

  it('signs only with the right total typed, then releases by E and writes the audit log', async () => {
    const orderId = await uploadOrder(2);
    const wrong = await dispatch(ctx, 'veu.sign', { accessId: access.SIGE, orderId, confirmation: { kind: 'total', typed: '1,00' } });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'veu.totalMismatch' } });
    expect(signaturesOf(bank.store.db, orderId)).toEqual([]);
    const r = await ok(ctx, 'veu.sign', { accessId: access.SIGE, orderId, confirmation: { kind: 'total', typed: await totalTyped(access.SIGE, orderId) } });
    expect(r).toMatchObject({ orderId, outcome: 'released', order: null });
    expect(getOrder(bank.store.db, orderId)?.state).toBe('released');
    const audit = listAudit(ctx.db).rows.find((a) => a.action === 'veu.sign');
    expect(JSON.parse(audit!.details)).toMatchObject({ orderId, outcome: 'released', confirmedBy: 'total' });
  });

  it('releases with A then B (B confirms with the signing PIN, kept only as a hash)', async () => {
    await ok(ctx, 'veu.setPin', { accessId: access.SIGB, pin: '482915' });
    expect(JSON.stringify(ctx.db.prepare("SELECT value FROM setting WHERE key LIKE 'veu.%'").all())).not.toContain('482915');
    const orderId = await uploadOrder(1);
    const a = await ok(ctx, 'veu.sign', { accessId: access.SIGA, orderId, confirmation: { kind: 'total', typed: await totalTyped(access.SIGA, orderId) } });
    expect(a.outcome).toBe('signed');
    expect(a.order?.signers).toMatchObject([{ userId: 'SIGA', authorisationLevel: 'A' }]);
    const badPin = await dispatch(ctx, 'veu.sign', { accessId: access.SIGB, orderId, confirmation: { kind: 'pin', pin: '000000' } });
    expect(badPin).toMatchObject({ ok: false, error: { code: 'veu.pinWrong' } });
    const b = await ok(ctx, 'veu.sign', { accessId: access.SIGB, orderId, confirmation: { kind: 'pin', pin: '482915' } });
    expect(b.outcome).toBe('released');
    expect(getOrder(bank.store.db, orderId)?.state).toBe('released');
  });

  it('cancels an order after confirmation', async () => {
    const orderId = await uploadOrder(1);
    const r = await ok(ctx, 'veu.cancel', { accessId: access.SIGA, orderId, confirmation: { kind: 'total', typed: await totalTyped(access.SIGA, orderId) } });
    expect(r.outcome).toBe('cancelled');
    expect(getOrder(bank.store.db, orderId)?.state).toBe('rejected');
    expect(listAudit(ctx.db).rows.some((x) => x.action === 'veu.cancel' && x.details.includes(orderId))).toBe(true);
  });

  it('counts a signature sent twice once: a repeat and a resend after a lost answer are "already signed"', async () => {
    const orderId = await uploadOrder(1);
    const typed = await totalTyped(access.SIGA, orderId);
    bank.faults.set('upload-init', 'drop-response', { times: 1 });
    const lost = await dispatch(ctx, 'veu.sign', { accessId: access.SIGA, orderId, confirmation: { kind: 'total', typed } });
    expect(lost.ok).toBe(false);
    expect(signaturesOf(bank.store.db, orderId)).toHaveLength(1);
    const again = await ok(ctx, 'veu.sign', { accessId: access.SIGA, orderId, confirmation: { kind: 'total', typed } });
    expect(again.outcome).toBe('alreadySigned');
    expect((await ok(ctx, 'veu.sign', { accessId: access.SIGA, orderId, confirmation: { kind: 'total', typed } })).outcome).toBe('alreadySigned');
    expect(signaturesOf(bank.store.db, orderId)).toHaveLength(1);
    expect(getOrder(bank.store.db, orderId)?.state).toBe('awaiting_signature');
  });
});
