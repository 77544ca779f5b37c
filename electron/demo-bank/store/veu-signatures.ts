/** Signature classes of subscribers and the signatures orders collected in the distributed signature (VEU). */
import type { Database } from 'better-sqlite3';

export type SignatureClass = 'T' | 'E' | 'A' | 'B';
export type CountingClass = Exclude<SignatureClass, 'T'>;

export interface VeuSignatureRow {
  orderId: string;
  subscriberId: number;
  partnerId: string;
  userId: string;
  name: string;
  signatureClass: CountingClass;
  via: 'HVE' | 'bank';
  signedAt: string;
}

export function signatureClassOf(db: Database, subscriberId: number): SignatureClass {
  const row = db.prepare('SELECT signature_class AS c FROM subscriber WHERE id = ?').get(subscriberId) as { c: SignatureClass } | undefined;
  return row?.c ?? 'T';
}

export function setSignatureClass(db: Database, subscriberId: number, signatureClass: SignatureClass, at: string): void {
  db.prepare('UPDATE subscriber SET signature_class = ?, updated_at = ? WHERE id = ?').run(signatureClass, at, subscriberId);
}

/** Signature classes of every subscriber of a partner. */
export function partnerClasses(db: Database, partnerId: string): SignatureClass[] {
  return (db.prepare('SELECT signature_class AS c FROM subscriber WHERE partner_id = ?').all(partnerId) as Array<{ c: SignatureClass }>).map((r) => r.c);
}

export function signaturesOf(db: Database, orderId: string): VeuSignatureRow[] {
  return db
    .prepare(
      `SELECT v.order_id AS orderId, v.subscriber_id AS subscriberId, s.partner_id AS partnerId, s.user_id AS userId, s.name,
         v.signature_class AS signatureClass, v.via, v.signed_at AS signedAt
       FROM veu_signature v JOIN subscriber s ON s.id = v.subscriber_id WHERE v.order_id = ? ORDER BY v.id`,
    )
    .all(orderId) as VeuSignatureRow[];
}

export function addSignature(db: Database, s: { orderId: string; subscriberId: number; signatureClass: CountingClass; via: 'HVE' | 'bank' }, at: string): void {
  db.prepare('INSERT INTO veu_signature (order_id, subscriber_id, signature_class, via, signed_at) VALUES (?, ?, ?, ?, ?)').run(
    s.orderId,
    s.subscriberId,
    s.signatureClass,
    s.via,
    at,
  );
}
