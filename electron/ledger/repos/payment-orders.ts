import type { Database } from 'better-sqlite3';
import { one } from './rows';

export type OrderStatus = 'draft' | 'approved' | 'uploading' | 'uploaded' | 'released' | 'rejected' | 'expired' | 'exported' | 'canceled';
export type OrderKind = 'credit_transfer' | 'direct_debit';

export interface PaymentOrderRow {
  id: number;
  version: number;
  bankAccessId: number | null;
  bankAccountId: number;
  kind: OrderKind;
  format: string;
  scheme: 'CORE' | 'B2B' | null;
  sha256: string;
  messageId: string;
  txCount: number;
  controlSumCents: number;
  executionDate: string;
  status: OrderStatus;
  /** JSON: an array of warnings (structured `{ code, params, … }`; rows built before 005 hold English sentences). */
  warnings: string;
  ebicsOrderId: string | null;
  ebicsTransactionId: string | null;
  bankTechnicalCode: string | null;
  bankBusinessCode: string | null;
  bankMessage: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  uploadedAt: string | null;
  exportedAt: string | null;
  /** From the bank's VEU overview (HVU); null until the bank listed the order. */
  signaturesDone: number | null;
  signaturesRequired: number | null;
  signaturesCheckedAt: string | null;
  /** Who built it (null for orders built before 008): the approver must be someone else. */
  builtBy: string | null;
  /** When the follower asks the bank next about this order at the bank; null when it does not follow it. */
  nextCheckAt: string | null;
  checkAttempts: number;
  /** SEPA Instant (INST in the file, CIP/CIV or BTF SCI at the bank): 1, else 0 (as SQLite keeps it). */
  instant: 0 | 1;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `SELECT id, version, bank_access_id AS bankAccessId, bank_account_id AS bankAccountId, kind, format, scheme, sha256,
  message_id AS messageId, tx_count AS txCount, control_sum_cents AS controlSumCents, execution_date AS executionDate, status, warnings,
  ebics_order_id AS ebicsOrderId, ebics_transaction_id AS ebicsTransactionId, bank_technical_code AS bankTechnicalCode,
  bank_business_code AS bankBusinessCode, bank_message AS bankMessage, approved_by AS approvedBy, approved_at AS approvedAt,
  uploaded_at AS uploadedAt, exported_at AS exportedAt, signatures_done AS signaturesDone, signatures_required AS signaturesRequired,
  signatures_checked_at AS signaturesCheckedAt, built_by AS builtBy, next_check_at AS nextCheckAt, check_attempts AS checkAttempts, instant, created_at AS createdAt, updated_at AS updatedAt
  FROM payment_order`;

export interface NewPaymentOrder {
  bankAccessId: number | null;
  bankAccountId: number;
  kind: OrderKind;
  format: string;
  scheme: 'CORE' | 'B2B' | null;
  fileBytes: Buffer;
  sha256: string;
  messageId: string;
  txCount: number;
  controlSumCents: number;
  executionDate: string;
  /** Stored as JSON; any JSON-serialisable warning objects. */
  warnings: readonly unknown[];
  builtBy: string;
  /** SEPA Instant; default a plain transfer. */
  instant?: boolean;
}

export function insertPaymentOrder(db: Database, o: NewPaymentOrder, at: string): number {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO payment_order (bank_access_id, bank_account_id, kind, format, scheme, file_bytes, sha256, message_id, tx_count,
         control_sum_cents, execution_date, status, warnings, built_by, instant, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?)`,
    )
    .run(
      o.bankAccessId,
      o.bankAccountId,
      o.kind,
      o.format,
      o.scheme,
      o.fileBytes,
      o.sha256,
      o.messageId,
      o.txCount,
      o.controlSumCents,
      o.executionDate,
      JSON.stringify(o.warnings),
      o.builtBy,
      o.instant === true ? 1 : 0,
      at,
      at,
    );
  return Number(lastInsertRowid);
}

export function getPaymentOrder(db: Database, id: number): PaymentOrderRow {
  return one<PaymentOrderRow>(db, `${SELECT} WHERE id = ?`, [id], 'Payment order', id);
}

export function orderFile(db: Database, id: number): Buffer {
  return one<{ bytes: Buffer }>(db, 'SELECT file_bytes AS bytes FROM payment_order WHERE id = ?', [id], 'Payment order', id).bytes;
}

export function listPaymentOrders(db: Database, status?: OrderStatus): PaymentOrderRow[] {
  return status
    ? (db.prepare(`${SELECT} WHERE status = ? ORDER BY id DESC`).all(status) as PaymentOrderRow[])
    : (db.prepare(`${SELECT} ORDER BY id DESC`).all() as PaymentOrderRow[]);
}

/** Orders whose file may already be at a bank: the same bytes must not go out again unnoticed. */
export function ordersWithFileSent(db: Database, sha256: string, exceptId: number): PaymentOrderRow[] {
  return db
    .prepare(`${SELECT} WHERE sha256 = ? AND id <> ? AND status IN ('uploading', 'uploaded', 'released', 'exported') ORDER BY id`)
    .all(sha256, exceptId) as PaymentOrderRow[];
}

export function setOrderStatus(
  db: Database,
  id: number,
  status: OrderStatus,
  at: string,
  extra: Partial<
    Record<
      'approvedBy' | 'approvedAt' | 'uploadedAt' | 'exportedAt' | 'ebicsOrderId' | 'ebicsTransactionId' | 'bankBusinessCode' | 'bankMessage',
      string | null
    >
  > = {},
): void {
  const columns: Record<string, string> = {
    approvedBy: 'approved_by',
    approvedAt: 'approved_at',
    uploadedAt: 'uploaded_at',
    exportedAt: 'exported_at',
    ebicsOrderId: 'ebics_order_id',
    ebicsTransactionId: 'ebics_transaction_id',
    bankBusinessCode: 'bank_business_code',
    bankMessage: 'bank_message',
  };
  const sets = Object.keys(extra).map((k) => `${columns[k]} = ?`);
  db.prepare(`UPDATE payment_order SET status = ?, ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`).run(status, ...Object.values(extra), at, id);
}

/** The bank's VEU overview listed the order with these signatures (done of required). */
export function setOrderSignatures(db: Database, id: number, signatures: { done: number; required: number }, at: string): void {
  db.prepare('UPDATE payment_order SET signatures_done = ?, signatures_required = ?, signatures_checked_at = ?, updated_at = ? WHERE id = ?').run(
    signatures.done,
    signatures.required,
    at,
    at,
    id,
  );
}

/** Orders of a bank access in the given statuses, oldest first. */
export function ordersOfAccess(db: Database, bankAccessId: number, statuses: readonly OrderStatus[]): PaymentOrderRow[] {
  if (statuses.length === 0) return [];
  return db
    .prepare(`${SELECT} WHERE bank_access_id = ? AND status IN (${statuses.map(() => '?').join(', ')}) ORDER BY id`)
    .all(bankAccessId, ...statuses) as PaymentOrderRow[];
}

export function orderByEbicsId(db: Database, bankAccessId: number, ebicsOrderId: string): PaymentOrderRow | undefined {
  return db.prepare(`${SELECT} WHERE bank_access_id = ? AND ebics_order_id = ?`).get(bankAccessId, ebicsOrderId) as PaymentOrderRow | undefined;
}

// ---- payments of an order --------------------------------------------------

export interface NewPayment {
  entityId: number;
  entryId: number;
  instrumentId: number;
  bankAccountId: number;
  kind: OrderKind;
  /** A payment that collects money is negative, a payout positive (docs/architecture.md, Conventions). */
  amountCents: number;
  endToEndId: string;
  /** The block (`PmtInfId`) it travels in: a batch booking without item details names only that. */
  paymentInfoId: string;
  mandateId: string | null;
  sequenceType: string | null;
  executionDate: string;
  counterpartyName: string;
  counterpartyIban: string;
  counterpartyBic: string | null;
  remittance: string | null;
}

export function insertPayment(db: Database, orderId: number, p: NewPayment, at: string): number {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO payment (entity_id, payment_order_id, instrument_id, bank_account_id, kind, amount_cents, open_cents, status, end_to_end_id,
         payment_info_id, mandate_id, sequence_type, execution_date, counterparty_name, counterparty_iban, counterparty_bic, remittance, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'Open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      p.entityId,
      orderId,
      p.instrumentId,
      p.bankAccountId,
      p.kind,
      p.amountCents,
      p.amountCents,
      p.endToEndId,
      p.paymentInfoId,
      p.mandateId,
      p.sequenceType,
      p.executionDate,
      p.counterpartyName,
      p.counterpartyIban,
      p.counterpartyBic,
      p.remittance,
      at,
      at,
    );
  const paymentId = Number(lastInsertRowid);
  // The link that will settle the entry once the money moved: expected now, amount when booked.
  db.prepare('INSERT INTO entry_item (entry_id, payment_id, amount_cents, expected_amount_cents, created_at) VALUES (?, ?, 0, ?, ?)').run(
    p.entryId,
    paymentId,
    p.amountCents,
    at,
  );
  return paymentId;
}

export function setPaymentsStatus(db: Database, orderId: number, status: string, at: string): void {
  db.prepare('UPDATE payment SET status = ?, updated_at = ? WHERE payment_order_id = ?').run(status, at, orderId);
}

export interface OrderPaymentRow {
  id: number;
  entryId: number;
  entryNumber: string;
  amountCents: number;
  endToEndId: string;
  counterpartyName: string;
  counterpartyIban: string;
  mandateId: string | null;
  sequenceType: string | null;
  status: string;
  remittance: string | null;
}

export function paymentsOfOrder(db: Database, orderId: number): OrderPaymentRow[] {
  return db
    .prepare(
      `SELECT p.id, i.entry_id AS entryId, e.number AS entryNumber, p.amount_cents AS amountCents, p.end_to_end_id AS endToEndId,
         p.counterparty_name AS counterpartyName, p.counterparty_iban AS counterpartyIban, p.mandate_id AS mandateId,
         p.sequence_type AS sequenceType, p.status, p.remittance
       FROM payment p JOIN entry_item i ON i.payment_id = p.id JOIN entry e ON e.id = i.entry_id
       WHERE p.payment_order_id = ? ORDER BY p.id`,
    )
    .all(orderId) as OrderPaymentRow[];
}

/** Entries that already have a payment on its way (not canceled or rejected): not eligible again. */
export function entriesInActiveOrders(db: Database): Set<number> {
  const rows = db
    .prepare(`SELECT DISTINCT i.entry_id AS id FROM entry_item i JOIN payment p ON p.id = i.payment_id WHERE p.status NOT IN ('Canceled', 'Rejected')`)
    .all() as { id: number }[];
  return new Set(rows.map((r) => r.id));
}

/** The mandate was used: the next collection under it is a follow-up (RCUR), not a first (FRST). */
export function markMandatesUsed(db: Database, orderId: number, on: string, at: string): void {
  db.prepare(
    `UPDATE payment_instrument SET first_used_on = COALESCE(first_used_on, ?), last_used_on = ?, updated_at = ?
     WHERE id IN (SELECT instrument_id FROM payment WHERE payment_order_id = ? AND kind = 'direct_debit')`,
  ).run(on, on, at, orderId);
}
