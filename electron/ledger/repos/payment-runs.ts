/**
 * The SQL of payment runs beyond the order queue: which entries an order
 * carries, following orders at the bank (when to ask next), the archive of
 * sent files, the entries a sent order carries ("in payment"), and the
 * settled entries the ERP clears.
 */
import type { Database } from 'better-sqlite3';
import type { OrderKind, OrderStatus } from './payment-orders';

/** Statuses of an order whose file left Kontor (uploaded, or exported for other software). */
export const SENT_STATUSES: readonly OrderStatus[] = ['uploading', 'uploaded', 'released', 'rejected', 'expired', 'exported'];
/** Statuses in which the bank has not decided yet: the follower asks about these. */
export const AWAITING_BANK: readonly OrderStatus[] = ['uploading', 'uploaded'];

/** The entries an order pays or collects, in payment order. */
export function entryIdsOfOrder(db: Database, orderId: number): number[] {
  const rows = db
    .prepare('SELECT i.entry_id AS id FROM payment p JOIN entry_item i ON i.payment_id = p.id WHERE p.payment_order_id = ? ORDER BY p.id')
    .all(orderId) as { id: number }[];
  return rows.map((r) => r.id);
}

/** When to ask the bank next about an order, and how many times it was asked without news. */
export function setNextCheck(db: Database, orderId: number, nextCheckAt: string | null, attempts: number, at: string): void {
  db.prepare('UPDATE payment_order SET next_check_at = ?, check_attempts = ?, updated_at = ? WHERE id = ?').run(nextCheckAt, attempts, at, orderId);
}

/** Bank accesses with an order awaiting the bank whose next check is due at `now`. */
export function accessesDueForCheck(db: Database, now: string): number[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT bank_access_id AS id FROM payment_order
       WHERE status IN ('uploading', 'uploaded') AND bank_access_id IS NOT NULL AND next_check_at IS NOT NULL AND next_check_at <= ?
       ORDER BY bank_access_id`,
    )
    .all(now) as { id: number }[];
  return rows.map((r) => r.id);
}

/** Bank accesses with any order the bank has not decided on. */
export function accessesAwaitingBank(db: Database): number[] {
  const rows = db
    .prepare(`SELECT DISTINCT bank_access_id AS id FROM payment_order WHERE status IN ('uploading', 'uploaded') AND bank_access_id IS NOT NULL ORDER BY id`)
    .all() as { id: number }[];
  return rows.map((r) => r.id);
}

export interface SentFileRow {
  id: number;
  status: OrderStatus;
  messageId: string;
  sha256: string;
  kind: OrderKind;
  txCount: number;
  controlSumCents: number;
  executionDate: string;
  sentAt: string | null;
}

/** Every file that left Kontor, newest first: the archive of sent files. */
export function sentFiles(db: Database): SentFileRow[] {
  return db
    .prepare(
      `SELECT id, status, message_id AS messageId, sha256, kind, tx_count AS txCount, control_sum_cents AS controlSumCents,
         execution_date AS executionDate, COALESCE(uploaded_at, exported_at) AS sentAt
       FROM payment_order WHERE status IN (${SENT_STATUSES.map(() => '?').join(', ')}) ORDER BY COALESCE(uploaded_at, exported_at) DESC, id DESC`,
    )
    .all(...SENT_STATUSES) as SentFileRow[];
}

/** For each of the entries, the newest order on its way that carries it (not canceled, rejected or expired). */
export function ordersCarryingEntries(db: Database, entryIds: readonly number[]): Map<number, { orderId: number; status: OrderStatus }> {
  const out = new Map<number, { orderId: number; status: OrderStatus }>();
  if (entryIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT i.entry_id AS entryId, o.id AS orderId, o.status FROM entry_item i JOIN payment p ON p.id = i.payment_id
       JOIN payment_order o ON o.id = p.payment_order_id
       WHERE i.entry_id IN (${entryIds.map(() => '?').join(', ')}) AND p.status NOT IN ('Canceled', 'Rejected') ORDER BY o.id`,
    )
    .all(...entryIds) as { entryId: number; orderId: number; status: OrderStatus }[];
  for (const r of rows) out.set(r.entryId, { orderId: r.orderId, status: r.status });
  return out;
}

export interface SettledItemRow {
  entryNumber: string;
  entryType: string;
  datePaid: string;
  amountCents: number;
  currency: string;
  bankReference: string | null;
  openAmountCents: number;
  /** `bank` (a bank line, or the payment Kontor issued), or how it was settled without one: cash, offset, writeoff, fee, difference. */
  settledBy: string;
}

/**
 * Each settlement of an entry, with the date the money moved and the bank's
 * reference for it; between two dates. Bank settlements (entry items with an
 * amount) and those without a bank line or beside it (entry_settlement: cash,
 * offset, write-off, a fee or difference accepted with a match; not the
 * undone ones), so the ERP can clear every item Kontor settled.
 */
export function settledItems(db: Database, range: { from?: string | undefined; to?: string | undefined }): SettledItemRow[] {
  const where: string[] = [];
  const params: string[] = [];
  if (range.from) {
    where.push('datePaid >= ?');
    params.push(range.from);
  }
  if (range.to) {
    where.push('datePaid <= ?');
    params.push(range.to);
  }
  const reference = 'COALESCE(l.bank_reference, l.entry_reference, l.end_to_end_id)';
  return db
    .prepare(
      `SELECT entryNumber, entryType, datePaid, amountCents, currency, bankReference, openAmountCents, settledBy FROM (
         SELECT e.number AS entryNumber, e.type AS entryType, COALESCE(l.booking_date, substr(i.created_at, 1, 10)) AS datePaid,
                i.amount_cents AS amountCents, e.currency, ${reference} AS bankReference, e.open_amount_cents AS openAmountCents,
                'bank' AS settledBy, 0 AS source, i.id AS rowId
         FROM entry_item i JOIN entry e ON e.id = i.entry_id LEFT JOIN statement_line l ON l.id = i.statement_line_id
         WHERE i.amount_cents <> 0
         UNION ALL
         SELECT e.number, e.type, s.settled_on, s.entry_cents, e.currency, ${reference}, e.open_amount_cents, s.kind, 1, s.id
         FROM entry_settlement s JOIN entry e ON e.id = s.entry_id LEFT JOIN statement_line l ON l.id = s.statement_line_id
         WHERE s.undone_at IS NULL AND s.entry_cents <> 0
       ) ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY datePaid, entryNumber, source, rowId`,
    )
    .all(...params) as SettledItemRow[];
}

export interface OtherEntityDetailsRow {
  paymentId: number;
  payee: string | null;
  iban: string | null;
  /** The business entity the payee's bank details are registered for. */
  detailsEntity: string;
  /** The business entity whose entry the payment pays. */
  entryEntity: string;
}

/** The payouts of an order going to bank details registered for another business entity than the entry's own. */
export function otherEntityPayouts(db: Database, orderId: number): OtherEntityDetailsRow[] {
  return db
    .prepare(
      `SELECT p.id AS paymentId, p.counterparty_name AS payee, p.counterparty_iban AS iban, ei.name AS detailsEntity, ep.name AS entryEntity
       FROM payment p
       JOIN payment_instrument i ON i.id = p.instrument_id
       JOIN business_entity ei ON ei.id = i.entity_id
       JOIN business_entity ep ON ep.id = p.entity_id
       WHERE p.payment_order_id = ? AND p.kind = 'credit_transfer' AND i.entity_id <> p.entity_id
       ORDER BY p.id`,
    )
    .all(orderId) as OtherEntityDetailsRow[];
}
