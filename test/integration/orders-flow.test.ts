/**
 * From entries to the bank and back, over real HTTP to the demo bank with a
 * real ledger file: eligibility, a draft order per file, approval, upload
 * under the transport signature, the bank's verdict from HAC, the booking on
 * the next statement, and no second upload of the same file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank } from '../../electron/demo-bank';
import { accountsOfPartner } from '../../electron/demo-bank/store/accounts';
import { withBankClient } from '../../electron/services/bank-access/lifecycle';
import { createContext, type ServiceContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { memorySecretStore } from '../../electron/vault/keychain';
import { addDays, toInstantIso, type Clock } from '../../shared/dates';
import type { ApiInput, ApiName, ApiOutput } from '../../shared/api';

function movableClock(start: string): Clock & { advanceDays(n: number): void } {
  let t = Date.parse(start);
  return { now: () => new Date(t), today: () => toInstantIso(new Date(t)).slice(0, 10), advanceDays: (n) => void (t += n * 86_400_000) };
}

let dir: string;
let ctx: ServiceContext;
let bank: DemoBank;
const clock = movableClock('2026-11-23T08:00:00Z');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-orders-'));
  ctx = createContext({ dataDir: join(dir, 'kontor'), host: 'cli', clock, secretStore: memorySecretStore() });
  bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock, log: () => undefined, directDebitReturnPercent: 0 });
  ctx.demoBank = bank;
});
afterAll(async () => {
  await bank.close();
  ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>> {
  const r = await dispatch(ctx, name, input);
  if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.code} ${r.error.message}`), { code: r.error.code });
  return r.value as ApiOutput<N>;
}

describe('payment orders through the demo bank', () => {
  it('builds, approves, uploads once, learns the verdict and finds the booking on the statement', async () => {
    const access = await call('bankAccess.create', {
      name: 'Demo', hostUrl: bank.url, hostId: 'KONTORDEMO', partnerId: 'KONTOR01', userId: 'USER01', ebicsVersion: 'H005', isDemo: true,
    });
    await call('bankAccess.initialise', { id: access.id });
    await call('bankAccess.demoActivate', { id: access.id });
    const fetched = await call('bankAccess.fetchBankKeys', { id: access.id });
    await call('bankAccess.acceptBankKeys', { id: access.id, authenticationHash: fetched.bankKeys!.authenticationHash, encryptionHash: fetched.bankKeys!.encryptionHash });

    const ownIban = accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban;
    const entity = await call('entities.create', { name: 'Kontor Demo GmbH', creditorId: 'DE98ZZZ09999999999' });
    const account = await call('bankAccounts.create', { entityId: entity.id, bankAccessId: access.id, name: 'Demo-Konto', iban: ownIban });
    await call('entities.update', { id: entity.id, values: { name: entity.name, creditorId: 'DE98ZZZ09999999999', preferredBankAccountId: account.id } });
    const customer = await call('accounts.create', { kind: 'customer', number: 'K-1', name: 'Müller & Söhne KG' });
    const mandate = await call('instruments.create', {
      accountId: customer.id, entityId: entity.id, kind: 'sepa_mandate', holderName: 'Müller & Söhne KG', iban: 'DE02120300000000202051',
      mandateId: 'MANDAT-1', mandateSignedOn: '2026-01-15', scheme: 'CORE', mandateType: 'recurring', direction: 'in',
    });
    const supplier = await call('accounts.create', { kind: 'supplier', number: 'L-1', name: 'Café Crème SARL' });
    await call('instruments.create', { accountId: supplier.id, entityId: entity.id, kind: 'bank_details', holderName: 'Café Crème SARL', iban: 'FR1420041010050500013M02606', direction: 'out' });
    await call('entries.create', { entityId: entity.id, accountId: customer.id, type: 'Debit', number: 'RE-1', statementDate: '2026-11-01', dueDate: '2026-11-27', amountCents: 123456, requestedMethod: 'sepa', requestedInstrumentId: mandate.id });
    await call('entries.create', { entityId: entity.id, accountId: supplier.id, type: 'Credit', number: 'ER-1', statementDate: '2026-11-01', dueDate: '2026-11-25', amountCents: 50000, requestedMethod: 'sepa' });
    await call('entries.create', { entityId: entity.id, accountId: supplier.id, type: 'Credit', number: 'ER-2', statementDate: '2026-11-01', dueDate: '2027-01-30', amountCents: 1, requestedMethod: 'sepa' });

    const eligibility = await call('orders.eligibility', {});
    expect(eligibility.eligible.map((e) => e.number).sort()).toEqual(['ER-1', 'RE-1']);
    expect(eligibility.notEligible).toEqual([expect.objectContaining({ number: 'ER-2', reasons: ['dueTooLate'] })]);

    const { orders } = await call('orders.build', {});
    expect(orders.map((o) => [o.kind, o.format, o.txCount, o.controlSumCents, o.status]).sort()).toEqual([
      ['credit_transfer', 'pain.001.001.09', 1, 50000, 'draft'],
      ['direct_debit', 'pain.008.001.08', 1, 123456, 'draft'],
    ]);
    // Built once: the same entries do not go into a second order.
    expect((await call('orders.build', {})).orders).toEqual([]);

    const ct = orders.find((o) => o.kind === 'credit_transfer')!;
    const dd = orders.find((o) => o.kind === 'direct_debit')!;
    expect((await dispatch(ctx, 'orders.upload', { id: ct.id })) as object).toMatchObject({ ok: false, error: { code: 'order.wrongStatus' } });
    await call('orders.approve', { id: ct.id });
    await call('orders.approve', { id: dd.id });
    const uploaded = await call('orders.upload', { id: ct.id });
    expect(uploaded).toMatchObject({ status: 'uploaded', ebicsOrderId: expect.any(String) });
    await call('orders.upload', { id: dd.id });
    expect((await call('orders.get', { id: ct.id })).payments.map((p) => p.status)).toEqual(['Issued']);

    // The same file never goes out twice without an explicit, logged override.
    const again = await dispatch(ctx, 'orders.upload', { id: ct.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'order.alreadySent' } });
    const atBank = bank.store.db.prepare('SELECT count(*) AS n FROM bank_order WHERE data_sha256 = ?').get(ct.sha256) as { n: number };
    expect(atBank.n).toBe(1);

    bank.release(uploaded.ebicsOrderId!);
    bank.reject((await call('orders.get', { id: dd.id })).ebicsOrderId!);
    expect(await call('orders.refreshStatus', { bankAccessId: access.id })).toEqual({ updated: 2 });
    expect((await call('orders.get', { id: ct.id })).status).toBe('released');
    const rejected = await call('orders.get', { id: dd.id });
    expect(rejected.status).toBe('rejected');
    expect(rejected.payments.map((p) => p.status)).toEqual(['Rejected']);

    // After the execution date the transfer is on the statement with its end-to-end id.
    clock.advanceDays(4);
    const e2e = (await call('orders.get', { id: ct.id })).payments[0]!.endToEndId;
    const result = await withBankClient(ctx, access.id, (c) => c.download('statement_eod_camt', { dateRange: { start: '2026-11-23', end: addDays(clock.today(), -1) } }));
    const files = unzipSync(new Uint8Array(result.data!));
    const statements = Object.values(files).map((f) => Buffer.from(f).toString('utf8')).join('\n');
    expect(statements).toContain(e2e);
    expect(statements).toContain('500.00');
  });
});
