/** The register of account holders the payee check compares names with, and the VoP reports waiting for download. */
import type { Database } from 'better-sqlite3';

export interface Holder {
  iban: string;
  name: string;
}

export function addHolder(db: Database, h: Holder, at: string): void {
  db.prepare('INSERT INTO account_holder (iban, name, created_at) VALUES (?, ?, ?) ON CONFLICT (iban) DO UPDATE SET name = excluded.name').run(
    h.iban,
    h.name,
    at,
  );
}

/** The register and the bank's own accounts (their owners are holders too). */
export function allHolders(db: Database): Holder[] {
  return db
    .prepare(
      'SELECT iban, name FROM account_holder UNION SELECT iban, owner_name AS name FROM account WHERE iban NOT IN (SELECT iban FROM account_holder) ORDER BY iban',
    )
    .all() as Holder[];
}

export function insertVopReport(db: Database, r: { orderId: string; subscriberId: number; report: Buffer }, at: string): void {
  db.prepare('INSERT INTO vop_report (order_id, subscriber_id, report, created_at) VALUES (?, ?, ?, ?)').run(r.orderId, r.subscriberId, r.report, at);
}

/** The oldest report of the partner not yet delivered (acknowledged with receipt code 0). */
export function nextVopReport(db: Database, partnerId: string): { orderId: string; report: Buffer } | undefined {
  return db
    .prepare(
      `SELECT r.order_id AS orderId, r.report FROM vop_report r JOIN subscriber s ON s.id = r.subscriber_id
       WHERE s.partner_id = ? AND r.delivered_at IS NULL ORDER BY r.created_at, r.order_id LIMIT 1`,
    )
    .get(partnerId) as { orderId: string; report: Buffer } | undefined;
}

export function markVopReportDelivered(db: Database, orderId: string, at: string): void {
  db.prepare('UPDATE vop_report SET delivered_at = ? WHERE order_id = ? AND delivered_at IS NULL').run(at, orderId);
}
