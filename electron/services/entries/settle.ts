/**
 * Settling an entry without a bank line (docs/sepa.md): paid in
 * cash, offset against an entry of the other side (a payable against a
 * receivable of the same business entity), or written off with a reason.
 * One transaction: the settlement rows, the open amounts and an audit row.
 */
import type { z } from 'zod';
import type { Entry } from '../../../shared/domain';
import { KontorError } from '../../../shared/errors';
import type { SettleInput, Settlement } from '../../../shared/reconcile';
import { appendAudit } from '../../ledger/repos/audit-log';
import { entryBalance, getEntry, moveOpenAmount, type EntryBalance } from '../../ledger/repos/entries';
import {
  insertSettlement,
  markSettlementsUndone,
  offsetPartner,
  paymentsInFlightOfEntry,
  settlementRow,
  settlementsByIds,
} from '../../ledger/repos/settlements';
import type { ServiceContext } from '../context';

type Input = z.output<typeof SettleInput>;

function settleable(ctx: ServiceContext, id: number): EntryBalance & { entityId: number } {
  const e = entryBalance(ctx.db, id);
  if (e.status !== 'Open' || e.openAmountCents === 0)
    throw new KontorError('settle.notOpen', `Entry ${e.number} has nothing open to settle.`, { number: e.number });
  if (paymentsInFlightOfEntry(ctx.db, id).length > 0) {
    throw new KontorError('settle.inPayment', `Entry ${e.number} is in a payment order that is built or sent; settling it otherwise would pay it twice.`, {
      number: e.number,
    });
  }
  return { ...e, entityId: getEntry(ctx.db, id).entityId };
}

/** The magnitude to settle: as asked, or everything the entry (and the other side of an offset) has open. */
function amountToSettle(asked: number | undefined, ...open: number[]): number {
  const most = Math.min(...open.map(Math.abs));
  if (asked === undefined) return most;
  if (asked > most) throw new KontorError('settle.tooMuch', 'The amount to settle is more than is open.', { openCents: most, amountCents: asked });
  return asked;
}

function checkOffset(e: EntryBalance & { entityId: number }, o: EntryBalance & { entityId: number }): void {
  if (o.id === e.id) throw new KontorError('settle.offsetSelf', 'An entry cannot be offset against itself.');
  if (o.entityId !== e.entityId) throw new KontorError('settle.offsetOtherEntity', 'Both entries of an offset must belong to the same business entity.');
  if (o.currency !== e.currency) {
    throw new KontorError('settle.currencyMismatch', `Entry ${e.number} is in ${e.currency}, entry ${o.number} in ${o.currency}.`, {
      number: o.number,
    });
  }
  if (Math.sign(o.openAmountCents) === Math.sign(e.openAmountCents)) {
    throw new KontorError('settle.offsetSameSide', 'Offset a receivable against a payable: both entries are on the same side.', { number: o.number });
  }
}

export function settleEntry(ctx: ServiceContext, input: Input): { entry: Entry; settlements: Settlement[] } {
  const at = ctx.now();
  const actor = ctx.actor();
  const settledOn = input.date ?? ctx.today();
  const note = input.note?.trim() || null;
  if (input.reason === 'writeoff' && !note) throw new KontorError('settle.reasonRequired', 'Say why the entry is written off.');
  if (input.reason === 'offset' && input.withId === undefined) {
    throw new KontorError('settle.offsetNeedsOther', 'Name the entry of the other side to offset against.');
  }
  const ids = ctx.db.transaction(() => {
    const e = settleable(ctx, input.id);
    const base = { kind: input.reason, note, settledOn, at, actor };
    if (input.reason !== 'offset') {
      const cents = amountToSettle(input.amountCents, e.openAmountCents);
      const entryCents = -Math.sign(e.openAmountCents) * cents;
      const id = insertSettlement(ctx.db, { ...base, entryId: e.id, entryCents });
      moveOpenAmount(ctx.db, e.id, entryCents, at);
      appendAudit(ctx.db, at, { actor, action: 'entry.settled', subjectType: 'entry', subjectId: e.id, details: { kind: input.reason, entryCents, note } });
      return [id];
    }
    const o = settleable(ctx, input.withId!);
    checkOffset(e, o);
    const cents = amountToSettle(input.amountCents, e.openAmountCents, o.openAmountCents);
    const mine = -Math.sign(e.openAmountCents) * cents;
    const theirs = -mine;
    const a = insertSettlement(ctx.db, { ...base, entryId: e.id, entryCents: mine, otherEntryId: o.id });
    const b = insertSettlement(ctx.db, { ...base, entryId: o.id, entryCents: theirs, otherEntryId: e.id });
    moveOpenAmount(ctx.db, e.id, mine, at);
    moveOpenAmount(ctx.db, o.id, theirs, at);
    for (const [subject, cents_, other] of [
      [e.id, mine, o.id],
      [o.id, theirs, e.id],
    ] as const) {
      appendAudit(ctx.db, at, {
        actor,
        action: 'entry.settled',
        subjectType: 'entry',
        subjectId: subject,
        details: { kind: 'offset', entryCents: cents_, otherEntryId: other, note },
      });
    }
    return [a, b];
  })();
  return { entry: getEntry(ctx.db, input.id), settlements: settlementsByIds(ctx.db, ids) };
}

/** Takes back a settlement without a bank line (both halves of an offset); a fee or difference goes with its assignment's undo. */
export function undoSettlement(ctx: ServiceContext, id: number): { entry: Entry; settlements: Settlement[] } {
  const at = ctx.now();
  const actor = ctx.actor();
  const s = settlementRow(ctx.db, id);
  if (!s) throw new KontorError('notFound', 'This settlement does not exist.', { id });
  if (s.undoneAt) throw new KontorError('settle.alreadyUndone', 'This settlement was taken back already.', { id });
  if (s.assignmentId !== null) {
    throw new KontorError('settle.undoWithAssignment', 'A fee or difference goes back with its bank line assignment: undo that in Reconciliation.', { id });
  }
  const partner = s.kind === 'offset' ? offsetPartner(ctx.db, s) : undefined;
  const rows = partner ? [s, partner] : [s];
  ctx.db.transaction(() => {
    for (const r of rows) {
      moveOpenAmount(ctx.db, r.entryId, -r.entryCents, at);
      appendAudit(ctx.db, at, {
        actor,
        action: 'entry.settlementUndone',
        subjectType: 'entry',
        subjectId: r.entryId,
        details: { settlementId: r.id, kind: r.kind },
      });
    }
    markSettlementsUndone(
      ctx.db,
      rows.map((r) => r.id),
      actor,
      at,
    );
  })();
  return {
    entry: getEntry(ctx.db, s.entryId),
    settlements: settlementsByIds(
      ctx.db,
      rows.map((r) => r.id),
    ),
  };
}
