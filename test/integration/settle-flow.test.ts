/**
 * Settling on a real ledger file: an entry paid in cash, offset against a
 * payable, written off with a reason; a bank fee and a small difference
 * accepted with a match (and taken back by undo); and the totals of the
 * proposals per direction and currency.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { ok, tempContext } from './helpers';

let ctx: ReturnType<typeof tempContext>;
beforeEach(() => {
  ctx = tempContext();
});
afterEach(() => ctx.cleanup());

const OUR_IBAN = 'DE89370400440532013000';

/** A German MT940 with the given bookings (amount in cents, + = money in), opening 0. */
function mt940(lines: { cents: number; name: string; text: string }[]): string {
  const fmt = (c: number) => `${Math.floor(Math.abs(c) / 100)},${String(Math.abs(c) % 100).padStart(2, '0')}`;
  const total = lines.reduce((s, l) => s + l.cents, 0);
  const body = lines.flatMap((l, i) => [
    `:61:2611201120${l.cents < 0 ? 'D' : 'C'}R${fmt(l.cents)}NTRFREF${i}`,
    `:86:166?00SEPA-UEBERWEISUNG?20SVWZ+${l.text.slice(0, 22)}?21${l.text.slice(22, 49)}?32${l.name}`,
  ]);
  return [':20:STARTUMS', `:25:${OUR_IBAN}`, ':28C:1/1', ':60F:C261119EUR0,00', ...body, `:62F:${total < 0 ? 'D' : 'C'}261120EUR${fmt(total)}`, '-'].join(
    '\r\n',
  );
}

async function importStatement(lines: Parameters<typeof mt940>[0]) {
  const bytes = Buffer.from(mt940(lines), 'latin1');
  return ok(ctx, 'statements.import', { fileName: 'umsatz.sta', base64: bytes.toString('base64') });
}

async function setup() {
  const entity = await ok(ctx, 'entities.create', { name: 'Kontor Demo GmbH' });
  await ok(ctx, 'bankAccounts.create', { entityId: entity.id, name: 'Hauptkonto', iban: OUR_IBAN });
  const customer = await ok(ctx, 'accounts.create', { kind: 'customer', number: 'K-1', name: 'Müller & Söhne KG' });
  const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: 'L-1', name: 'Müller & Söhne KG (Lieferant)' });
  const entry = (accountId: number, type: 'Debit' | 'Credit', number: string, amountCents: number) =>
    ok(ctx, 'entries.create', { entityId: entity.id, accountId, type, number, statementDate: '2026-11-01', dueDate: '2026-11-15', amountCents });
  return { entity, customer, supplier, entry };
}

const entryOf = (id: number) => ok(ctx, 'entries.get', { id });
const audit = (action: string) =>
  ctx.db.prepare('SELECT subject_id AS subject, details FROM audit_log WHERE action = ? ORDER BY id').all(action) as { subject: string; details: string }[];

describe('settling an entry without a bank line', () => {
  it('settles a receivable paid in cash, partly and then fully, with audit rows', async () => {
    const s = await setup();
    const invoice = await s.entry(s.customer.id, 'Debit', 'RE-1', 10000);
    const part = await ok(ctx, 'entries.settle', { id: invoice.id, reason: 'cash', amountCents: 4000, note: 'Quittung 17' });
    expect(part.entry).toMatchObject({ status: 'Open', openAmountCents: 6000 });
    expect(part.settlements).toMatchObject([{ kind: 'cash', entryCents: -4000, note: 'Quittung 17', settledOn: '2026-11-21', createdBy: ctx.actor() }]);
    const rest = await ok(ctx, 'entries.settle', { id: invoice.id, reason: 'cash' });
    expect(rest.entry).toMatchObject({ status: 'Balanced', openAmountCents: 0 });
    expect((await ok(ctx, 'entries.settlements', { id: invoice.id })).map((x) => x.entryCents)).toEqual([-4000, -6000]);
    expect(audit('entry.settled').map((a) => JSON.parse(a.details).entryCents)).toEqual([-4000, -6000]);
    const again = await dispatch(ctx, 'entries.settle', { id: invoice.id, reason: 'cash' });
    expect(!again.ok && again.error.code).toBe('settle.notOpen');
  });

  it('offsets a receivable against a payable of the same party by the smaller open amount', async () => {
    const s = await setup();
    const invoice = await s.entry(s.customer.id, 'Debit', 'RE-2', 10000);
    const bill = await s.entry(s.supplier.id, 'Credit', 'ER-9', 3000);
    const sameSide = await s.entry(s.customer.id, 'Debit', 'RE-3', 500);
    const refused = await dispatch(ctx, 'entries.settle', { id: invoice.id, reason: 'offset', withId: sameSide.id });
    expect(!refused.ok && refused.error.code).toBe('settle.offsetSameSide');
    const missing = await dispatch(ctx, 'entries.settle', { id: invoice.id, reason: 'offset' });
    expect(!missing.ok && missing.error.code).toBe('settle.offsetNeedsOther');

    const r = await ok(ctx, 'entries.settle', { id: invoice.id, reason: 'offset', withId: bill.id });
    expect(r.settlements.map((x) => [x.entryNumber, x.entryCents, x.otherEntryNumber])).toEqual([
      ['RE-2', -3000, 'ER-9'],
      ['ER-9', 3000, 'RE-2'],
    ]);
    expect(await entryOf(invoice.id)).toMatchObject({ status: 'Open', openAmountCents: 7000 });
    expect(await entryOf(bill.id)).toMatchObject({ status: 'Balanced', openAmountCents: 0 });
    expect(audit('entry.settled').map((a) => Number(a.subject))).toEqual([invoice.id, bill.id]);

    // Taken back: both halves, both open amounts as before.
    const undone = await ok(ctx, 'entries.undoSettlement', { id: r.settlements[1]!.id });
    expect(undone.settlements.every((x) => x.undoneAt !== null)).toBe(true);
    expect(await entryOf(invoice.id)).toMatchObject({ status: 'Open', openAmountCents: 10000 });
    expect(await entryOf(bill.id)).toMatchObject({ status: 'Open', openAmountCents: -3000 });
    const twice = await dispatch(ctx, 'entries.undoSettlement', { id: r.settlements[0]!.id });
    expect(!twice.ok && twice.error.code).toBe('settle.alreadyUndone');
  });

  it('writes off only with a reason, and refuses more than is open', async () => {
    const s = await setup();
    const invoice = await s.entry(s.customer.id, 'Debit', 'RE-4', 2500);
    const noReason = await dispatch(ctx, 'entries.settle', { id: invoice.id, reason: 'writeoff', note: '  ' });
    expect(!noReason.ok && noReason.error.code).toBe('settle.reasonRequired');
    const tooMuch = await dispatch(ctx, 'entries.settle', { id: invoice.id, reason: 'writeoff', note: 'Insolvenz', amountCents: 2501 });
    expect(!tooMuch.ok && tooMuch.error.code).toBe('settle.tooMuch');
    expect(await entryOf(invoice.id)).toMatchObject({ openAmountCents: 2500 });

    const r = await ok(ctx, 'entries.settle', { id: invoice.id, reason: 'writeoff', note: 'Kunde insolvent, Verfahren mangels Masse eingestellt' });
    expect(r.entry).toMatchObject({ status: 'Balanced', openAmountCents: 0 });
    expect(r.settlements).toMatchObject([{ kind: 'writeoff', entryCents: -2500, note: 'Kunde insolvent, Verfahren mangels Masse eingestellt' }]);
    expect(JSON.parse(audit('entry.settled')[0]!.details)).toMatchObject({ kind: 'writeoff', note: 'Kunde insolvent, Verfahren mangels Masse eingestellt' });
  });
});

describe('fees and differences in reconciliation', () => {
  it('accepts a match short by a bank fee: the fee settles the rest, shows on the entry and in the audit log, and undo takes it back', async () => {
    const s = await setup();
    const invoice = await s.entry(s.customer.id, 'Debit', 'RE-2026-100', 10000);
    await importStatement([{ cents: 9950, name: 'Mueller und Soehne', text: 'RE-2026-100' }]);
    await ok(ctx, 'reconcile.run', {});
    const [p] = (await ok(ctx, 'reconcile.proposals', {})).rows;
    expect(p!.allocations).toMatchObject([{ entryId: invoice.id, amountCents: -9950 }]);

    const stale = await dispatch(ctx, 'reconcile.accept', { id: p!.id, difference: { kind: 'fee', amountCents: 49 } });
    expect(!stale.ok && stale.error.code).toBe('reconcile.differenceChanged');
    expect(await entryOf(invoice.id)).toMatchObject({ openAmountCents: 10000 });

    const a = await ok(ctx, 'reconcile.accept', { id: p!.id, difference: { kind: 'fee', amountCents: 50, note: 'Auslandsentgelt' } });
    expect(await entryOf(invoice.id)).toMatchObject({ status: 'Balanced', openAmountCents: 0 });
    const [fee] = await ok(ctx, 'entries.settlements', { id: invoice.id });
    expect(fee).toMatchObject({
      kind: 'fee',
      entryCents: -50,
      lineCents: 0,
      lineId: p!.line.id,
      assignmentId: a.id,
      note: 'Auslandsentgelt',
      settledOn: '2026-11-20',
    });
    expect(JSON.parse(audit('reconcile.feeBooked')[0]!.details)).toMatchObject({ entryCents: -50, assignmentId: a.id });
    expect((await ok(ctx, 'statements.line', { id: p!.line.id })).matchState).toBe('matched');

    const notHere = await dispatch(ctx, 'entries.undoSettlement', { id: fee!.id });
    expect(!notHere.ok && notHere.error.code).toBe('settle.undoWithAssignment');
    await ok(ctx, 'reconcile.undo', { id: a.id });
    expect(await entryOf(invoice.id)).toMatchObject({ status: 'Open', openAmountCents: 10000 });
    expect((await ok(ctx, 'entries.settlements', { id: invoice.id }))[0]!.undoneAt).not.toBeNull();
  });

  it('books what a line has more than the entry as a difference, so the line is matched', async () => {
    const s = await setup();
    const invoice = await s.entry(s.customer.id, 'Debit', 'RE-2026-200', 10000);
    await importStatement([{ cents: 10020, name: 'Mueller und Soehne', text: 'RE-2026-200' }]);
    await ok(ctx, 'reconcile.run', {});
    const [p] = (await ok(ctx, 'reconcile.proposals', {})).rows;
    expect(p!.restCents).toBe(20);
    await ok(ctx, 'reconcile.accept', { id: p!.id, difference: { kind: 'difference', amountCents: 20 } });
    const line = await ok(ctx, 'statements.line', { id: p!.line.id });
    expect(line.matchState).toBe('matched');
    expect(await entryOf(invoice.id)).toMatchObject({ status: 'Balanced' });
    expect(await ok(ctx, 'entries.settlements', { id: invoice.id })).toMatchObject([{ kind: 'difference', entryCents: 0, lineCents: 20 }]);
  });

  it('refuses a difference where the line and the entries match exactly', async () => {
    const s = await setup();
    const invoice = await s.entry(s.customer.id, 'Debit', 'RE-2026-300', 10000);
    await importStatement([{ cents: 10000, name: 'Mueller und Soehne', text: 'RE-2026-300' }]);
    const lineId = (await ok(ctx, 'statements.lines', {})).rows[0]!.id;
    const r = await dispatch(ctx, 'reconcile.assign', {
      lineId,
      allocations: [{ entryId: invoice.id, amountCents: -10000 }],
      difference: { kind: 'fee', amountCents: 1 },
    });
    expect(!r.ok && r.error.code).toBe('reconcile.noDifference');
    expect(await entryOf(invoice.id)).toMatchObject({ openAmountCents: 10000 });
  });
});

describe('totals of the proposals', () => {
  it('keeps money in and money out apart instead of adding them up', async () => {
    const s = await setup();
    await s.entry(s.customer.id, 'Debit', 'RE-2026-401', 30000);
    await s.entry(s.customer.id, 'Debit', 'RE-2026-402', 20000);
    await s.entry(s.supplier.id, 'Credit', 'ER-2026-501', 12345);
    await importStatement([
      { cents: 30000, name: 'Mueller und Soehne', text: 'RE-2026-401' },
      { cents: 20000, name: 'Mueller und Soehne', text: 'RE-2026-402' },
      { cents: -12345, name: 'Mueller und Soehne', text: 'ER-2026-501' },
    ]);
    await ok(ctx, 'reconcile.run', {});
    const totals = await ok(ctx, 'reconcile.totals', {});
    expect(totals).toEqual({
      count: 3,
      totals: [
        { direction: 'in', currency: 'EUR', count: 2, cents: 50000 },
        { direction: 'out', currency: 'EUR', count: 1, cents: 12345 },
      ],
    });
  });
});
