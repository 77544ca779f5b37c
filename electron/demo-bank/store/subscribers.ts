/** Subscribers (partner ID + user ID) and their public keys, as the bank stores them. */
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/**
 * new → ini_received / hia_received (whichever came first) → initialised
 * (both received, waiting for the letter) → ready (the clerk compared the
 * letter) → suspended (SPR or the bank). INI and HIA are tracked separately
 * in `iniReceivedAt` / `hiaReceivedAt`.
 */
export type SubscriberState = 'new' | 'ini_received' | 'hia_received' | 'initialised' | 'ready' | 'suspended';

export interface SubscriberRow {
  id: number;
  partnerId: string;
  userId: string;
  name: string;
  state: SubscriberState;
  signatureVersion: 'A005' | 'A006' | null;
  signatureKeyDer: Buffer | null;
  signatureCertificateDer: Buffer | null;
  authenticationKeyDer: Buffer | null;
  authenticationCertificateDer: Buffer | null;
  encryptionKeyDer: Buffer | null;
  encryptionCertificateDer: Buffer | null;
  iniReceivedAt: string | null;
  hiaReceivedAt: string | null;
  activatedAt: string | null;
  suspendedAt: string | null;
  suspendedBy: 'customer' | 'bank' | null;
  /** T (transport, default), E, A or B: what the subscriber's signature counts for in the VEU. */
  signatureClass: 'T' | 'E' | 'A' | 'B';
  createdAt: string;
  updatedAt: string;
}

const SELECT = `SELECT id, partner_id AS partnerId, user_id AS userId, name, state, signature_version AS signatureVersion,
  signature_key_der AS signatureKeyDer, signature_certificate_der AS signatureCertificateDer,
  authentication_key_der AS authenticationKeyDer, authentication_certificate_der AS authenticationCertificateDer,
  encryption_key_der AS encryptionKeyDer, encryption_certificate_der AS encryptionCertificateDer,
  ini_received_at AS iniReceivedAt, hia_received_at AS hiaReceivedAt, activated_at AS activatedAt,
  suspended_at AS suspendedAt, suspended_by AS suspendedBy, signature_class AS signatureClass, created_at AS createdAt, updated_at AS updatedAt
  FROM subscriber`;

export function insertSubscriber(db: Database, s: { partnerId: string; userId: string; name: string }, at: string): number {
  const { lastInsertRowid } = db
    .prepare(`INSERT INTO subscriber (partner_id, user_id, name, state, created_at, updated_at) VALUES (?, ?, ?, 'new', ?, ?)`)
    .run(s.partnerId, s.userId, s.name, at, at);
  return Number(lastInsertRowid);
}

export function findSubscriber(db: Database, partnerId: string, userId: string): SubscriberRow | undefined {
  return db.prepare(`${SELECT} WHERE partner_id = ? AND user_id = ?`).get(partnerId, userId) as SubscriberRow | undefined;
}

export function getSubscriber(db: Database, id: number): SubscriberRow | undefined {
  return db.prepare(`${SELECT} WHERE id = ?`).get(id) as SubscriberRow | undefined;
}

export function listSubscribers(db: Database): SubscriberRow[] {
  return db.prepare(`${SELECT} ORDER BY id`).all() as SubscriberRow[];
}

export interface StoredKey {
  /** SPKI DER of the public key. */
  keyDer: Buffer;
  certificateDer: Buffer | null;
}

export function keyToDer(key: KeyObject): Buffer {
  return (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });
}

export function keyFromDer(der: Buffer): KeyObject {
  return createPublicKey({ key: der, format: 'der', type: 'spki' });
}

/** The signature key (INI, PUB, HCS) with its new state. */
export function setSignatureKey(
  db: Database,
  id: number,
  version: 'A005' | 'A006',
  key: StoredKey,
  state: SubscriberState,
  at: string,
  iniReceived: boolean,
): void {
  db.prepare(
    `UPDATE subscriber SET signature_version = ?, signature_key_der = ?, signature_certificate_der = ?, state = ?,
       ini_received_at = CASE WHEN ? THEN ? ELSE ini_received_at END, updated_at = ? WHERE id = ?`,
  ).run(version, key.keyDer, key.certificateDer, state, iniReceived ? 1 : 0, at, at, id);
}

/** The authentication and encryption keys (HIA, HCA, HCS) with its new state. */
export function setAuthEncKeys(db: Database, id: number, auth: StoredKey, enc: StoredKey, state: SubscriberState, at: string, hiaReceived: boolean): void {
  db.prepare(
    `UPDATE subscriber SET authentication_key_der = ?, authentication_certificate_der = ?, encryption_key_der = ?,
       encryption_certificate_der = ?, state = ?, hia_received_at = CASE WHEN ? THEN ? ELSE hia_received_at END, updated_at = ? WHERE id = ?`,
  ).run(auth.keyDer, auth.certificateDer, enc.keyDer, enc.certificateDer, state, hiaReceived ? 1 : 0, at, at, id);
}

export function markReady(db: Database, id: number, at: string): void {
  db.prepare(`UPDATE subscriber SET state = 'ready', activated_at = ?, suspended_at = NULL, suspended_by = NULL, updated_at = ? WHERE id = ?`).run(at, at, id);
}

export function markSuspended(db: Database, id: number, by: 'customer' | 'bank', at: string): void {
  db.prepare(`UPDATE subscriber SET state = 'suspended', suspended_at = ?, suspended_by = ?, updated_at = ? WHERE id = ?`).run(at, by, at, id);
}

/**
 * A suspended subscriber initialises again from scratch: its old keys are
 * forgotten before the new INI or HIA is stored.
 */
export function resetForNewInitialisation(db: Database, id: number, at: string): void {
  db.prepare(
    `UPDATE subscriber SET state = 'new', signature_version = NULL, signature_key_der = NULL, signature_certificate_der = NULL,
       authentication_key_der = NULL, authentication_certificate_der = NULL, encryption_key_der = NULL, encryption_certificate_der = NULL,
       ini_received_at = NULL, hia_received_at = NULL, activated_at = NULL, updated_at = ? WHERE id = ?`,
  ).run(at, id);
}

export interface SubscriberKeys {
  signature?: { version: 'A005' | 'A006'; key: KeyObject; certificate: Buffer | null };
  authentication?: { key: KeyObject; certificate: Buffer | null };
  encryption?: { key: KeyObject; certificate: Buffer | null };
}

/** The subscriber's public keys as KeyObjects (absent ones left out). */
export function subscriberKeys(s: SubscriberRow): SubscriberKeys {
  const keys: SubscriberKeys = {};
  if (s.signatureKeyDer && s.signatureVersion)
    keys.signature = { version: s.signatureVersion, key: keyFromDer(s.signatureKeyDer), certificate: s.signatureCertificateDer };
  if (s.authenticationKeyDer) keys.authentication = { key: keyFromDer(s.authenticationKeyDer), certificate: s.authenticationCertificateDer };
  if (s.encryptionKeyDer) keys.encryption = { key: keyFromDer(s.encryptionKeyDer), certificate: s.encryptionCertificateDer };
  return keys;
}
