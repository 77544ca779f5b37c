/**
 * The payment lifecycle as statements drive it (docs/sepa.md): a booking of one of
 * Kontor's issued payments (found by end-to-end id, or for a batch booking
 * without item details by its payment information id) marks it Collected; a
 * return marks it Rejected when it was never collected and Reversed when it
 * was, with the reason code. Runs inside the file's transaction. A booked
 * refund transfer marks the payment it refunds Refunded.
 *
 * Final comes only when no change is expected any more: at the end of the
 * return window of the payment's scheme, counted from the booking date.
 * - SEPA credit transfer (and a refund, which is one): final when booked;
 *   the payer's bank cannot take it back.
 * - SEPA Core direct debit: 8 weeks (56 days), the debtor's right to a refund
 *   of an authorised collection without giving a reason. The 13 months for
 *   an unauthorised collection (no valid mandate) are not waited for: Kontor
 *   collects only on mandates it holds with reference and signing date, and
 *   such a late claim is a dispute handled as a return when it comes — a
 *   Final payment still matches a return booking (reconcile/match).
 * - SEPA B2B direct debit: no refund right; returns only until 2 TARGET2
 *   business days after settlement.
 */
import type { Database } from 'better-sqlite3';
import { addDays, addTarget2Days, compareDates, type BusinessDate } from '../../../shared/dates';
import { bookingsWithReferences } from '../../ledger/repos/statement-lines';
import {
  collectedPaymentRows,
  inFlightEndToEndIds,
  issuedPaymentInfoIds,
  markPaymentFinal,
  markRefundedByBookedRefunds,
  paymentSettler,
} from '../../ledger/repos/payments';

interface TxRef {
  endToEndId?: string;
  returnReason?: string;
}

export function applyStatementToPayments(db: Database, statementDbId: number, at: string): number {
  // Only Kontor's own payments in flight can be settled or returned: usually a few hundred ids, often none.
  // Knowing them first spares reading the transactions of every booking of a 100,000-line statement.
  const ids = inFlightEndToEndIds(db);
  const blocks = issuedPaymentInfoIds(db);
  if (ids.size === 0 && blocks.size === 0) return 0;
  const lines = bookingsWithReferences(db, statementDbId).filter(
    (l) =>
      (l.endToEndId !== null && ids.has(l.endToEndId)) ||
      (l.batchPaymentInfoId !== null && blocks.has(l.batchPaymentInfoId)) ||
      mentionsAny(l.transactions, ids),
  );
  if (lines.length === 0) return 0;

  const payments = paymentSettler(db);
  let updated = 0;
  const apply = (lineId: number, e2e: string, returned: boolean, reason: string | null) => {
    const p = payments.byEndToEndId(e2e);
    if (!p) return;
    if (returned) {
      const to = p.status === 'Collected' ? 'Reversed' : 'Rejected';
      updated += payments.giveBack(p.id, to, reason, lineId, at);
    } else {
      updated += payments.collect(p.id, lineId, at);
    }
  };

  for (const l of lines) {
    const lineReturned = l.returnReason !== null || l.isReversal === 1;
    const txs = l.transactions === '[]' ? [] : (JSON.parse(l.transactions) as TxRef[]);
    const withIds = txs.filter((t) => t.endToEndId);
    if (withIds.length > 0) {
      for (const t of withIds) {
        const reason = t.returnReason ?? l.returnReason;
        apply(l.id, t.endToEndId!, lineReturned || t.returnReason !== undefined, reason ?? null);
      }
    } else if (l.endToEndId) {
      apply(l.id, l.endToEndId, lineReturned, l.returnReason);
    } else if (l.batchPaymentInfoId && !lineReturned) {
      for (const p of payments.issuedOfBlock(l.batchPaymentInfoId)) updated += payments.collect(p.id, l.id, at);
    }
  }
  if (updated > 0) updated += markRefundedByBookedRefunds(db, at);
  return updated;
}

/** Whether a booking's transactions (JSON) name one of the ids; a cheap text test before parsing. */
function mentionsAny(transactions: string, ids: ReadonlySet<string>): boolean {
  if (transactions === '[]' || ids.size === 0) return false;
  for (const m of transactions.matchAll(/"endToEndId":"((?:[^"\\]|\\.)*)"/g)) if (ids.has(JSON.parse(`"${m[1]!}"`) as string)) return true;
  return false;
}

/** Core direct debit: the 8 weeks of the debtor's refund right for an authorised collection. */
export const CORE_RETURN_DAYS = 56;
/** B2B direct debit: returns until 2 interbank business days after settlement. */
export const B2B_RETURN_BUSINESS_DAYS = 2;

/** The first day on which a payment booked on `settledOn` can no longer change; null while not booked. */
export function finalFrom(p: { kind: string; scheme: string | null; settledOn: string | null }): BusinessDate | null {
  if (!p.settledOn) return null;
  if (p.kind !== 'direct_debit') return p.settledOn;
  if (p.scheme === 'B2B') return addTarget2Days(p.settledOn, B2B_RETURN_BUSINESS_DAYS + 1);
  return addDays(p.settledOn, CORE_RETURN_DAYS + 1);
}

/** Collected payments whose return window has ended become Final; refunds booked meanwhile mark theirs Refunded. */
export function finalizeSettledPayments(db: Database, today: BusinessDate, at: string): number {
  let changed = markRefundedByBookedRefunds(db, at);
  for (const p of collectedPaymentRows(db)) {
    const from = finalFrom(p);
    if (from !== null && compareDates(from, today) <= 0) changed += markPaymentFinal(db, p.id, at);
  }
  return changed + markRefundedByBookedRefunds(db, at);
}
