/** The customer protocol: what happened to each order, for HAC (pain.002) and PTK (text). */
import type { Database } from 'better-sqlite3';

export type ProtocolStatus = 'ACCP' | 'PDNG' | 'RJCT';

export interface ProtocolEntry {
  id: number;
  subscriberId: number;
  orderId: string | null;
  orderType: string;
  reasonCode: string;
  status: ProtocolStatus;
  text: string;
  at: string;
  hacDeliveredAt: string | null;
  ptkDeliveredAt: string | null;
}

export type NewProtocolEntry = Pick<ProtocolEntry, 'subscriberId' | 'orderId' | 'orderType' | 'reasonCode' | 'status' | 'text' | 'at'>;

export function addProtocolEntry(db: Database, e: NewProtocolEntry): number {
  const { lastInsertRowid } = db
    .prepare('INSERT INTO protocol_entry (subscriber_id, order_id, order_type, reason_code, status, text, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(e.subscriberId, e.orderId, e.orderType, e.reasonCode, e.status, e.text, e.at);
  return Number(lastInsertRowid);
}

/** Whether the same event is already in the protocol (any time). */
export function hasProtocolEntry(db: Database, e: Omit<NewProtocolEntry, 'at'>): boolean {
  return (
    db
      .prepare(
        'SELECT 1 FROM protocol_entry WHERE subscriber_id = ? AND order_id IS ? AND order_type = ? AND reason_code = ? AND status = ? AND text = ? LIMIT 1',
      )
      .get(e.subscriberId, e.orderId, e.orderType, e.reasonCode, e.status, e.text) !== undefined
  );
}

const SELECT = `SELECT id, subscriber_id AS subscriberId, order_id AS orderId, order_type AS orderType, reason_code AS reasonCode, status,
  text, at, hac_delivered_at AS hacDeliveredAt, ptk_delivered_at AS ptkDeliveredAt FROM protocol_entry`;

export type ProtocolKind = 'hac' | 'ptk';

/**
 * The entries of the partner's subscribers a protocol download shows: with
 * a date range (UTC dates, inclusive) every entry in it; without one only
 * the entries not yet delivered by a receipted download of that kind.
 */
export function protocolEntries(db: Database, partnerId: string, kind: ProtocolKind, range?: { start: string; end: string }): ProtocolEntry[] {
  const scope = `subscriber_id IN (SELECT id FROM subscriber WHERE partner_id = ?)`;
  if (range) {
    return db
      .prepare(`${SELECT} WHERE ${scope} AND substr(at, 1, 10) BETWEEN ? AND ? ORDER BY at, id`)
      .all(partnerId, range.start, range.end) as ProtocolEntry[];
  }
  const column = kind === 'hac' ? 'hac_delivered_at' : 'ptk_delivered_at';
  return db.prepare(`${SELECT} WHERE ${scope} AND ${column} IS NULL ORDER BY at, id`).all(partnerId) as ProtocolEntry[];
}

export function markProtocolDelivered(db: Database, ids: readonly number[], kind: ProtocolKind, at: string): void {
  const column = kind === 'hac' ? 'hac_delivered_at' : 'ptk_delivered_at';
  const update = db.prepare(`UPDATE protocol_entry SET ${column} = COALESCE(${column}, ?) WHERE id = ?`);
  for (const id of ids) update.run(at, id);
}

export function listProtocol(db: Database): ProtocolEntry[] {
  return db.prepare(`${SELECT} ORDER BY at, id`).all() as ProtocolEntry[];
}
