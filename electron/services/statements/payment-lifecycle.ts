/**
 * The payment lifecycle as statements drive it (docs/sepa.md): a booking of one of
 * Kontor's issued payments (found by end-to-end id, or for a batch booking
 * without item details by its payment information id) marks it Collected; a
 * return marks it Rejected when it was never collected and Reversed when it
 * was, with the reason code. Runs inside the file's transaction.
 */
import type { Database } from 'better-sqlite3';

interface LineRow {
  id: number;
  endToEndId: string | null;
  returnReason: string | null;
  isReversal: number;
  batchPaymentInfoId: string | null;
  transactions: string;
  bookingDate: string;
}

interface TxRef {
  endToEndId?: string;
  returnReason?: string;
}

export function applyStatementToPayments(db: Database, statementDbId: number, at: string): number {
  // Only Kontor's own payments in flight can be settled or returned: usually a few hundred ids, often none.
  // Knowing them first spares reading the transactions of every booking of a 100,000-line statement.
  const ids = new Set((db.prepare(`SELECT end_to_end_id AS id FROM payment WHERE status IN ('Issued', 'Collected') AND end_to_end_id IS NOT NULL`).all() as { id: string }[]).map((r) => r.id));
  const blocks = new Set((db.prepare(`SELECT DISTINCT payment_info_id AS id FROM payment WHERE status = 'Issued' AND payment_info_id IS NOT NULL`).all() as { id: string }[]).map((r) => r.id));
  if (ids.size === 0 && blocks.size === 0) return 0;
  const lines = (
    db
      .prepare(
        `SELECT id, end_to_end_id AS endToEndId, return_reason AS returnReason, is_reversal AS isReversal,
                batch_payment_info_id AS batchPaymentInfoId, transactions, booking_date AS bookingDate
         FROM statement_line
         WHERE statement_id = ? AND status = 'BOOK' AND (end_to_end_id IS NOT NULL OR batch_payment_info_id IS NOT NULL OR transactions <> '[]')`,
      )
      .all(statementDbId) as LineRow[]
  ).filter((l) => (l.endToEndId !== null && ids.has(l.endToEndId)) || (l.batchPaymentInfoId !== null && blocks.has(l.batchPaymentInfoId)) || mentionsAny(l.transactions, ids));
  if (lines.length === 0) return 0;

  const byE2e = db.prepare('SELECT id, status FROM payment WHERE end_to_end_id = ?');
  const byBlock = db.prepare(`SELECT id, status FROM payment WHERE payment_info_id = ? AND status = 'Issued'`);
  const collect = db.prepare(
    `UPDATE payment SET status = 'Collected', settled_cents = amount_cents, open_cents = 0, statement_line_id = ?, updated_at = ? WHERE id = ? AND status = 'Issued'`,
  );
  const giveBack = db.prepare(
    `UPDATE payment SET status = ?, settled_cents = 0, open_cents = amount_cents, return_reason = ?, statement_line_id = ?, updated_at = ?
     WHERE id = ? AND status IN ('Issued', 'Collected')`,
  );

  let updated = 0;
  const apply = (lineId: number, e2e: string, returned: boolean, reason: string | null) => {
    const p = byE2e.get(e2e) as { id: number; status: string } | undefined;
    if (!p) return;
    if (returned) {
      const to = p.status === 'Collected' ? 'Reversed' : 'Rejected';
      updated += giveBack.run(to, reason, lineId, at, p.id).changes;
    } else {
      updated += collect.run(lineId, at, p.id).changes;
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
      for (const p of byBlock.all(l.batchPaymentInfoId) as { id: number }[]) updated += collect.run(l.id, at, p.id).changes;
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
