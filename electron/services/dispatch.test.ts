import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../shared/api';
import { ok, tempContext } from '../../test/integration/helpers';
import { dispatch } from './dispatch';
import { handlers } from './handlers';

let ctx: ReturnType<typeof tempContext>;
beforeEach(() => {
  ctx = tempContext();
});
afterEach(() => ctx.cleanup());

const rowCounts = () =>
  Object.fromEntries(
    ['business_entity', 'bank_account', 'account', 'payment_instrument', 'entry'].map((t) => [
      t,
      (ctx.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
  );

async function seed() {
  const entity = await ok(ctx, 'entities.create', { name: 'Muster GmbH', creditorId: 'DE98ZZZ09999999999', country: 'DE' });
  const bank = await ok(ctx, 'bankAccounts.create', { entityId: entity.id, name: 'Hausbank', iban: 'de89 3704 0044 0532 0130 00', bic: 'cobadeffxxx' });
  const customer = await ok(ctx, 'accounts.create', { kind: 'customer', number: 'K-1000', name: 'Müller & Söhne KG' });
  const mandate = await ok(ctx, 'instruments.create', {
    accountId: customer.id,
    entityId: entity.id,
    kind: 'sepa_mandate',
    holderName: 'Müller & Söhne KG',
    iban: 'DE02120300000000202051',
    mandateId: 'MANDATE-0001',
    mandateSignedOn: '2026-01-15',
    scheme: 'CORE',
    mandateType: 'recurring',
    direction: 'in',
  });
  return { entity, bank, customer, mandate };
}

describe('API dispatch', () => {
  it('has one handler, joined from the domains, for every call of the table and no other', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(api).sort());
    for (const handler of Object.values(handlers)) expect(typeof handler).toBe('function');
  });

  it('refuses malformed input with a clear error naming the field, and writes nothing', async () => {
    await seed();
    const before = rowCounts();
    const cases: Array<[string, unknown, string]> = [
      ['entities.create', { name: 123 }, 'name'],
      ['entities.create', { name: 'X', creditorId: 'DE00ZZZ09999999999' }, 'creditorId'],
      ['bankAccounts.create', { entityId: 1, name: 'Konto', iban: 'DE89370400440532013001' }, 'iban'],
      ['accounts.create', { kind: 'vendor', number: 'L-1', name: 'Lieferant' }, 'kind'],
      [
        'instruments.create',
        { accountId: 1, entityId: 1, kind: 'sepa_mandate', holderName: 'X', iban: 'DE02120300000000202051', direction: 'in' },
        'mandateId',
      ],
      ['entries.create', { entityId: 1, accountId: 1, type: 'Debit', number: 'R-1', statementDate: '2026-02-30', amountCents: 100 }, 'statementDate'],
      ['entries.create', { entityId: 1, accountId: 1, type: 'Debit', number: 'R-1', statementDate: '2026-02-01', amountCents: 12.5 }, 'amountCents'],
      ['entries.update', { id: 'one', values: {} }, 'id'],
      ['app.status', { unexpected: true }, ''],
    ];
    for (const [name, input, field] of cases) {
      const result = await dispatch(ctx, name, input);
      expect(result.ok, `${name} ${JSON.stringify(input)}`).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('input.invalid');
      expect(result.error.message).toMatch(/not accepted/);
      if (field) expect(result.error.issues?.map((i) => i.path.split('.').pop())).toContain(field);
    }
    expect(rowCounts()).toEqual(before);
  });

  it('gives the renderer today by the context clock, not by the workstation', async () => {
    // tempContext's clock stands at 2026-11-21; the renderer takes its "today" from here.
    expect((await ok(ctx, 'app.status', {})).today).toBe('2026-11-21');
  });

  it('refuses an unknown call and input that is not an object', async () => {
    const unknown = await dispatch(ctx, 'keys.exportPrivate', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'api.unknownCall' } });
    const proto = await dispatch(ctx, '__proto__', {});
    expect(proto).toMatchObject({ ok: false, error: { code: 'api.unknownCall' } });
    const notObject = await dispatch(ctx, 'entities.create', 'Muster GmbH');
    expect(notObject).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
  });

  it('normalises what it stores: IBAN without spaces, BIC upper-case, signed amounts', async () => {
    const { entity, bank, customer, mandate } = await seed();
    expect(bank.iban).toBe('DE89370400440532013000');
    expect(bank.bic).toBe('COBADEFFXXX');
    const receivable = await ok(ctx, 'entries.create', {
      entityId: entity.id,
      accountId: customer.id,
      type: 'Debit',
      number: 'RE-2026-001',
      statementDate: '2026-11-01',
      dueDate: '2026-11-30',
      amountCents: 123456,
      requestedMethod: 'sepa',
      requestedInstrumentId: mandate.id,
    });
    expect(receivable).toMatchObject({ amountCents: 123456, openAmountCents: 123456, status: 'Open', accountName: 'Müller & Söhne KG' });
    const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: 'L-1', name: 'Papier AG' });
    const payable = await ok(ctx, 'entries.create', {
      entityId: entity.id,
      accountId: supplier.id,
      type: 'Credit',
      number: 'ER-77',
      statementDate: '2026-11-01',
      amountCents: 5000,
      needsApproval: true,
    });
    expect(payable).toMatchObject({ amountCents: -5000, openAmountCents: -5000, creditApproval: 'pending' });
  });

  it('makes a company’s first own account the one it pays from, and a second account does not take its place', async () => {
    const { entity, bank } = await seed();
    const preferred = async () => (await ok(ctx, 'entities.list', {})).find((e) => e.id === entity.id)?.preferredBankAccountId;
    expect(await preferred()).toBe(bank.id);
    await ok(ctx, 'bankAccounts.create', { entityId: entity.id, name: 'Zweitbank', iban: 'DE02120300000000202051' });
    expect(await preferred()).toBe(bank.id);
  });

  it('explains business-rule refusals in words and leaves the ledger unchanged', async () => {
    const { entity, customer } = await seed();
    const before = rowCounts();
    const dup = await dispatch(ctx, 'bankAccounts.create', { entityId: entity.id, name: 'Again', iban: 'DE89370400440532013000' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'bankAccount.duplicateIban' } });
    const future = await dispatch(ctx, 'instruments.create', {
      accountId: customer.id,
      entityId: entity.id,
      kind: 'sepa_mandate',
      holderName: 'X',
      iban: 'DE02120300000000202051',
      mandateId: 'M-2',
      mandateSignedOn: '2026-11-22',
      scheme: 'CORE',
      direction: 'in',
    });
    expect(future).toMatchObject({ ok: false, error: { code: 'mandate.signedInFuture' } });
    const missing = await dispatch(ctx, 'entries.create', {
      entityId: entity.id,
      accountId: 999,
      type: 'Debit',
      number: 'X',
      statementDate: '2026-11-01',
      amountCents: 1,
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'notFound' } });
    expect(rowCounts()).toEqual(before);
  });

  it('filters entries by type, status, due window and search', async () => {
    const { entity, customer } = await seed();
    const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: 'L-9', name: 'Strom_Werk 100% AG' });
    const mk = (accountId: number, type: 'Debit' | 'Credit', number: string, dueDate: string, amountCents: number) =>
      ok(ctx, 'entries.create', { entityId: entity.id, accountId, type, number, statementDate: '2026-10-01', dueDate, amountCents });
    await mk(customer.id, 'Debit', 'RE-1', '2026-11-10', 100);
    await mk(customer.id, 'Debit', 'RE-2', '2026-12-10', 200);
    await mk(supplier.id, 'Credit', 'ER-1', '2026-11-15', 300);
    const names = async (f: object) => (await ok(ctx, 'entries.list', f)).rows.map((r) => r.number);
    expect(await names({ type: 'Debit' })).toEqual(['RE-1', 'RE-2']);
    expect(await names({ dueFrom: '2026-11-11', dueTo: '2026-11-30' })).toEqual(['ER-1']);
    expect(await names({ search: '100%' })).toEqual(['ER-1']);
    expect(await names({ search: 'müller' })).toEqual(['RE-1', 'RE-2']);
    const page = await ok(ctx, 'entries.list', { limit: 1 });
    expect(page).toMatchObject({ total: 3 });
    expect(page.rows).toHaveLength(1);
  });

  it('keeps settled amounts when an entry is edited', async () => {
    const { entity, customer } = await seed();
    const e = await ok(ctx, 'entries.create', {
      entityId: entity.id,
      accountId: customer.id,
      type: 'Debit',
      number: 'RE-5',
      statementDate: '2026-10-01',
      amountCents: 10000,
    });
    // 40.00 already settled by a payment.
    ctx.db.prepare('UPDATE entry SET open_amount_cents = 6000 WHERE id = ?').run(e.id);
    const base = { entityId: entity.id, accountId: customer.id, type: 'Debit' as const, number: 'RE-5', statementDate: '2026-10-01' };
    const raised = await ok(ctx, 'entries.update', { id: e.id, version: e.version, values: { ...base, amountCents: 12000 } });
    expect(raised).toMatchObject({ amountCents: 12000, openAmountCents: 8000 });
    const tooLow = await dispatch(ctx, 'entries.update', { id: e.id, version: raised.version, values: { ...base, amountCents: 3000 } });
    expect(tooLow).toMatchObject({ ok: false, error: { code: 'entry.settledTooMuch' } });
    expect((await ok(ctx, 'entries.get', { id: e.id })).amountCents).toBe(12000);
  });

  it('reports progress while backing up the ledger', async () => {
    await seed();
    const seen: Array<{ done: number; total: number }> = [];
    ctx.events.listen((event, payload) => {
      if (event === 'progress') seen.push(payload as { done: number; total: number });
    });
    const { file, pages } = await ok(ctx, 'ledger.backup', {});
    expect(pages).toBeGreaterThan(0);
    expect(seen.at(-1)).toMatchObject({ done: pages, total: pages });
    const { default: Database } = await import('better-sqlite3');
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare('SELECT name FROM business_entity').all()).toEqual([{ name: 'Muster GmbH' }]);
    copy.close();
  });
});

describe('approvals of payables', () => {
  it('lets an approver other than the preparer approve, and refuses the preparer and a person without the approver role', async () => {
    ctx.actAs('anna');
    const { entity } = await seed();
    await ok(ctx, 'users.grant', { user: 'bernd', role: 'preparer' });
    const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: 'L-7', name: 'Druckerei Weiß' });
    const payable = await ok(ctx, 'entries.create', {
      entityId: entity.id,
      accountId: supplier.id,
      type: 'Credit',
      number: 'ER-7',
      statementDate: '2026-11-01',
      amountCents: 9900,
      needsApproval: true,
    });
    expect(payable).toMatchObject({ creditApproval: 'pending', preparedBy: 'anna' });

    expect(await dispatch(ctx, 'entries.approve', { id: payable.id })).toMatchObject({ ok: false, error: { code: 'approval.ownEntry' } });
    ctx.actAs('bernd');
    expect(await dispatch(ctx, 'entries.approve', { id: payable.id })).toMatchObject({ ok: false, error: { code: 'role.missing' } });
    expect((await ok(ctx, 'entries.get', { id: payable.id })).creditApproval).toBe('pending');

    ctx.actAs('anna');
    await ok(ctx, 'users.grant', { user: 'bernd', role: 'approver' });
    ctx.actAs('bernd');
    const approved = await ok(ctx, 'entries.approve', { id: payable.id });
    expect(approved).toMatchObject({ creditApproval: 'approved', approvedBy: 'bernd' });
    const audit = ctx.db.prepare("SELECT actor, action FROM audit_log WHERE subject_type = 'entry'").all();
    expect(audit).toEqual([{ actor: 'bernd', action: 'entry.approved' }]);
  });
});
