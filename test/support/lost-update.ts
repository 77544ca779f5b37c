/**
 * Lost updates between two people on one ledger (docs/teams.md, "Lost
 * updates"): both load the same record, both edit, the first save wins and
 * the second is refused naming the first person and the time, with nothing
 * of it written. The same cases run on a SQLite file opened by two contexts
 * (test/integration/lost-update.test.ts) and on a PostgreSQL team ledger with
 * two logins (test/team/lost-update.test.ts).
 */
import { expect, it } from 'vitest';
import type { ServiceContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import type { ApiResult } from '../../shared/api';
import { ok } from '../integration/helpers';

export interface TwoDesks {
  /** Administrator of the ledger; her display name is ANNA_NAME. */
  anna: ServiceContext;
  /** A preparer on another workstation (or window), whose clock is later than Anna's. */
  bernd: ServiceContext;
}

export const ANNA_NAME = 'Anna Adler';

export interface Ledger {
  entityId: number;
  supplierId: number;
  bankDetailsId: number;
  accessId: number;
}

/** What both people work on: Anna sets it up and lets Bernd prepare. */
export async function setUpLedger({ anna }: TwoDesks, bernd: string): Promise<Ledger> {
  await ok(anna, 'settings.update', { displayName: ANNA_NAME });
  await ok(anna, 'users.grant', { user: bernd, role: 'preparer' });
  const access = await ok(anna, 'bankAccess.create', {
    name: 'Hausbank',
    hostUrl: 'https://ebics.hausbank.example/ebics',
    hostId: 'HAUSBANK',
    partnerId: 'KONTOR01',
    userId: 'USER01',
    ebicsVersion: 'H005',
  });
  const entity = await ok(anna, 'entities.create', { name: 'Muster GmbH' });
  const account = await ok(anna, 'bankAccounts.create', { entityId: entity.id, name: 'Geschäftskonto', iban: 'DE89370400440532013000' });
  await ok(anna, 'entities.update', { id: entity.id, values: { name: entity.name, preferredBankAccountId: account.id } });
  const supplier = await ok(anna, 'accounts.create', { kind: 'supplier', number: 'L-1', name: 'Papier Müller AG', city: 'Köln' });
  const details = await ok(anna, 'instruments.create', {
    accountId: supplier.id,
    entityId: entity.id,
    kind: 'bank_details',
    holderName: 'Papier Müller AG',
    iban: 'DE02120300000000202051',
    direction: 'out',
  });
  return { entityId: entity.id, supplierId: supplier.id, bankDetailsId: details.id, accessId: access.id };
}

const auditRows = (ctx: ServiceContext) => Number((ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n);

/** The refusal Bernd gets: Anna's display name and the instant of her save, nothing written. */
function expectRefusedByAnna(r: ApiResult<unknown>, annaAt: string): void {
  expect(r).toMatchObject({ ok: false, error: { code: 'edit.changedMeanwhile', params: { name: ANNA_NAME, at: annaAt } } });
  if (!r.ok) expect(r.error.message).toMatch(/^Changed by Anna Adler on \d{4}-\d\d-\d\d at \d\d:\d\d, please reload\.$/);
}

async function payable(anna: ServiceContext, l: Ledger, number: string, amountCents: number) {
  return ok(anna, 'entries.create', {
    entityId: l.entityId,
    accountId: l.supplierId,
    type: 'Credit',
    number,
    statementDate: '2026-11-01',
    dueDate: '2026-11-23',
    amountCents,
    requestedMethod: 'sepa',
  });
}

/**
 * The cases; `desks()` answers the two contexts and the ledger once set up,
 * `annaAt` is the instant of Anna's clock as the ledger stores it.
 */
export function lostUpdateCases(desks: () => TwoDesks & { ledger: Ledger }, annaAt: string): void {
  it('an entry: the second save is refused naming the first person and the time; the first change stays, the refused one wrote nothing', async () => {
    const { anna, bernd, ledger } = desks();
    const created = await payable(anna, ledger, 'ER-1', 10_000);
    const seenByAnna = await ok(anna, 'entries.get', { id: created.id });
    const seenByBernd = await ok(bernd, 'entries.get', { id: created.id });
    expect(seenByAnna.version).toBe(1);
    const values = {
      entityId: ledger.entityId,
      accountId: ledger.supplierId,
      type: 'Credit' as const,
      number: 'ER-1',
      statementDate: '2026-11-01',
      dueDate: '2026-11-23',
      amountCents: 10_000,
      requestedMethod: 'sepa' as const,
    };
    const saved = await ok(anna, 'entries.update', { id: created.id, version: seenByAnna.version, values: { ...values, amountCents: 12_000 } });
    expect(saved).toMatchObject({ version: 2, amountCents: -12_000 });

    const audit = auditRows(anna);
    const refused = await dispatch(bernd, 'entries.update', {
      id: created.id,
      version: seenByBernd.version,
      values: { ...values, paymentReference: 'Rechnung 4711' },
    });
    expectRefusedByAnna(refused, annaAt);
    expect(await ok(anna, 'entries.get', { id: created.id })).toMatchObject({ version: 2, amountCents: -12_000, paymentReference: null });
    expect(auditRows(anna)).toBe(audit);

    // Reloaded, Bernd's change goes onto Anna's.
    const reloaded = await ok(bernd, 'entries.get', { id: created.id });
    const both = await ok(bernd, 'entries.update', {
      id: created.id,
      version: reloaded.version,
      values: { ...values, amountCents: 12_000, paymentReference: 'Rechnung 4711' },
    });
    expect(both).toMatchObject({ version: 3, amountCents: -12_000, paymentReference: 'Rechnung 4711' });
  });

  it('an approval moves the entry on too: a form opened before it is refused rather than saving over it', async () => {
    const { anna, bernd, ledger } = desks();
    const created = await ok(bernd, 'entries.create', {
      entityId: ledger.entityId,
      accountId: ledger.supplierId,
      type: 'Credit',
      number: 'ER-2',
      statementDate: '2026-11-01',
      amountCents: 5_000,
      needsApproval: true,
    });
    await ok(anna, 'entries.approve', { id: created.id });
    const r = await dispatch(bernd, 'entries.update', {
      id: created.id,
      version: created.version,
      values: { entityId: ledger.entityId, accountId: ledger.supplierId, type: 'Credit', number: 'ER-2', statementDate: '2026-11-01', amountCents: 5_000 },
    });
    expectRefusedByAnna(r, annaAt);
    expect(await ok(bernd, 'entries.get', { id: created.id })).toMatchObject({ creditApproval: 'approved', approvedBy: anna.actor() });
  });

  it('a party and its bank details: the second save is refused, the first stays', async () => {
    const { anna, bernd, ledger } = desks();
    const seenByAnna = await ok(anna, 'accounts.get', { id: ledger.supplierId });
    const seenByBernd = await ok(bernd, 'accounts.get', { id: ledger.supplierId });
    const values = { kind: 'supplier' as const, number: 'L-1', name: 'Papier Müller AG', city: 'Köln' };
    await ok(anna, 'accounts.update', { id: ledger.supplierId, version: seenByAnna.version, values: { ...values, name: 'Papier Müller GmbH' } });
    expectRefusedByAnna(
      await dispatch(bernd, 'accounts.update', { id: ledger.supplierId, version: seenByBernd.version, values: { ...values, city: 'Bonn' } }),
      annaAt,
    );
    expect(await ok(bernd, 'accounts.get', { id: ledger.supplierId })).toMatchObject({ name: 'Papier Müller GmbH', city: 'Köln' });

    const [details] = await ok(bernd, 'instruments.list', { accountId: ledger.supplierId });
    const input = {
      accountId: ledger.supplierId,
      entityId: ledger.entityId,
      kind: 'bank_details' as const,
      holderName: 'Papier Müller AG',
      iban: 'DE02120300000000202051',
      direction: 'out' as const,
    };
    await ok(anna, 'instruments.update', { id: ledger.bankDetailsId, version: details!.version, values: { ...input, bic: 'BYLADEM1001' } });
    expectRefusedByAnna(
      await dispatch(bernd, 'instruments.update', { id: ledger.bankDetailsId, version: details!.version, values: { ...input, active: false } }),
      annaAt,
    );
    expect((await ok(bernd, 'instruments.list', { accountId: ledger.supplierId }))[0]).toMatchObject({ bic: 'BYLADEM1001', active: true, version: 2 });
  });

  it('a draft run: an entry taken out by one person, the other’s change of the same draft is refused and nothing of it written', async () => {
    const { anna, bernd, ledger } = desks();
    const a = await payable(anna, ledger, 'ER-A', 10_000);
    const b = await payable(anna, ledger, 'ER-B', 2_500);
    const { orders } = await ok(anna, 'orders.build', { entryIds: [a.id, b.id] });
    const draft = orders[0]!;
    expect(draft).toMatchObject({ status: 'draft', txCount: 2, version: 1 });
    const seenByBernd = await ok(bernd, 'orders.get', { id: draft.id });

    const { orders: rebuilt } = await ok(anna, 'orders.changeDraft', { id: draft.id, version: draft.version, remove: [b.id] });
    const ordersBefore = await ok(anna, 'orders.list', {});
    const audit = auditRows(anna);
    expectRefusedByAnna(await dispatch(bernd, 'orders.changeDraft', { id: draft.id, version: seenByBernd.version, remove: [a.id] }), annaAt);
    expect(await ok(anna, 'orders.list', {})).toEqual(ordersBefore);
    expect(auditRows(anna)).toBe(audit);
    expect(await ok(bernd, 'orders.get', { id: rebuilt[0]!.id })).toMatchObject({ status: 'draft', txCount: 1, controlSumCents: 10_000 });
  });

  it('bank access settings: the second save is refused, the first stays', async () => {
    const { anna, bernd, ledger } = desks();
    const seenByAnna = await ok(anna, 'bankAccess.settings', { id: ledger.accessId });
    const seenByBernd = await ok(bernd, 'bankAccess.settings', { id: ledger.accessId });
    await ok(anna, 'bankAccess.updateSettings', { id: ledger.accessId, settings: { ...seenByAnna, maxPaymentsPerFile: 500 } });
    expectRefusedByAnna(await dispatch(bernd, 'bankAccess.updateSettings', { id: ledger.accessId, settings: { ...seenByBernd, germanCharset: true } }), annaAt);
    expect(await ok(bernd, 'bankAccess.settings', { id: ledger.accessId })).toMatchObject({
      maxPaymentsPerFile: 500,
      germanCharset: false,
      version: seenByAnna.version + 1,
    });
  });
}
