/**
 * The bank's maxima per file, set in the bank access settings (the window's
 * settings and `kontor bank settings` both call bankAccess.updateSettings):
 * a run with more payments than the bank takes in one file, or a higher
 * total, is split; the access's own amount limit still counts beside them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, tempContext } from '../../../test/integration/helpers';
import { splitByLimit } from './build';

let ctx: ReturnType<typeof tempContext>;
let accessId: number;

beforeEach(async () => {
  ctx = tempContext(); // 21 November 2026
  const entityId = (await ok(ctx, 'entities.create', { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999' })).id;
  accessId = (
    await ok(ctx, 'bankAccess.create', {
      name: 'Hausbank',
      hostUrl: 'https://ebics.bank.example/ebicsweb',
      hostId: 'HOSTID',
      partnerId: 'PARTNER',
      userId: 'USER',
      ebicsVersion: 'H005',
    })
  ).id;
  const account = await ok(ctx, 'bankAccounts.create', { entityId, bankAccessId: accessId, name: 'Hausbank', iban: 'DE89370400440532013000' });
  await ok(ctx, 'entities.update', {
    id: entityId,
    values: { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999', preferredBankAccountId: account.id },
  });
  for (const [n, cents] of [
    [1, 40_000],
    [2, 30_000],
    [3, 20_000],
    [4, 10_000],
  ] as const) {
    const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: `7000${n}`, name: `Lieferant ${n}` });
    await ok(ctx, 'instruments.create', {
      accountId: supplier.id,
      entityId,
      kind: 'bank_details',
      holderName: `Lieferant ${n}`,
      iban: 'DE02120300000000202051',
      direction: 'out',
    });
    await ok(ctx, 'entries.create', {
      entityId,
      accountId: supplier.id,
      type: 'Credit',
      number: `ER-${n}`,
      statementDate: '2026-11-01',
      dueDate: '2026-11-25',
      amountCents: cents,
      requestedMethod: 'sepa',
    });
  }
});
afterEach(() => ctx.cleanup());

async function setMaxima(maxPaymentsPerFile: number | null, maxFileAmountCents: number | null) {
  const current = await ok(ctx, 'bankAccess.settings', { id: accessId });
  const saved = await ok(ctx, 'bankAccess.updateSettings', { id: accessId, settings: { ...current, maxPaymentsPerFile, maxFileAmountCents } });
  expect(saved).toMatchObject({ maxPaymentsPerFile, maxFileAmountCents });
}
const files = async () => (await ok(ctx, 'orders.build', {})).orders.map((o) => [o.txCount, o.controlSumCents]);

describe('the bank’s maxima when a run is split', () => {
  it('splits at the bank’s maximum number of payments per file', async () => {
    await setMaxima(3, null);
    expect(await files()).toEqual([
      [3, 90_000],
      [1, 10_000],
    ]);
  });

  it('splits at the bank’s maximum total per file', async () => {
    await setMaxima(null, 50_000);
    expect(await files()).toEqual([
      [2, 50_000],
      [2, 50_000],
    ]);
  });

  it('keeps both maxima at once in the splitter, and one file where nothing is exceeded', () => {
    const lines = [40, 30, 20, 10, 5].map((c, i) => ({ payment: { amountCents: c, entryId: i + 1 } }));
    expect(splitByLimit(lines, undefined).map((r) => r.length)).toEqual([5]);
    expect(splitByLimit(lines, 60, 2).map((r) => r.map((l) => l.payment.amountCents))).toEqual([[40, 20], [30, 10], [5]]);
  });
});
