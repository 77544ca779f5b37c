/**
 * Own accounts linked to a bank access after the fact, and a bank access's
 * settings: with a real ledger file and the demo bank over real HTTP. An
 * order built while its account had no access follows the link and goes to
 * the bank; the settings chosen for the access shape the next pain file and
 * the EBICS 3.0 order that carries it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank } from '../../electron/demo-bank';
import { accountsOfPartner } from '../../electron/demo-bank/store/accounts';
import { orderFile } from '../../electron/ledger/repos/payment-orders';
import { dispatch } from '../../electron/services/dispatch';
import { memorySecretStore } from '../../electron/vault/keychain';
import { addDays } from '../../shared/dates';
import { actingContext, approveAsSecondPerson, movableClock, ok } from './helpers';

let dir: string;
let ctx: ReturnType<typeof actingContext>;
let bank: DemoBank;
const clock = movableClock('2026-11-23T08:00:00Z');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-link-'));
  ctx = actingContext({ dataDir: join(dir, 'kontor'), host: 'cli', clock, secretStore: memorySecretStore() });
  bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock, log: () => undefined });
  ctx.demoBank = bank;
});
afterAll(async () => {
  await bank.close();
  ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

async function readyDemoAccess(): Promise<number> {
  const access = await ok(ctx, 'bankAccess.create', {
    name: 'Demo',
    hostUrl: bank.url,
    hostId: 'KONTORDEMO',
    partnerId: 'KONTOR01',
    userId: 'USER01',
    ebicsVersion: 'H005',
    isDemo: true,
  });
  await ok(ctx, 'bankAccess.initialise', { id: access.id });
  await ok(ctx, 'bankAccess.demoActivate', { id: access.id });
  const fetched = await ok(ctx, 'bankAccess.fetchBankKeys', { id: access.id });
  await ok(ctx, 'bankAccess.acceptBankKeys', { id: access.id, ...fetched.bankKeys! });
  return access.id;
}

/** A supplier with bank details and a payable due in three days: eligible for the next run. */
async function payable(entityId: number, number: string, name: string, amountCents: number): Promise<void> {
  const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: `L-${number}`, name });
  await ok(ctx, 'instruments.create', {
    accountId: supplier.id,
    entityId,
    kind: 'bank_details',
    holderName: name,
    iban: 'DE02120300000000202051',
    direction: 'out',
  });
  await ok(ctx, 'entries.create', {
    entityId,
    accountId: supplier.id,
    type: 'Credit',
    number,
    statementDate: clock.today(),
    dueDate: addDays(clock.today(), 3),
    amountCents,
    requestedMethod: 'sepa',
  });
}

const stepsDone = async () => Object.fromEntries((await ok(ctx, 'setup.checklist', {})).steps.map((s) => [s.id, s.done]));

describe('linking own accounts to a bank access', () => {
  let accessId: number;
  let accountId: number;
  let entityId: number;

  it('ticks the checklist as the ledger fills, and an order built before the link is uploaded once its account is linked', async () => {
    expect(await ok(ctx, 'setup.checklist', {})).toMatchObject({ complete: false, firstStart: true });
    const entity = await ok(ctx, 'entities.create', { name: 'Muster GmbH' });
    entityId = entity.id;
    const account = await ok(ctx, 'bankAccounts.create', { entityId, name: 'Geschäftskonto', iban: accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban });
    accountId = account.id;
    expect(account.bankAccessId).toBeNull();
    await ok(ctx, 'entities.update', { id: entityId, values: { name: entity.name, preferredBankAccountId: accountId } });
    await payable(entityId, 'ER-1', 'Lieferant Eins', 50000);
    expect(await stepsDone()).toEqual({ entity: true, bankAccounts: true, bankAccess: false, linked: false, parties: true, entries: true });

    const { orders } = await ok(ctx, 'orders.build', {});
    expect(orders).toHaveLength(1);
    const order = orders[0]!;
    expect(order.bankAccessId).toBeNull();
    await approveAsSecondPerson(ctx, order.id);
    expect(await dispatch(ctx, 'orders.upload', { id: order.id })).toMatchObject({ ok: false, error: { code: 'order.noBankAccess' } });

    accessId = await readyDemoAccess();
    // The bank's own list of the subscriber's accounts (HTD) names the account to link.
    const offered = await ok(ctx, 'bankAccess.offeredAccounts', { id: accessId });
    expect(offered.map((a) => a.iban)).toEqual(accountsOfPartner(bank.store.db, 'KONTOR01').map((a) => a.iban));
    expect(offered[0]).toMatchObject({ currency: 'EUR', bic: expect.stringMatching(/^[A-Z0-9]{8,11}$/) });
    expect((await stepsDone()).linked).toBe(false);
    const linked = await ok(ctx, 'bankAccounts.link', { id: accountId, bankAccessId: accessId });
    expect(linked.bankAccessId).toBe(accessId);
    expect(await ok(ctx, 'setup.checklist', {})).toMatchObject({ complete: true, firstStart: false });

    // The approved order now goes through the access its account is linked to.
    expect((await ok(ctx, 'orders.get', { id: order.id })).bankAccessId).toBe(accessId);
    expect(await ok(ctx, 'orders.upload', { id: order.id })).toMatchObject({ status: 'uploaded', bankAccessId: accessId });
  });

  it('unlinks an account: unsent orders lose the access, sent ones keep the access they went through', async () => {
    await payable(entityId, 'ER-2', 'Lieferant Zwei', 1200);
    const draft = (await ok(ctx, 'orders.build', {})).orders[0]!;
    expect(draft.bankAccessId).toBe(accessId);

    const unlinked = await ok(ctx, 'bankAccounts.link', { id: accountId, bankAccessId: null });
    expect(unlinked.bankAccessId).toBeNull();
    expect((await ok(ctx, 'orders.get', { id: draft.id })).bankAccessId).toBeNull();
    const sent = (await ok(ctx, 'orders.list', {})).filter((o) => o.status === 'uploaded');
    expect(sent.map((o) => o.bankAccessId)).toEqual([accessId]);
    expect((await ok(ctx, 'setup.checklist', {})).steps.find((s) => s.id === 'linked')).toMatchObject({ done: false, missing: 1 });

    // Linking through an edit of the account works the same way.
    const values = { entityId, bankAccessId: accessId, name: unlinked.name, iban: unlinked.iban };
    expect((await ok(ctx, 'bankAccounts.update', { id: accountId, values })).bankAccessId).toBe(accessId);
    expect((await ok(ctx, 'orders.get', { id: draft.id })).bankAccessId).toBe(accessId);

    // An access that does not exist is refused, and nothing changes.
    expect(await dispatch(ctx, 'bankAccounts.link', { id: accountId, bankAccessId: 999 })).toMatchObject({ ok: false, error: { code: 'notFound' } });
    expect((await ok(ctx, 'bankAccounts.list', {}))[0]!.bankAccessId).toBe(accessId);
  });
});

describe('bank access settings', () => {
  it('refuses a BTF value the bank could not take, naming the purpose, and stores nothing', async () => {
    const [access] = await ok(ctx, 'bankAccess.list', {});
    const before = await ok(ctx, 'bankAccess.settings', { id: access!.id });
    expect(before).toMatchObject({
      creditTransferPain: 'pain.001.001.09',
      directDebitPain: 'pain.008.001.08',
      germanCharset: false,
      bankHashMode: 'certificate',
    });
    const refused = await dispatch(ctx, 'bankAccess.updateSettings', {
      id: access!.id,
      settings: { ...before, btf: { credit_transfer: { scope: 'F' } } },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ebics.invalidOrderCatalogue', params: { purpose: 'credit_transfer' } } });
    expect(await dispatch(ctx, 'bankAccess.updateSettings', { id: access!.id, settings: { ...before, directDebitPain: 'pain.008.001.01' } })).toMatchObject({
      ok: false,
      error: { code: 'input.invalid' },
    });
    expect(await ok(ctx, 'bankAccess.settings', { id: access!.id })).toEqual(before);
  });

  it('builds the next run as pain.001.001.03 with umlauts kept, and the bank takes it as BTF message version 03', async () => {
    const [access] = await ok(ctx, 'bankAccess.list', {});
    const before = await ok(ctx, 'bankAccess.settings', { id: access!.id });
    const saved = await ok(ctx, 'bankAccess.updateSettings', {
      id: access!.id,
      settings: {
        ...before,
        creditTransferPain: 'pain.001.001.03',
        germanCharset: true,
        amountLimitCents: 1_000_000,
        btf: { credit_transfer: { scope: 'de' } },
      },
    });
    expect(saved).toMatchObject({
      creditTransferPain: 'pain.001.001.03',
      germanCharset: true,
      amountLimitCents: 1_000_000,
      btf: { credit_transfer: { scope: 'DE' } },
    });
    expect((await ok(ctx, 'bankAccess.get', { id: access!.id })).amountLimitCents).toBe(1_000_000);

    const entityId = (await ok(ctx, 'entities.list', {}))[0]!.id;
    await payable(entityId, 'ER-3', 'Müller & Söhne KG', 4711);
    const built = (await ok(ctx, 'orders.build', {})).orders.find((o) => o.txCount === 1 && o.controlSumCents === 4711)!;
    expect(built.format).toBe('pain.001.001.03');
    const xml = orderFile(ctx.db, built.id).toString('utf8');
    expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    expect(xml).toContain('<Nm>Müller &amp; Söhne KG</Nm>');

    await approveAsSecondPerson(ctx, built.id);
    // Verification of payee is defined for pain.001.001.09 files; a bank that still needs .03 gets the run without it.
    expect(await ok(ctx, 'orders.upload', { id: built.id, vop: false })).toMatchObject({ status: 'uploaded' });
    const atBank = bank.store.db
      .prepare('SELECT msg_name AS msgName, msg_version AS msgVersion, service_scope AS scope FROM bank_order WHERE data_sha256 = ?')
      .get(built.sha256);
    expect(atBank).toEqual({ msgName: 'pain.001', msgVersion: '03', scope: 'DE' });
  });
});
