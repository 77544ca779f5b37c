/**
 * Verification of payee through Kontor, over real HTTP to the demo bank with
 * a real ledger file and the OS keychain: a run of four transfers (exact
 * name, close, wrong name, a bank outside the check) uploaded with the
 * check, each payment's result with counts and sums (API and
 * `kontor orders vop`), the close match's name taken into the supplier's
 * bank details, the order released by an E signer in Kontor; a second run
 * uploaded without the check (`kontor orders upload --no-vop`) and released
 * by two signers (A then B) at the demo bank.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank } from '../../electron/demo-bank';
import { accountsOfPartner } from '../../electron/demo-bank/store/accounts';
import { getOrder } from '../../electron/demo-bank/store/orders';
import { runCli } from '../../electron/host/cli';
import { getInstrument } from '../../electron/ledger/repos/payment-instruments';
import { listAudit } from '../../electron/ledger/repos/audit-log';
import { addDays } from '../../shared/dates';
import { formatAmount } from '../../shared/money';
import { actingContext, approveAsSecondPerson, movableClock, ok } from './helpers';
import { readyDemoAccess } from '../support/ready-access';

const clock = movableClock('2026-11-23T08:00:00Z');
let dir: string;
let ctx: ReturnType<typeof actingContext>;
let bank: DemoBank;
let accessId = 0;
let entityId = 0;

const PAYEES = [
  { key: 'exact', holder: 'Papierwerk Nord GmbH', registered: 'Papierwerk Nord GmbH', iban: 'DE02120300000000202051', cents: 100000 },
  { key: 'close', holder: 'Mueller und Soehne', registered: 'Müller & Söhne KG', iban: 'DE89370400440532013000', cents: 50055 },
  { key: 'wrong', holder: 'Hans Wurst', registered: 'Schmidt Logistik GmbH', iban: 'DE75512108001245126199', cents: 20000 },
  { key: 'unknown', holder: 'Cafe Creme SARL', registered: null, iban: 'FR1420041010050500013M02606', cents: 1055 },
] as const;
const instruments: Record<string, number> = {};

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, '--data-dir', join(dir, 'kontor')], { out: (l) => out.push(l), err: (l) => err.push(l) }, undefined, clock);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function payable(number: string, payee: (typeof PAYEES)[number]): Promise<void> {
  const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: `L-${number}`, name: payee.holder });
  const instrument = await ok(ctx, 'instruments.create', {
    accountId: supplier.id,
    entityId,
    kind: 'bank_details',
    holderName: payee.holder,
    iban: payee.iban,
    direction: 'out',
  });
  instruments[payee.key] = instrument.id;
  await ok(ctx, 'entries.create', {
    entityId,
    accountId: supplier.id,
    type: 'Credit',
    number: `ER-${number}`,
    statementDate: clock.today(),
    dueDate: addDays(clock.today(), 2),
    amountCents: payee.cents,
    requestedMethod: 'sepa',
  });
}

async function builtAndApproved(): Promise<number> {
  const { orders } = await ok(ctx, 'orders.build', {});
  expect(orders).toHaveLength(1);
  await approveAsSecondPerson(ctx, orders[0]!.id);
  return orders[0]!.id;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-vop-'));
  ctx = actingContext({ dataDir: join(dir, 'kontor'), host: 'cli', clock });
  bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock, log: () => undefined });
  ctx.demoBank = bank;
  for (const p of PAYEES) if (p.registered) bank.holders.add(p.iban, p.registered);
  // Kontor's own subscriber signs alone (class E); two more signers of the partner sign together (A, B).
  bank.setSignerClass('KONTOR01', 'USER01', 'E');
  bank.addSubscriber({ partnerId: 'KONTOR01', userId: 'SIGA', signatureClass: 'A' });
  bank.addSubscriber({ partnerId: 'KONTOR01', userId: 'SIGB', signatureClass: 'B' });
  accessId = await readyDemoAccess(ctx, { url: bank.url, hostId: 'KONTORDEMO', ebicsVersion: 'H005' });
  const ownIban = accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban;
  const entity = await ok(ctx, 'entities.create', { name: 'Kontor Demo GmbH', creditorId: 'DE98ZZZ09999999999' });
  const account = await ok(ctx, 'bankAccounts.create', { entityId: entity.id, bankAccessId: accessId, name: 'Demo-Konto', iban: ownIban });
  await ok(ctx, 'entities.update', { id: entity.id, values: { name: entity.name, creditorId: 'DE98ZZZ09999999999', preferredBankAccountId: account.id } });
  entityId = entity.id;
}, 120_000);
afterAll(async () => {
  await bank.close();
  ctx.demoBank = null;
  ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('verification of payee in Kontor', () => {
  it('uploads a run with the check, shows each result with counts and sums, takes the close match’s name, and an E signer releases it', async () => {
    for (const [i, p] of PAYEES.entries()) await payable(String(i + 1), p);
    const id = await builtAndApproved();
    const uploaded = await ok(ctx, 'orders.upload', { id, vop: true });
    expect(getOrder(bank.store.db, uploaded.ebicsOrderId!)).toMatchObject({ orderType: 'BTU', serviceName: 'SCT', serviceOption: 'VOI' });

    const results = await ok(ctx, 'vop.results', { id });
    expect(results.status).toBe('ready');
    const byIban = Object.fromEntries(results.payments.map((p) => [p.iban, p]));
    expect(PAYEES.map((p) => byIban[p.iban]?.result)).toEqual(['match', 'closeMatch', 'noMatch', 'notPossible']);
    expect(byIban[PAYEES[1].iban]).toMatchObject({ bankName: 'Müller & Söhne KG', canTakeName: true });
    expect(results.summary).toMatchObject({
      match: { count: 1, amountCents: 100000 },
      closeMatch: { count: 1, amountCents: 50055 },
      noMatch: { count: 1, amountCents: 20000 },
      notPossible: { count: 1, amountCents: 1055 },
    });
    const shown = await cli('orders', 'vop', String(id));
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toMatch(/close match .*bank holds "Müller & Söhne KG"/);
    expect(shown.out).toMatch(/NO MATCH/);

    const taken = await ok(ctx, 'vop.takeBankName', { id, endToEndId: byIban[PAYEES[1].iban]!.endToEndId });
    expect(getInstrument(ctx.db, instruments.close!).holderName).toBe('Müller & Söhne KG');
    expect(taken.instrumentId).toBe(instruments.close);
    expect(listAudit(ctx.db).rows.some((a) => a.action === 'vop.bankNameTaken')).toBe(true);

    const veu = (await ok(ctx, 'veu.list', { accessId })).find((o) => o.orderId === uploaded.ebicsOrderId)!;
    expect(veu.label).toBe('SCT/VOI pain.001');
    const signed = await ok(ctx, 'veu.sign', {
      accessId,
      orderId: veu.orderId,
      confirmation: { kind: 'total', typed: formatAmount(veu.totalCents!, 'de') },
    });
    expect(signed.outcome).toBe('released');
    expect(getOrder(bank.store.db, veu.orderId)?.state).toBe('released');
  });

  it('uploads a run waiving the check (kontor orders upload --no-vop): no results, released by A then B at the bank', async () => {
    await payable('9', {
      key: 'later',
      holder: 'Papierwerk Nord GmbH',
      registered: 'Papierwerk Nord GmbH',
      iban: 'DE02120300000000202051',
      cents: 4711,
    } as never);
    const id = await builtAndApproved();
    const up = await cli('orders', 'upload', String(id), '--no-vop', '--json');
    expect(up.code, up.err).toBe(0);
    const ebicsOrderId = (JSON.parse(up.out) as { ebicsOrderId: string }).ebicsOrderId;
    expect(getOrder(bank.store.db, ebicsOrderId)).toMatchObject({ serviceName: 'SCT', serviceOption: null });
    expect((await ok(ctx, 'vop.results', { id })).status).toBe('notChecked');
    expect(JSON.parse((await cli('orders', 'vop', String(id), '--json')).out)).toMatchObject({ status: 'notChecked', verification: 'waived' });
    expect(bank.signAtBank(ebicsOrderId, 'KONTOR01', 'SIGA')).toBe('waiting');
    expect(bank.signAtBank(ebicsOrderId, 'KONTOR01', 'SIGB')).toBe('released');
  });

  it('shows demo mode the payee register and the signers with their classes, and adds a holder', async () => {
    const register = await ok(ctx, 'demoBank.register', {});
    expect(register.holders).toContainEqual({ iban: 'DE89370400440532013000', name: 'Müller & Söhne KG' });
    expect(register.signers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: 'USER01', signatureClass: 'E' }),
        expect.objectContaining({ userId: 'SIGA', signatureClass: 'A' }),
      ]),
    );
    const after = await ok(ctx, 'demoBank.addHolder', { iban: 'DE44500105175407324931', name: 'Anna Berger' });
    expect(after.holders).toContainEqual({ iban: 'DE44500105175407324931', name: 'Anna Berger' });
  });

  it('keeps a per-access default, with the check unless set to waive it', async () => {
    expect(await ok(ctx, 'vop.default', { bankAccessId: accessId })).toEqual({ bankAccessId: accessId, choice: 'with' });
    await ok(ctx, 'vop.setDefault', { bankAccessId: accessId, choice: 'waived' });
    expect((await ok(ctx, 'vop.default', { bankAccessId: accessId })).choice).toBe('waived');
  });
});
