/**
 * Reconciliation on a real ledger file: a statement comes in, the matcher
 * proposes with reasons, sure matches are accepted in bulk, the ambiguous one
 * waits for a person, a target is changed, a line is assigned by hand, and
 * undo puts every amount and status back.
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
function mt940(lines: { cents: number; name: string; text: string; iban?: string }[]): string {
  const fmt = (c: number) => `${Math.floor(Math.abs(c) / 100)},${String(Math.abs(c) % 100).padStart(2, '0')}`;
  const total = lines.reduce((s, l) => s + l.cents, 0);
  const body = lines.flatMap((l, i) => [
    `:61:2611201120${l.cents < 0 ? 'D' : 'C'}R${fmt(l.cents)}NTRFREF${i}`,
    `:86:166?00SEPA-GUTSCHRIFT?20SVWZ+${l.text.slice(0, 22)}?21${l.text.slice(22, 49)}?32${l.name}${l.iban ? `?31${l.iban}` : ''}`,
  ]);
  return [':20:STARTUMS', `:25:${OUR_IBAN}`, ':28C:1/1', ':60F:C261119EUR0,00', ...body, `:62F:${total < 0 ? 'D' : 'C'}261120EUR${fmt(total)}`, '-'].join(
    '\r\n',
  );
}

async function setup() {
  const entity = await ok(ctx, 'entities.create', { name: 'Kontor Demo GmbH' });
  await ok(ctx, 'bankAccounts.create', { entityId: entity.id, name: 'Hauptkonto', iban: OUR_IBAN });
  const mueller = await ok(ctx, 'accounts.create', { kind: 'customer', number: 'K-1', name: 'Müller & Söhne KG' });
  const schmidt = await ok(ctx, 'accounts.create', { kind: 'customer', number: 'K-2', name: 'Schmidt Bau GmbH' });
  const entry = (accountId: number, number: string, amountCents: number, dueDate: string) =>
    ok(ctx, 'entries.create', { entityId: entity.id, accountId, type: 'Debit', number, statementDate: '2026-11-01', dueDate, amountCents });
  return {
    exact: await entry(mueller.id, '2026/00023', 123456, '2026-11-15'),
    c1: await entry(schmidt.id, 'INV001', 10000, '2026-11-01'),
    c2: await entry(schmidt.id, 'INV002', 20000, '2026-11-05'),
    c3: await entry(schmidt.id, 'INV003', 30000, '2026-11-10'),
    twinA: await entry(mueller.id, 'RE-7001', 5000, '2026-11-10'),
    twinB: await entry(mueller.id, 'RE-7002', 5000, '2026-11-12'),
  };
}

async function importStatement(lines: Parameters<typeof mt940>[0]) {
  const bytes = Buffer.from(mt940(lines), 'latin1');
  return ok(ctx, 'statements.import', { fileName: 'umsatz.sta', base64: bytes.toString('base64') });
}

const entryOf = (id: number) => ok(ctx, 'entries.get', { id });

describe('reconciliation', () => {
  it('proposes with reasons, accepts the sure ones, leaves the ambiguous one to a person, and undoes exactly', async () => {
    const e = await setup();
    await importStatement([
      { cents: 123456, name: 'Mueller und Soehne', text: 'RE-Nr. 2026/00023 vielen Dank' },
      { cents: 65000, name: 'Schmidt Bau', text: 'INV001, INV002, INV003' },
      { cents: 5000, name: 'Mueller und Soehne', text: 'Abschlag' },
      { cents: 777, name: 'Unbekannt', text: 'Spende' },
    ]);
    const run = await ok(ctx, 'reconcile.run', {});
    expect(run).toMatchObject({ lines: 4, proposals: 3, sure: 1, accepted: 0 });

    const { rows } = await ok(ctx, 'reconcile.proposals', {});
    const byKind = Object.fromEntries(rows.map((p) => [p.kind, p]));
    expect(byKind.reference).toMatchObject({ sure: true, allocations: [{ number: '2026/00023', amountCents: -123456 }] });
    expect(byKind.reference!.reason.text).toContain('2026/00023');
    expect(byKind.consolidated!.sure).toBe(false);
    expect(byKind.consolidated!.allocations.map((a) => [a.number, a.amountCents])).toEqual([
      ['INV001', -10000],
      ['INV002', -20000],
      ['INV003', -30000],
    ]);
    expect(byKind.consolidated!.restCents).toBe(5000);
    // Two entries of 50.00 for the same customer: proposed, never sure, the other one offered.
    const twin = rows.find((p) => p.allocations.some((a) => a.number.startsWith('RE-700')))!;
    expect(twin.sure).toBe(false);
    expect(twin.alternatives.map((a) => a.number)).toEqual(['RE-7002']);

    expect(await ok(ctx, 'reconcile.acceptSure', {})).toEqual({ accepted: 1 });
    expect(await entryOf(e.exact.id)).toMatchObject({ status: 'Balanced', openAmountCents: 0 });
    expect(await entryOf(e.twinA.id)).toMatchObject({ status: 'Open', openAmountCents: 5000 });

    // The consolidated payment, accepted: three invoices balanced, 50.00 stay on the line.
    const consolidated = await ok(ctx, 'reconcile.accept', { id: byKind.consolidated!.id });
    expect(consolidated.items.map((i) => i.number)).toEqual(['INV001', 'INV002', 'INV003']);
    for (const id of [e.c1.id, e.c2.id, e.c3.id]) expect((await entryOf(id)).status).toBe('Balanced');
    const line = await ok(ctx, 'statements.line', { id: byKind.consolidated!.line.id });
    expect(line.matchState).toBe('unmatched');

    // The ambiguous one: the reviewer picks the other entry.
    const changed = await ok(ctx, 'reconcile.accept', { id: twin.id, allocations: [{ entryId: e.twinB.id, amountCents: -5000 }] });
    expect(changed.items).toEqual([{ entryId: e.twinB.id, number: 'RE-7002', amountCents: -5000 }]);
    expect(await entryOf(e.twinB.id)).toMatchObject({ status: 'Balanced' });
    expect(await entryOf(e.twinA.id)).toMatchObject({ status: 'Open', openAmountCents: 5000 });

    // A decision stands: the same proposal cannot be accepted twice.
    const again = await dispatch(ctx, 'reconcile.accept', { id: twin.id });
    expect(!again.ok && again.error.code).toBe('reconcile.alreadyDecided');

    // Undo the consolidated assignment: every amount and status as before.
    const undone = await ok(ctx, 'reconcile.undo', { id: consolidated.id });
    expect(undone.undoneAt).not.toBeNull();
    expect(await entryOf(e.c1.id)).toMatchObject({ status: 'Open', openAmountCents: 10000 });
    expect(await entryOf(e.c3.id)).toMatchObject({ status: 'Open', openAmountCents: 30000 });
    const after = await ok(ctx, 'statements.line', { id: byKind.consolidated!.line.id });
    expect(after.matchState).toBe('unmatched');
    const items = ctx.db.prepare('SELECT COUNT(*) AS n FROM entry_item WHERE assignment_id = ?').get(consolidated.id) as { n: number };
    expect(items.n).toBe(0);
    // …and the proposal is open for a decision again.
    const reopened = (await ok(ctx, 'reconcile.proposals', {})).rows.find((p) => p.id === byKind.consolidated!.id);
    expect(reopened?.state).toBe('proposed');
  });

  it('assigns by hand within what the line has and what the entries have open, and refuses more', async () => {
    const e = await setup();
    await importStatement([{ cents: 777, name: 'Unbekannt', text: 'Spende' }]);
    const lineId = (await ok(ctx, 'statements.lines', {})).rows[0]!.id;
    const found = await ok(ctx, 'reconcile.searchEntries', { text: 'INV00' });
    expect(found.map((f) => f.number)).toEqual(['INV001', 'INV002', 'INV003']);
    expect((await ok(ctx, 'reconcile.searchEntries', { text: '1.234,56' })).map((f) => f.number)).toEqual(['2026/00023']);

    const tooMuch = await dispatch(ctx, 'reconcile.assign', { lineId, allocations: [{ entryId: e.c1.id, amountCents: -800 }] });
    expect(!tooMuch.ok && tooMuch.error.code).toBe('reconcile.lineExhausted');
    const wrongWay = await dispatch(ctx, 'reconcile.assign', { lineId, allocations: [{ entryId: e.c1.id, amountCents: 700 }] });
    expect(!wrongWay.ok && wrongWay.error.code).toBe('reconcile.lineExhausted');

    const partial = await ok(ctx, 'reconcile.assign', { lineId, allocations: [{ entryId: e.c1.id, amountCents: -777 }] });
    expect(await entryOf(e.c1.id)).toMatchObject({ status: 'Open', openAmountCents: 10000 - 777 });
    expect((await ok(ctx, 'statements.line', { id: lineId })).matchState).toBe('matched');
    expect(await ok(ctx, 'reconcile.assignments', { lineId })).toEqual([partial]);
    const nothingLeft = await dispatch(ctx, 'reconcile.assign', { lineId, allocations: [{ entryId: e.c2.id, amountCents: -1 }] });
    expect(!nothingLeft.ok && nothingLeft.error.code).toBe('reconcile.lineExhausted');
    const audit = ctx.db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'reconcile.assigned'`).get() as { n: number };
    expect(audit.n).toBe(1);
  });
});
