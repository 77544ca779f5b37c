/**
 * Bulk edit of parties through the API on a real ledger file: payment method
 * and bank details for several parties in one step, the BIC derived from a
 * bank the ledger knows, one audit record per party changed, and a refused
 * value (or party) that leaves every party as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { base64, utf8 } from '../../csv/test-files';
import { ok, tempContext } from '../../../test/integration/helpers';
import { dispatch } from '../dispatch';

let ctx: ReturnType<typeof tempContext>;
let entityId: number;
let ids: number[];

const NEW_IBAN = 'DE89370400440532013000';
const OLD_IBAN = 'DE02120300000000202051';

beforeEach(async () => {
  ctx = tempContext();
  entityId = (await ok(ctx, 'entities.create', { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999' })).id;
  // Kontor knows the bank 37040044 with its BIC from an own account: the bulk edit derives it from there.
  await ok(ctx, 'bankAccounts.create', { entityId, name: 'Hausbank', iban: 'DE62370400440532013001', bic: 'COBADEFFXXX', currency: 'EUR' });
  ids = [];
  for (const [number, name] of [
    ['70001', 'Bürobedarf Müller'],
    ['70002', 'Ölhandel Schulz'],
    ['70003', 'Papier Braun'],
  ])
    ids.push((await ok(ctx, 'accounts.create', { kind: 'supplier', number: number!, name: name! })).id);
  await ok(ctx, 'instruments.create', {
    accountId: ids[0]!,
    entityId,
    kind: 'bank_details',
    holderName: 'Bürobedarf Müller',
    iban: OLD_IBAN,
    direction: 'out',
  });
});
afterEach(() => ctx.cleanup());

const activeBankDetails = (accountId: number) =>
  ctx.db.prepare("SELECT iban, bic FROM payment_instrument WHERE account_id = ? AND kind = 'bank_details' AND active = 1").all(accountId);
const audits = () =>
  ctx.db.prepare("SELECT subject_id AS subjectId, details FROM audit_log WHERE action = 'party.bulkEdit' ORDER BY id").all() as {
    subjectId: string;
    details: string;
  }[];
const methods = () => ctx.db.prepare('SELECT payment_method FROM account ORDER BY id').pluck().all();

describe('bulk edit of parties', () => {
  it('sets payment method and bank details for every selected party, the BIC derived, one audit record each', async () => {
    const result = await ok(ctx, 'parties.bulkEdit', { accountIds: ids.slice(0, 2), paymentMethod: 'sepa', iban: 'DE89 3704 0044 0532 0130 00', entityId });
    expect(result).toMatchObject({ changed: 2, unchanged: 0, iban: NEW_IBAN, bic: 'COBADEFFXXX', bicDerived: true });
    expect(result.rows[0]!.bankDetails).toEqual({ iban: NEW_IBAN, bic: 'COBADEFFXXX', replaced: 1 });
    expect(methods()).toEqual(['sepa', 'sepa', null]);
    expect(activeBankDetails(ids[0]!)).toEqual([{ iban: NEW_IBAN, bic: 'COBADEFFXXX' }]);
    expect(activeBankDetails(ids[1]!)).toEqual([{ iban: NEW_IBAN, bic: 'COBADEFFXXX' }]);
    expect(activeBankDetails(ids[2]!)).toEqual([]);
    expect(audits().map((a) => Number(a.subjectId))).toEqual(ids.slice(0, 2));
    expect(JSON.parse(audits()[0]!.details)).toMatchObject({ paymentMethod: { from: null, to: 'sepa' }, bankDetails: { iban: NEW_IBAN } });
    // The old bank details stay for the record, inactive.
    expect(ctx.db.prepare('SELECT COUNT(*) FROM payment_instrument WHERE account_id = ? AND iban = ? AND active = 0').pluck().get(ids[0]!, OLD_IBAN)).toBe(1);
  });

  it('counts a party that already has the values as unchanged and writes no audit record for it', async () => {
    await ok(ctx, 'parties.bulkEdit', { accountIds: [ids[0]!], paymentMethod: 'other' });
    const again = await ok(ctx, 'parties.bulkEdit', { accountIds: [ids[0]!, ids[1]!], paymentMethod: 'other' });
    expect(again).toMatchObject({ changed: 1, unchanged: 1 });
    expect(audits()).toHaveLength(2);
  });

  it('changes nothing on a dry run but shows the plan', async () => {
    const plan = await ok(ctx, 'parties.bulkEdit', { accountIds: ids, paymentMethod: 'sepa', iban: NEW_IBAN, bic: 'COBADEFF', entityId, dryRun: true });
    expect(plan).toMatchObject({ dryRun: true, changed: 3, bic: 'COBADEFF', bicDerived: false });
    expect(methods()).toEqual([null, null, null]);
    expect(audits()).toEqual([]);
    expect(activeBankDetails(ids[1]!)).toEqual([]);
  });

  it('refuses the whole change with a typed error when the IBAN is invalid, and no party is half-changed', async () => {
    const refused = await dispatch(ctx, 'parties.bulkEdit', { accountIds: ids, paymentMethod: 'sepa', iban: 'DE89370400440532013001', entityId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'parties.badIban', params: { value: 'DE89370400440532013001' } } });
    expect(methods()).toEqual([null, null, null]);
    expect(audits()).toEqual([]);
  });

  it('refuses the whole change when one of the parties does not exist', async () => {
    const refused = await dispatch(ctx, 'parties.bulkEdit', { accountIds: [...ids, 9999], paymentMethod: 'sepa', iban: NEW_IBAN, entityId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'notFound' } });
    expect(methods()).toEqual([null, null, null]);
    expect(activeBankDetails(ids[1]!)).toEqual([]);
  });

  it('refuses a request that changes nothing', async () => {
    expect(await dispatch(ctx, 'parties.bulkEdit', { accountIds: ids })).toMatchObject({ ok: false, error: { code: 'parties.nothingToChange' } });
  });

  it('gives an imported entry without a payment method of its own the method set on its party', async () => {
    await ok(ctx, 'parties.bulkEdit', { accountIds: [ids[1]!], paymentMethod: 'sepa' });
    const text = 'Rechnungsnummer;Rechnungsdatum;Lieferantennummer;Betrag\nER-1;01.02.2026;70001;100,00\nER-2;01.02.2026;70002;50,00\n';
    const file = { fileName: 'op.csv', base64: base64(utf8(text)), entityId };
    const mapping = { ...(await ok(ctx, 'entries.importPreview', file)).mapping };
    const p = await ok(ctx, 'entries.importPreview', { ...file, mapping: { ...mapping, type: { from: 'constant', value: 'Credit' } } });
    expect(p.rows.map((r) => r.entry?.requestedMethod)).toEqual([null, 'sepa']);
  });
});
