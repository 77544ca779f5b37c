/**
 * What the bank would refuse, Kontor refuses first or explains, over real
 * HTTP to the demo bank: a pain.001.001.03 file is never sent with
 * verification of payee (typed error, the bank not asked); with the demo
 * bank's rule "single payments only with the check" (switched by
 * `kontor demo-bank rules`), a single payment sent without the check is
 * refused by the bank and Kontor says why; with the check, or in a file of
 * two payments, it goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOrders } from '../../electron/demo-bank/store/orders';
import { dispatch } from '../../electron/services/dispatch';
import { demoAccess, type DemoAccess } from './demo-access';
import { movableClock, ok } from './helpers';

const clock = movableClock('2026-11-23T08:00:00Z');
const PAYEE = { holder: 'Papierwerk Nord GmbH', iban: 'DE02120300000000202051' };
let k: DemoAccess;
let n = 0;

async function single(cents: number): Promise<number> {
  const { entryId } = await k.payable(String(++n), { ...PAYEE, cents });
  const [id] = await k.builtAndApproved([entryId]);
  return id!;
}

async function setPain(creditTransferPain: 'pain.001.001.03' | 'pain.001.001.09') {
  const current = await ok(k.ctx, 'bankAccess.settings', { id: k.accessId });
  await ok(k.ctx, 'bankAccess.updateSettings', { id: k.accessId, settings: { ...current, creditTransferPain } });
}

beforeAll(async () => {
  k = await demoAccess(clock, 'H005', 'vop-refusals');
  k.bank.holders.add(PAYEE.iban, PAYEE.holder);
}, 120_000);
afterAll(async () => k.close());

describe('refusing up front what the bank would refuse', () => {
  it('refuses verification of payee for a pain.001.001.03 file before contacting the bank, and sends it without', async () => {
    await setPain('pain.001.001.03');
    const id = await single(12_000);
    const before = listOrders(k.bank.store.db).length;
    const refused = await dispatch(k.ctx, 'orders.upload', { id, vop: true });
    expect(refused.ok ? null : refused.error.code).toBe('vop.needsPain09');
    expect(refused.ok ? '' : refused.error.message).toMatch(/pain\.001\.001\.09/);
    expect(listOrders(k.bank.store.db)).toHaveLength(before);
    expect(await ok(k.ctx, 'orders.get', { id })).toMatchObject({ status: 'approved', format: 'pain.001.001.03' });

    const cli = await k.cli('orders', 'upload', String(id), '--vop');
    expect(cli.code).toBe(1);
    expect(cli.err).toMatch(/pain\.001\.001\.09/);
    expect(listOrders(k.bank.store.db)).toHaveLength(before);

    const sent = await ok(k.ctx, 'orders.upload', { id, vop: false });
    expect(sent.status).toBe('uploaded');
    await setPain('pain.001.001.09');
  });

  it('switches the demo bank’s rule with kontor demo-bank rules and keeps it in the bank’s data', async () => {
    expect(k.bank.rules.get()).toEqual({ singlePaymentNeedsVop: false });
    const set = await k.cli('demo-bank', 'rules', '--single-payment-vop', 'required', '--json');
    expect(set.code, set.err).toBe(0);
    expect(JSON.parse(set.out)).toEqual({ singlePaymentNeedsVop: true });
    expect(k.bank.rules.get()).toEqual({ singlePaymentNeedsVop: true });
    expect((await k.cli('demo-bank', 'rules')).out).toMatch(/without verification of payee: refused/);
  });

  it('shows the bank’s refusal of a single payment sent without the check, and the order is rejected', async () => {
    const id = await single(34_500);
    const refused = await dispatch(k.ctx, 'orders.upload', { id, vop: false });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('vop.singlePaymentRefused');
    expect(refused.error.message, refused.error.message).toMatch(/accept a single payment only with the check/);
    expect(refused.error.params).toMatchObject({ ebicsCode: '090004' });
    expect((await ok(k.ctx, 'orders.get', { id })).status).toBe('rejected');
  });

  it('takes the single payment with the check, and two payments without it', async () => {
    const checked = await ok(k.ctx, 'orders.upload', { id: await single(5_000), vop: true });
    expect(checked.status).toBe('uploaded');
    const a = await k.payable(String(++n), { ...PAYEE, cents: 1_000 });
    const b = await k.payable(String(++n), { ...PAYEE, cents: 2_000 });
    const [both] = await k.builtAndApproved([a.entryId, b.entryId]);
    const sent = await ok(k.ctx, 'orders.upload', { id: both!, vop: false });
    expect(sent).toMatchObject({ status: 'uploaded', txCount: 2 });
  });
});
