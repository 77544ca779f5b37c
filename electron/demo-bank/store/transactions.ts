/** EBICS transactions in flight: upload segments received, download data waiting to be fetched. */
import type { Database } from 'better-sqlite3';

export type TransactionState = 'receiving' | 'completed' | 'sending' | 'receipted' | 'not_receipted';

export interface TransactionRow {
  id: string;
  subscriberId: number;
  ebicsVersion: 'H004' | 'H005';
  direction: 'upload' | 'download';
  orderType: string;
  service: string | null;
  orderId: string | null;
  numSegments: number;
  segmentsDone: number;
  state: TransactionState;
  transactionKey: Buffer;
  signatureData: string | null;
  dataDigest: Buffer | null;
  orderParams: string | null;
  payload: string | null;
  segmentSize: number | null;
  deliver: string | null;
  receiptCode: number | null;
  createdAt: string;
  updatedAt: string;
}

export type NewTransaction = Omit<TransactionRow, 'segmentsDone' | 'receiptCode' | 'createdAt' | 'updatedAt'>;

export function insertTransaction(db: Database, t: NewTransaction, at: string): void {
  db.prepare(
    `INSERT INTO ebics_transaction (id, subscriber_id, ebics_version, direction, order_type, service, order_id, num_segments, state,
       transaction_key, signature_data, data_digest, order_params, payload, segment_size, deliver, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    t.id,
    t.subscriberId,
    t.ebicsVersion,
    t.direction,
    t.orderType,
    t.service,
    t.orderId,
    t.numSegments,
    t.state,
    t.transactionKey,
    t.signatureData,
    t.dataDigest,
    t.orderParams,
    t.payload,
    t.segmentSize,
    t.deliver,
    at,
    at,
  );
}

const SELECT = `SELECT id, subscriber_id AS subscriberId, ebics_version AS ebicsVersion, direction, order_type AS orderType, service,
  order_id AS orderId, num_segments AS numSegments, segments_done AS segmentsDone, state, transaction_key AS transactionKey,
  signature_data AS signatureData, data_digest AS dataDigest, order_params AS orderParams, payload, segment_size AS segmentSize,
  deliver, receipt_code AS receiptCode, created_at AS createdAt, updated_at AS updatedAt FROM ebics_transaction`;

export function getTransaction(db: Database, id: string): TransactionRow | undefined {
  return db.prepare(`${SELECT} WHERE id = ?`).get(id.toUpperCase()) as TransactionRow | undefined;
}

export function listTransactions(db: Database): TransactionRow[] {
  return db.prepare(`${SELECT} ORDER BY created_at, id`).all() as TransactionRow[];
}

export function setSegmentsDone(db: Database, id: string, segmentsDone: number, at: string): void {
  db.prepare('UPDATE ebics_transaction SET segments_done = ?, updated_at = ? WHERE id = ?').run(segmentsDone, at, id);
}

export function setTransactionState(db: Database, id: string, state: TransactionState, at: string, receiptCode?: number): void {
  db.prepare('UPDATE ebics_transaction SET state = ?, receipt_code = COALESCE(?, receipt_code), updated_at = ? WHERE id = ?').run(
    state,
    receiptCode ?? null,
    at,
    id,
  );
}

/** A receipted download is over: its encrypted data need not be kept. */
export function clearPayload(db: Database, id: string): void {
  db.prepare('UPDATE ebics_transaction SET payload = NULL WHERE id = ?').run(id);
}

export interface SegmentRow {
  number: number;
  sha256: string;
  data: string | null;
}

export function insertSegment(db: Database, transactionId: string, number: number, sha256: string, data: string): void {
  db.prepare('INSERT INTO upload_segment (transaction_id, number, sha256, data) VALUES (?, ?, ?, ?)').run(transactionId, number, sha256, data);
}

export function getSegment(db: Database, transactionId: string, number: number): SegmentRow | undefined {
  return db.prepare('SELECT number, sha256, data FROM upload_segment WHERE transaction_id = ? AND number = ?').get(transactionId, number) as
    SegmentRow | undefined;
}

export function segmentsOf(db: Database, transactionId: string): SegmentRow[] {
  return db.prepare('SELECT number, sha256, data FROM upload_segment WHERE transaction_id = ? ORDER BY number').all(transactionId) as SegmentRow[];
}

/** After completion the order holds the plain data; the encrypted segments are not kept twice. */
export function clearSegmentData(db: Database, transactionId: string): void {
  db.prepare('UPDATE upload_segment SET data = NULL WHERE transaction_id = ?').run(transactionId);
}
