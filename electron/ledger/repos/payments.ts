import type { Database } from 'better-sqlite3';
import { KontorError } from '../../../shared/errors';

/**
 * Payments after they left in an order: what statements settle or return,
 * what the matcher looks for, and the amounts reconciliation moves. Payments
 * are created with their order (payment-orders.ts).
 */

// ---- the payment lifecycle as statements drive it --------------------------

/** End-to-end ids of Kontor's payments in flight (issued or collected): the ones a booking can settle or return. */
export function inFlightEndToEndIds(db: Database): Set<string> {
  const rows = db.prepare(`SELECT end_to_end_id AS id FROM payment WHERE status IN ('Issued', 'Collected') AND end_to_end_id IS NOT NULL`).all() as {
    id: string;
  }[];
  return new Set(rows.map((r) => r.id));
}

/** The blocks (`PmtInfId`) with issued payments: a batch booking without item details names only those. */
export function issuedPaymentInfoIds(db: Database): Set<string> {
  const rows = db.prepare(`SELECT DISTINCT payment_info_id AS id FROM payment WHERE status = 'Issued' AND payment_info_id IS NOT NULL`).all() as {
    id: string;
  }[];
  return new Set(rows.map((r) => r.id));
}

export interface PaymentSettler {
  byEndToEndId(endToEndId: string): { id: number; status: string } | undefined;
  issuedOfBlock(paymentInfoId: string): { id: number }[];
  /** Issued → Collected by this line; the number of payments changed (0 or 1). */
  collect(id: number, lineId: number, at: string): number;
  /** Issued or collected → `to` (Rejected or Reversed) with the return reason; the number changed. */
  giveBack(id: number, to: 'Rejected' | 'Reversed', reason: string | null, lineId: number, at: string): number;
}

/** The statements a file's bookings need, prepared once for all lines of the file. */
export function paymentSettler(db: Database): PaymentSettler {
  const byE2e = db.prepare('SELECT id, status FROM payment WHERE end_to_end_id = ?');
  const byBlock = db.prepare(`SELECT id, status FROM payment WHERE payment_info_id = ? AND status = 'Issued'`);
  const collect = db.prepare(
    `UPDATE payment SET status = 'Collected', settled_cents = amount_cents, open_cents = 0, statement_line_id = ?, updated_at = ? WHERE id = ? AND status = 'Issued'`,
  );
  const giveBack = db.prepare(
    `UPDATE payment SET status = ?, settled_cents = 0, open_cents = amount_cents, return_reason = ?, statement_line_id = ?, updated_at = ?
     WHERE id = ? AND status IN ('Issued', 'Collected')`,
  );
  return {
    byEndToEndId: (e2e) => byE2e.get(e2e) as { id: number; status: string } | undefined,
    issuedOfBlock: (block) => byBlock.all(block) as { id: number }[],
    collect: (id, lineId, at) => collect.run(lineId, at, id).changes,
    giveBack: (id, to, reason, lineId, at) => giveBack.run(to, reason, lineId, at, id).changes,
  };
}

// ---- what the matcher reads ------------------------------------------------

export interface IssuedPaymentRow {
  id: number;
  endToEndId: string;
  paymentInfoId: string | null;
  mandateId: string | null;
  executionDate: string | null;
  amountCents: number;
  currency: string;
  status: 'Issued' | 'Collected' | 'Reversed' | 'Final';
}

/** Payments that went out (with an end-to-end id) and a booking may still concern. */
export function issuedPaymentRows(db: Database): IssuedPaymentRow[] {
  return db
    .prepare(
      `SELECT id, end_to_end_id AS endToEndId, payment_info_id AS paymentInfoId, mandate_id AS mandateId, execution_date AS executionDate, amount_cents AS amountCents, currency, status
       FROM payment WHERE end_to_end_id IS NOT NULL AND status IN ('Issued', 'Collected', 'Reversed', 'Final')`,
    )
    .all() as IssuedPaymentRow[];
}

/** The entries each payment pays, with the amount expected when it was built, by payment id. */
export function expectedEntriesByPayment(db: Database): Map<number, { entryId: number; expectedCents: number }[]> {
  const entries = new Map<number, { entryId: number; expectedCents: number }[]>();
  for (const r of db
    .prepare(
      `SELECT payment_id AS paymentId, entry_id AS entryId, expected_amount_cents AS expectedCents FROM entry_item WHERE payment_id IS NOT NULL AND expected_amount_cents IS NOT NULL`,
    )
    .all() as { paymentId: number; entryId: number; expectedCents: number }[]) {
    const list = entries.get(r.paymentId) ?? [];
    list.push({ entryId: r.entryId, expectedCents: r.expectedCents });
    entries.set(r.paymentId, list);
  }
  return entries;
}

// ---- the amounts reconciliation moves --------------------------------------

/** A payment's status and amounts: what an assignment changes, and restores when it is undone. */
export interface PaymentAmounts {
  id: number;
  status: string;
  amountCents: number;
  openCents: number;
  settledCents: number;
  assignedCents: number;
}

export function paymentAmounts(db: Database, id: number): PaymentAmounts {
  return db
    .prepare(
      'SELECT id, status, amount_cents AS amountCents, open_cents AS openCents, settled_cents AS settledCents, assigned_cents AS assignedCents FROM payment WHERE id = ?',
    )
    .get(id) as PaymentAmounts;
}

/** A return booked against the payment: nothing of it is settled any more. */
export function markPaymentReversed(db: Database, id: number, at: string): void {
  db.prepare(`UPDATE payment SET status = 'Reversed', settled_cents = 0, assigned_cents = 0, open_cents = amount_cents, updated_at = ? WHERE id = ?`).run(
    at,
    id,
  );
}

/** A booking assigned to the payment: settled as given, nothing open, linked to the first line that booked it. */
export function settlePayment(
  db: Database,
  id: number,
  s: { status: 'Final' | 'Collected'; settledCents: number; assignedCents: number; lineId: number },
  at: string,
): void {
  db.prepare(
    `UPDATE payment SET status = ?, settled_cents = ?, open_cents = 0, assigned_cents = ?, statement_line_id = COALESCE(statement_line_id, ?), updated_at = ? WHERE id = ?`,
  ).run(s.status, s.settledCents, s.assignedCents, s.lineId, at, id);
}

/** Puts back the status and amounts kept from before an assignment. */
export function restorePaymentAmounts(db: Database, p: PaymentAmounts, at: string): void {
  db.prepare('UPDATE payment SET status = ?, open_cents = ?, settled_cents = ?, assigned_cents = ?, updated_at = ? WHERE id = ?').run(
    p.status,
    p.openCents,
    p.settledCents,
    p.assignedCents,
    at,
    p.id,
  );
}

// ---- payments as the payments screen shows them -----------------------------

export interface PaymentRow {
  id: number;
  kind: string;
  scheme: string | null;
  status: string;
  currency: string;
  amountCents: number;
  openCents: number;
  settledCents: number;
  assignedCents: number;
  endToEndId: string | null;
  counterpartyName: string | null;
  executionDate: string | null;
  settledOn: string | null;
  refundOfPaymentId: number | null;
  orderId: number | null;
}

const PAYMENT_SELECT = `SELECT p.id, p.kind, o.scheme, p.status, p.currency, p.amount_cents AS amountCents, p.open_cents AS openCents,
  p.settled_cents AS settledCents, p.assigned_cents AS assignedCents, p.end_to_end_id AS endToEndId, p.counterparty_name AS counterpartyName,
  p.execution_date AS executionDate, l.booking_date AS settledOn, p.refund_of_payment_id AS refundOfPaymentId, p.payment_order_id AS orderId
  FROM payment p LEFT JOIN payment_order o ON o.id = p.payment_order_id LEFT JOIN statement_line l ON l.id = p.statement_line_id`;

export function listPaymentRows(db: Database, f: { status?: string; offset: number; limit: number }): { rows: PaymentRow[]; total: number } {
  const where = f.status ? ' WHERE p.status = ?' : '';
  const params = f.status ? [f.status] : [];
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM payment p${where}`).get(...params) as { n: number }).n;
  const rows = db.prepare(`${PAYMENT_SELECT}${where} ORDER BY p.id DESC LIMIT ? OFFSET ?`).all(...params, f.limit, f.offset) as PaymentRow[];
  return { rows, total };
}

export function paymentRow(db: Database, id: number): PaymentRow {
  const row = db.prepare(`${PAYMENT_SELECT} WHERE p.id = ?`).get(id) as PaymentRow | undefined;
  if (!row) throw new KontorError('notFound', 'This payment does not exist.', { id });
  return row;
}

/** Booked payments that may still change (a return, a refund): the ones the return window decides on. */
export function collectedPaymentRows(db: Database): PaymentRow[] {
  return db.prepare(`${PAYMENT_SELECT} WHERE p.status = 'Collected'`).all() as PaymentRow[];
}

export function markPaymentFinal(db: Database, id: number, at: string): number {
  return db.prepare(`UPDATE payment SET status = 'Final', updated_at = ? WHERE id = ? AND status = 'Collected'`).run(at, id).changes;
}

export function setRefundOf(db: Database, refundId: number, originalId: number, at: string): void {
  db.prepare('UPDATE payment SET refund_of_payment_id = ?, updated_at = ? WHERE id = ?').run(originalId, at, refundId);
}

/** The customers (accounts) whose entries a payment pays. */
export function accountsOfPayment(db: Database, id: number): number[] {
  return (
    db.prepare('SELECT DISTINCT e.account_id AS id FROM entry_item i JOIN entry e ON e.id = i.entry_id WHERE i.payment_id = ?').all(id) as { id: number }[]
  ).map((r) => r.id);
}

/** Payments whose refund transfer has been booked become Refunded; the number changed. */
export function markRefundedByBookedRefunds(db: Database, at: string): number {
  return db
    .prepare(
      `UPDATE payment SET status = 'Refunded', updated_at = ?
       WHERE status IN ('Collected', 'Final')
         AND id IN (SELECT refund_of_payment_id FROM payment WHERE refund_of_payment_id IS NOT NULL AND status IN ('Collected', 'Final'))`,
    )
    .run(at).changes;
}
