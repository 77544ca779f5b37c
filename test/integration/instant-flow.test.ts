/**
 * SEPA Instant from Kontor, over real HTTP to the demo bank in both EBICS
 * versions, with a real ledger file and the OS keychain: an instant run is
 * refused while the access does not offer it and for a payment above the
 * access's instant limit; once offered, the run's file carries LclInstrm
 * INST and asks for today, goes up with verification as CIV (H004) or BTU
 * SCI + VOI (H005) and without as CIP / BTU SCI, is released by the E signer
 * in Kontor and booked by the bank the same day — a Saturday, as instant
 * payments run every day. The CLI builds it with `--instant` and shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOrder } from '../../electron/demo-bank/store/orders';
import { blocksOfOrder } from '../../electron/demo-bank/store/payment-blocks';
import { orderFile } from '../../electron/ledger/repos/payment-orders';
import { dispatch } from '../../electron/services/dispatch';
import { formatAmount } from '../../shared/money';
import { demoAccess, type DemoAccess } from './demo-access';
import { approveAsSecondPerson, movableClock, ok } from './helpers';

// Saturday 28 November 2026: no TARGET2 day, an instant payment is booked all the same.
const SATURDAY = '2026-11-28';

describe.each(['H004', 'H005'] as const)('SEPA Instant from Kontor (%s)', (version) => {
  const clock = movableClock(`${SATURDAY}T09:00:00Z`);
  let k: DemoAccess;
  beforeAll(async () => {
    k = await demoAccess(clock, version, `instant-${version}`);
    k.bank.holders.add('DE02120300000000202051', 'Papierwerk Nord GmbH');
  }, 120_000);
  afterAll(async () => k.close());

  const offer = async (instantOffered: boolean, instantLimitCents: number | null) => {
    const current = await ok(k.ctx, 'bankAccess.settings', { id: k.accessId });
    return ok(k.ctx, 'bankAccess.updateSettings', { id: k.accessId, settings: { ...current, instantOffered, instantLimitCents } });
  };

  it('refuses an instant run while the bank access does not offer SEPA Instant, and builds nothing', async () => {
    const { entryId } = await k.payable('1', { holder: 'Papierwerk Nord GmbH', iban: 'DE02120300000000202051', cents: 50_000 });
    expect((await ok(k.ctx, 'bankAccess.settings', { id: k.accessId })).instantOffered).toBe(false);
    const refused = await dispatch(k.ctx, 'orders.build', { entryIds: [entryId], instant: true });
    expect(refused.ok ? null : refused.error.code).toBe('order.instantNotOffered');
    expect(await ok(k.ctx, 'orders.list', {})).toEqual([]);
  });

  it('refuses a payment above the access’s instant limit with a typed error naming the entry', async () => {
    await offer(true, 40_000);
    const entry = (await ok(k.ctx, 'orders.eligibility', {})).eligible.find((e) => e.number === 'ER-1')!;
    const refused = await dispatch(k.ctx, 'orders.build', { entryIds: [entry.entryId], instant: true });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('order.instantOverLimit');
    expect(refused.error.params).toMatchObject({ entries: 'ER-1', limitCents: 40_000 });
    expect(await ok(k.ctx, 'orders.list', {})).toEqual([]);
  });

  it('builds an instant run for today with LclInstrm INST, uploads it with the check, the E signer releases it and the bank books it the same day', async () => {
    await offer(true, 10_000_000);
    const entry = (await ok(k.ctx, 'orders.eligibility', {})).eligible.find((e) => e.number === 'ER-1')!;
    const [id] = await k.builtAndApproved([entry.entryId], true);
    const order = await ok(k.ctx, 'orders.get', { id: id! });
    expect(order).toMatchObject({ instant: true, executionDate: SATURDAY, txCount: 1 });
    expect((await ok(k.ctx, 'orders.summary', { id: id! })).instant).toBe(true);
    const xml = orderFile(k.ctx.db, id!).toString('utf8');
    expect(xml).toContain('<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl><LclInstrm><Cd>INST</Cd></LclInstrm></PmtTpInf>');

    const uploaded = await ok(k.ctx, 'orders.upload', { id: id!, vop: true });
    const atBank = getOrder(k.bank.store.db, uploaded.ebicsOrderId!)!;
    if (version === 'H004') expect(atBank.orderType).toBe('CIV');
    else expect(atBank).toMatchObject({ orderType: 'BTU', serviceName: 'SCI', serviceOption: 'VOI' });
    const results = await ok(k.ctx, 'vop.results', { id: id! });
    expect(results.status).toBe('ready');
    expect(results.payments.map((p) => p.result)).toEqual(['match']);

    const veu = (await ok(k.ctx, 'veu.list', { accessId: k.accessId })).find((o) => o.orderId === uploaded.ebicsOrderId)!;
    const signed = await ok(k.ctx, 'veu.sign', {
      accessId: k.accessId,
      orderId: veu.orderId,
      confirmation: { kind: 'total', typed: formatAmount(veu.totalCents!, 'de') },
    });
    expect(signed.outcome).toBe('released');
    k.bank.bookDueOrders();
    expect(blocksOfOrder(k.bank.store.db, uploaded.ebicsOrderId!).map((b) => b.bookedOn)).toEqual([SATURDAY]);
  });

  it('uploads an instant run without the check as CIP / BTU SCI; the CLI builds it with --instant and shows it', async () => {
    const { entryId } = await k.payable('2', { holder: 'Papierwerk Nord GmbH', iban: 'DE02120300000000202051', cents: 1_234 });
    const built = await k.cli('orders', 'build', '--entries', String(entryId), '--instant', '--json');
    expect(built.code, built.err).toBe(0);
    const [order] = (JSON.parse(built.out) as { orders: Array<{ id: number; instant: boolean; executionDate: string }> }).orders;
    expect(order).toMatchObject({ instant: true, executionDate: SATURDAY });
    expect((await k.cli('orders', 'list')).out).toMatch(new RegExp(`^\\s*${order!.id}\\s+draft\\s+instant`, 'm'));
    await approveAsSecondPerson(k.ctx, order!.id);
    const up = await k.cli('orders', 'upload', String(order!.id), '--no-vop', '--json');
    expect(up.code, up.err).toBe(0);
    const atBank = getOrder(k.bank.store.db, (JSON.parse(up.out) as { ebicsOrderId: string }).ebicsOrderId)!;
    if (version === 'H004') expect(atBank.orderType).toBe('CIP');
    else expect(atBank).toMatchObject({ orderType: 'BTU', serviceName: 'SCI', serviceOption: null });
  });

  it('refuses to upload an instant order once the access no longer offers it, before asking the bank', async () => {
    const { entryId } = await k.payable('3', { holder: 'Papierwerk Nord GmbH', iban: 'DE02120300000000202051', cents: 999 });
    const [id] = await k.builtAndApproved([entryId], true);
    await offer(false, null);
    const refused = await dispatch(k.ctx, 'orders.upload', { id: id!, vop: true });
    expect(refused.ok ? null : refused.error.code).toBe('order.instantNotOffered');
    expect((await ok(k.ctx, 'orders.get', { id: id! })).status).toBe('approved');
  });
});
