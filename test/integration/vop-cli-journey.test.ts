/**
 * The journey of issue 19 through the `kontor` command, against the demo bank
 * over real HTTP (EBICS 3.0) with a real ledger and the OS keychain, as the
 * Chromium journey (test/e2e/vop-veu.spec.ts) does it in the window: five
 * transfers — exact, close, wrong name, a bank outside the check, and an
 * instant one built as its own instant order — uploaded with the check,
 * the results with counts and sums, the close match's name taken, the run
 * released by the E signer with its total typed; the instant order
 * cancelled; a third order sent without the check and released by A then B
 * at the bank. Payables are seeded through the API; approval is a second
 * person's (four eyes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOrder } from '../../electron/demo-bank/store/orders';
import { getInstrument } from '../../electron/ledger/repos/payment-instruments';
import { demoAccess, type DemoAccess } from './demo-access';
import { approveAsSecondPerson, movableClock } from './helpers';

const clock = movableClock('2026-11-23T08:00:00Z');
const PAYEES = [
  { holder: 'Papierwerk Nord GmbH', registered: 'Papierwerk Nord GmbH', iban: 'DE02120300000000202051', cents: 100_000 },
  { holder: 'Mueller und Soehne', registered: 'Müller & Söhne KG', iban: 'DE89370400440532013000', cents: 50_055 },
  { holder: 'Hans Wurst', registered: 'Schmidt Logistik GmbH', iban: 'DE75512108001245126199', cents: 20_000 },
  { holder: 'Cafe Creme SARL', registered: null, iban: 'FR1420041010050500013M02606', cents: 1_055 },
  { holder: 'Anna Berger', registered: 'Anna Berger', iban: 'DE44500105175407324931', cents: 7_700 },
  { holder: 'Papierwerk Nord GmbH', registered: null, iban: 'DE02120300000000202051', cents: 4_711 },
] as const;

let k: DemoAccess;
const entries: number[] = [];
const instruments: number[] = [];

beforeAll(async () => {
  k = await demoAccess(clock, 'H005', 'vop-cli');
  for (const [i, p] of PAYEES.entries()) {
    const made = await k.payable(String(i + 1), p);
    entries.push(made.entryId);
    instruments.push(made.instrumentId);
    if (p.registered) expect((await k.cli('demo-bank', 'holders', 'add', '--iban', p.iban, '--name', p.registered)).code).toBe(0);
  }
  for (const [user, c] of [
    ['SIGA', 'A'],
    ['SIGB', 'B'],
  ] as const) {
    const added = await k.cli('demo-bank', 'add-subscriber', '--partner', 'KONTOR01', '--user', user, '--class', c, '--accounts', '0');
    expect(added.code, added.err).toBe(0);
  }
  const instant = await k.cli('bank', 'settings', String(k.accessId), '--instant', 'on', '--instant-limit', '1000');
  expect(instant.out).toMatch(/SEPA Instant: +offered, at most 1,000\.00 per payment/);
}, 120_000);
afterAll(async () => k.close());

async function built(ids: number[], instant = false): Promise<number> {
  const r = await k.cli('orders', 'build', '--entries', ids.join(','), ...(instant ? ['--instant'] : []), '--json');
  expect(r.code, r.err).toBe(0);
  const [order] = (JSON.parse(r.out) as { orders: Array<{ id: number; instant: boolean }> }).orders;
  expect(order!.instant).toBe(instant);
  await approveAsSecondPerson(k.ctx, order!.id);
  return order!.id;
}

async function uploaded(id: number, vop: '--vop' | '--no-vop'): Promise<string> {
  const r = await k.cli('orders', 'upload', String(id), vop, '--json');
  expect(r.code, r.err).toBe(0);
  return (JSON.parse(r.out) as { ebicsOrderId: string }).ebicsOrderId;
}

describe('the payee check and the distributed signature through the CLI', () => {
  it('checks a run of four, takes the close match’s name, and the E signer releases it with the total typed', async () => {
    const id = await built(entries.slice(0, 4));
    const ebicsId = await uploaded(id, '--vop');
    expect(getOrder(k.bank.store.db, ebicsId)).toMatchObject({ serviceName: 'SCT', serviceOption: 'VOI' });
    const vop = await k.cli('orders', 'vop', String(id));
    expect(vop.out).toContain('match: 1 (EUR 1,000.00) · close match: 1 (EUR 500.55) · NO MATCH: 1 (EUR 200.00) · not possible: 1 (EUR 10.55)');
    const results = JSON.parse((await k.cli('orders', 'vop', String(id), '--json')).out) as { payments: Array<{ iban: string; endToEndId: string }> };
    const close = results.payments.find((p) => p.iban === PAYEES[1].iban)!;
    const taken = await k.cli('orders', 'vop', String(id), '--take-name', close.endToEndId);
    expect(taken.code, taken.err).toBe(0);
    expect(getInstrument(k.ctx.db, instruments[1]!).holderName).toBe('Müller & Söhne KG');
    const signed = await k.cli('veu', 'sign', ebicsId, '--access', String(k.accessId), '--total', '1,711.10');
    expect(signed.code, signed.err).toBe(0);
    expect(getOrder(k.bank.store.db, ebicsId)?.state).toBe('released');
  });

  it('sends the instant transfer as its own instant order with the check (BTU SCI VOI) and cancels it', async () => {
    const id = await built([entries[4]!], true);
    const ebicsId = await uploaded(id, '--vop');
    expect(getOrder(k.bank.store.db, ebicsId)).toMatchObject({ serviceName: 'SCI', serviceOption: 'VOI' });
    expect((await k.cli('orders', 'vop', String(id))).out).toContain('match: 1 (EUR 77.00)');
    const cancelled = await k.cli('veu', 'cancel', ebicsId, '--access', String(k.accessId), '--total', '77.00', '--json');
    expect(cancelled.code, cancelled.err).toBe(0);
    expect(getOrder(k.bank.store.db, ebicsId)?.state).toBe('rejected');
  });

  it('sends a third order without the check, released at the bank by A then B', async () => {
    const id = await built([entries[5]!]);
    const ebicsId = await uploaded(id, '--no-vop');
    expect(JSON.parse((await k.cli('orders', 'vop', String(id), '--json')).out)).toMatchObject({ status: 'notChecked' });
    expect((await k.cli('demo-bank', 'sign', ebicsId, '--partner', 'KONTOR01', '--user', 'SIGA')).out).toMatch(/waiting/);
    expect((await k.cli('demo-bank', 'sign', ebicsId, '--partner', 'KONTOR01', '--user', 'SIGB')).out).toMatch(/released/);
    expect(getOrder(k.bank.store.db, ebicsId)?.state).toBe('released');
  });
});
