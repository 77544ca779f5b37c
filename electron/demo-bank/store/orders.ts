/** Orders the bank received (uploads), with their order signature check and VEU state. */
import type { Database } from 'better-sqlite3';

/**
 * awaiting_signature: queued in the distributed signature (VEU) under the
 * subscriber's transport signature; released / rejected by the authorised
 * signer; executed: key management orders (PUB, HCA, HCS, SPR) that took
 * effect on receipt.
 */
export type OrderState = 'awaiting_signature' | 'released' | 'rejected' | 'executed';

export interface OrderRow {
  id: number;
  orderId: string;
  subscriberId: number;
  transactionId: string | null;
  ebicsVersion: 'H004' | 'H005';
  orderType: string;
  serviceName: string | null;
  serviceScope: string | null;
  serviceOption: string | null;
  serviceContainer: string | null;
  msgName: string | null;
  msgVersion: string | null;
  fileName: string | null;
  data: Buffer;
  dataSha256: string;
  signatureVersion: string;
  signerPartnerId: string;
  signerUserId: string;
  signatureCheck: 'verified';
  state: OrderState;
  receivedAt: string;
  decidedAt: string | null;
}

export type NewOrder = Omit<OrderRow, 'id' | 'decidedAt'>;

export function insertOrder(db: Database, o: NewOrder): number {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO bank_order (order_id, subscriber_id, transaction_id, ebics_version, order_type, service_name, service_scope, service_option,
         service_container, msg_name, msg_version, file_name, data, data_sha256, signature_version, signer_partner_id, signer_user_id,
         signature_check, state, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      o.orderId,
      o.subscriberId,
      o.transactionId,
      o.ebicsVersion,
      o.orderType,
      o.serviceName,
      o.serviceScope,
      o.serviceOption,
      o.serviceContainer,
      o.msgName,
      o.msgVersion,
      o.fileName,
      o.data,
      o.dataSha256,
      o.signatureVersion,
      o.signerPartnerId,
      o.signerUserId,
      o.signatureCheck,
      o.state,
      o.receivedAt,
    );
  return Number(lastInsertRowid);
}

const SELECT = `SELECT id, order_id AS orderId, subscriber_id AS subscriberId, transaction_id AS transactionId, ebics_version AS ebicsVersion,
  order_type AS orderType, service_name AS serviceName, service_scope AS serviceScope, service_option AS serviceOption,
  service_container AS serviceContainer, msg_name AS msgName, msg_version AS msgVersion, file_name AS fileName, data,
  data_sha256 AS dataSha256, signature_version AS signatureVersion, signer_partner_id AS signerPartnerId, signer_user_id AS signerUserId,
  signature_check AS signatureCheck, state, received_at AS receivedAt, decided_at AS decidedAt FROM bank_order`;

export function getOrder(db: Database, orderId: string): OrderRow | undefined {
  return db.prepare(`${SELECT} WHERE order_id = ?`).get(orderId) as OrderRow | undefined;
}

export function listOrders(db: Database, subscriberId?: number): OrderRow[] {
  if (subscriberId === undefined) return db.prepare(`${SELECT} ORDER BY id`).all() as OrderRow[];
  return db.prepare(`${SELECT} WHERE subscriber_id = ? ORDER BY id`).all(subscriberId) as OrderRow[];
}

export function setOrderState(db: Database, orderId: string, state: OrderState, at: string): void {
  db.prepare('UPDATE bank_order SET state = ?, decided_at = ? WHERE order_id = ?').run(state, at, orderId);
}

/** The order an upload transaction completed, if it completed one. */
export function orderOfTransaction(db: Database, transactionId: string): Pick<OrderRow, 'orderId' | 'receivedAt'> | undefined {
  return db.prepare('SELECT order_id AS orderId, received_at AS receivedAt FROM bank_order WHERE transaction_id = ?').get(transactionId) as
    Pick<OrderRow, 'orderId' | 'receivedAt'> | undefined;
}
