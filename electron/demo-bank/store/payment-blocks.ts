/** The payment blocks (`PmtInf`) of accepted payment orders, and which of them are booked. */
import type { Database } from 'better-sqlite3';
import type { Cents } from '../../../shared/money';
import type { BusinessDate } from '../../../shared/dates';

export interface PaymentBlockRow {
  id: number;
  orderId: string;
  position: number;
  paymentInfoId: string;
  kind: 'credit_transfer' | 'direct_debit';
  scheme: 'CORE' | 'B2B' | null;
  accountIban: string;
  dueDate: BusinessDate;
  batchBooking: boolean;
  transactions: number;
  amountCents: Cents;
  releasedOn: BusinessDate | null;
  bookedOn: BusinessDate | null;
  bookedAt: string | null;
}

export type NewPaymentBlock = Omit<PaymentBlockRow, 'id' | 'releasedOn' | 'bookedOn' | 'bookedAt'>;

export function insertPaymentBlock(db: Database, b: NewPaymentBlock): number {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO payment_block (order_id, position, payment_info_id, kind, scheme, account_iban, due_date, batch_booking, transactions, amount_cents)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(b.orderId, b.position, b.paymentInfoId, b.kind, b.scheme, b.accountIban, b.dueDate, b.batchBooking ? 1 : 0, b.transactions, b.amountCents);
  return Number(lastInsertRowid);
}

const SELECT = `SELECT id, order_id AS orderId, position, payment_info_id AS paymentInfoId, kind, scheme, account_iban AS accountIban,
  due_date AS dueDate, batch_booking AS batchBooking, transactions, amount_cents AS amountCents, released_on AS releasedOn,
  booked_on AS bookedOn, booked_at AS bookedAt FROM payment_block`;

function row(r: Omit<PaymentBlockRow, 'batchBooking'> & { batchBooking: number }): PaymentBlockRow {
  return { ...r, batchBooking: r.batchBooking === 1 };
}

export function blocksOfOrder(db: Database, orderId: string): PaymentBlockRow[] {
  return (db.prepare(`${SELECT} WHERE order_id = ? ORDER BY position`).all(orderId) as Array<Parameters<typeof row>[0]>).map(row);
}

/** Released blocks not yet booked, oldest order first. */
export function releasedUnbookedBlocks(db: Database): PaymentBlockRow[] {
  return (
    db
      .prepare(
        `${SELECT} WHERE booked_on IS NULL AND released_on IS NOT NULL
           AND order_id IN (SELECT order_id FROM bank_order WHERE state = 'released') ORDER BY id`,
      )
      .all() as Array<Parameters<typeof row>[0]>
  ).map(row);
}

/** The authorised signer released the order on `releasedOn` (the bank's business date). */
export function markBlocksReleased(db: Database, orderId: string, releasedOn: BusinessDate): void {
  db.prepare('UPDATE payment_block SET released_on = ? WHERE order_id = ?').run(releasedOn, orderId);
}

export function markBlockBooked(db: Database, id: number, bookedOn: BusinessDate, at: string): void {
  db.prepare('UPDATE payment_block SET booked_on = ?, booked_at = ? WHERE id = ?').run(bookedOn, at, id);
}
