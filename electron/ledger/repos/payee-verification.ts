/** Verification of payee: the choice per payment order, the bank's result reports, and the payee names they may correct. */
import type { Database } from 'better-sqlite3';

export type PayeeVerification = 'with' | 'waived';

export function setPayeeVerification(db: Database, paymentOrderId: number, choice: PayeeVerification): void {
  db.prepare('UPDATE payment_order SET payee_verification = ? WHERE id = ?').run(choice, paymentOrderId);
}

export function payeeVerificationOf(db: Database, paymentOrderId: number): PayeeVerification | null {
  const row = db.prepare('SELECT payee_verification AS v FROM payment_order WHERE id = ?').get(paymentOrderId) as { v: PayeeVerification | null } | undefined;
  return row?.v ?? null;
}

/** Stores a report once (by its message ID); returns whether it was new. */
export function saveVopReport(
  db: Database,
  r: { bankAccessId: number; originalMessageId: string; messageId: string; content: string; receivedAt: string },
): boolean {
  const { changes } = db
    .prepare(
      `INSERT INTO vop_report (bank_access_id, original_message_id, message_id, content, received_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (bank_access_id, message_id) DO NOTHING`,
    )
    .run(r.bankAccessId, r.originalMessageId, r.messageId, r.content, r.receivedAt);
  return changes > 0;
}

/** The latest report about a pain.001 message. */
export function latestVopReport(db: Database, originalMessageId: string): { content: string; receivedAt: string } | undefined {
  return db
    .prepare('SELECT content, received_at AS receivedAt FROM vop_report WHERE original_message_id = ? ORDER BY received_at DESC, id DESC LIMIT 1')
    .get(originalMessageId) as { content: string; receivedAt: string } | undefined;
}

export interface PayeeOfPayment {
  paymentId: number;
  instrumentId: number | null;
  holderName: string | null;
  counterpartyName: string | null;
  counterpartyIban: string | null;
}

/** The payment of an order by its end-to-end ID, with the supplier's bank details it was paid to. */
export function payeeOfPayment(db: Database, paymentOrderId: number, endToEndId: string): PayeeOfPayment | undefined {
  return db
    .prepare(
      `SELECT p.id AS paymentId, p.instrument_id AS instrumentId, i.holder_name AS holderName, p.counterparty_name AS counterpartyName,
         p.counterparty_iban AS counterpartyIban
       FROM payment p LEFT JOIN payment_instrument i ON i.id = p.instrument_id WHERE p.payment_order_id = ? AND p.end_to_end_id = ?`,
    )
    .get(paymentOrderId, endToEndId) as PayeeOfPayment | undefined;
}

/** The holder name of a supplier's bank details, as the payee's bank holds it. */
export function renameInstrumentHolder(db: Database, instrumentId: number, holderName: string, at: string): void {
  db.prepare('UPDATE payment_instrument SET holder_name = ?, updated_at = ? WHERE id = ?').run(holderName, at, instrumentId);
}
