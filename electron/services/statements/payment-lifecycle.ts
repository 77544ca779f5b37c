/**
 * The payment lifecycle as statements drive it (docs/sepa.md): a booking of one of
 * Kontor's issued payments (found by end-to-end id, or for a batch booking
 * without item details by its payment information id) marks it Collected; a
 * return marks it Rejected when it was never collected and Reversed when it
 * was, with the reason code. Runs inside the file's transaction.
 */
import type { Database } from 'better-sqlite3';
import { bookingsWithReferences } from '../../ledger/repos/statement-lines';
import { inFlightEndToEndIds, issuedPaymentInfoIds, paymentSettler } from '../../ledger/repos/payments';

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
  return updated;
}

/** Whether a booking's transactions (JSON) name one of the ids; a cheap text test before parsing. */
function mentionsAny(transactions: string, ids: ReadonlySet<string>): boolean {
  if (transactions === '[]' || ids.size === 0) return false;
  for (const m of transactions.matchAll(/"endToEndId":"((?:[^"\\]|\\.)*)"/g)) if (ids.has(JSON.parse(`"${m[1]!}"`) as string)) return true;
  return false;
}
