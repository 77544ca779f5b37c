import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { BankAccessInput, BankAccessState } from '../../../shared/domain';
import { explainConstraint, one } from './rows';

type Input = z.output<typeof BankAccessInput>;

/** A bank access row as stored; the service turns it into the API's BankAccess. */
export interface BankAccessRow {
  id: number;
  name: string;
  hostUrl: string;
  hostId: string;
  partnerId: string;
  userId: string;
  ebicsVersion: 'H004' | 'H005';
  state: BankAccessState;
  signatureVersion: 'A005' | 'A006';
  keySize: 2048 | 3072 | 4096;
  signatureKeyCreatedAt: string | null;
  signatureKeyExpiresAt: string | null;
  authKeyCreatedAt: string | null;
  authKeyExpiresAt: string | null;
  encryptionKeyCreatedAt: string | null;
  encryptionKeyExpiresAt: string | null;
  /** JSON: the bank's public keys as fetched by HPB (public data). */
  bankAuthKey: string | null;
  bankEncryptionKey: string | null;
  /** Uppercase hex without spaces. */
  bankAuthHash: string | null;
  bankEncryptionHash: string | null;
  bankKeysTrustedAt: string | null;
  amountLimitCents: number | null;
  statementFormat: 'camt' | 'mt940';
  settings: string;
  isDemo: number;
  /** Optimistic version (migration 15): the settings form sends it back. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `SELECT id, name, host_url AS hostUrl, host_id AS hostId, partner_id AS partnerId, user_id AS userId,
  ebics_version AS ebicsVersion, state, signature_version AS signatureVersion, key_size AS keySize,
  signature_key_created_at AS signatureKeyCreatedAt, signature_key_expires_at AS signatureKeyExpiresAt,
  auth_key_created_at AS authKeyCreatedAt, auth_key_expires_at AS authKeyExpiresAt,
  encryption_key_created_at AS encryptionKeyCreatedAt, encryption_key_expires_at AS encryptionKeyExpiresAt,
  bank_auth_key AS bankAuthKey, bank_encryption_key AS bankEncryptionKey, bank_auth_hash AS bankAuthHash,
  bank_encryption_hash AS bankEncryptionHash, bank_keys_trusted_at AS bankKeysTrustedAt,
  amount_limit_cents AS amountLimitCents, statement_format AS statementFormat, settings, is_demo AS isDemo, version, created_at AS createdAt, updated_at AS updatedAt
  FROM bank_access`;

export function listBankAccesses(db: Database): BankAccessRow[] {
  return db.prepare(`${SELECT} ORDER BY name, id`).all() as BankAccessRow[];
}

export function getBankAccess(db: Database, id: number): BankAccessRow {
  return one<BankAccessRow>(db, `${SELECT} WHERE id = ?`, [id], 'Bank access', id);
}

const unique = { code: 'bankAccess.duplicate', message: 'A bank access for this host, partner and user exists already.' };

export function insertBankAccess(db: Database, v: Input, at: string): BankAccessRow {
  try {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO bank_access (name, host_url, host_id, partner_id, user_id, ebics_version, state, signature_version, key_size,
           amount_limit_cents, statement_format, is_demo, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        v.name,
        v.hostUrl,
        v.hostId,
        v.partnerId,
        v.userId,
        v.ebicsVersion,
        v.signatureVersion,
        v.keySize,
        v.amountLimitCents,
        v.statementFormat,
        v.isDemo ? 1 : 0,
        at,
        at,
      );
    return getBankAccess(db, Number(lastInsertRowid));
  } catch (e) {
    explainConstraint(e, unique);
  }
}

export function updateBankAccessDetails(db: Database, id: number, v: Input, at: string): BankAccessRow {
  try {
    db.prepare(
      `UPDATE bank_access SET name = ?, host_url = ?, host_id = ?, partner_id = ?, user_id = ?, ebics_version = ?, signature_version = ?,
         key_size = ?, amount_limit_cents = ?, statement_format = ?, is_demo = ?, updated_at = ? WHERE id = ?`,
    ).run(
      v.name,
      v.hostUrl,
      v.hostId,
      v.partnerId,
      v.userId,
      v.ebicsVersion,
      v.signatureVersion,
      v.keySize,
      v.amountLimitCents,
      v.statementFormat,
      v.isDemo ? 1 : 0,
      at,
      id,
    );
  } catch (e) {
    explainConstraint(e, unique);
  }
  return getBankAccess(db, id);
}

/** The statement format can change at any time; it is not part of the letter. */
export function setStatementFormat(db: Database, id: number, format: 'camt' | 'mt940', at: string): BankAccessRow {
  db.prepare('UPDATE bank_access SET statement_format = ?, updated_at = ? WHERE id = ?').run(format, at, id);
  return getBankAccess(db, id);
}

export function setState(db: Database, id: number, state: BankAccessState, at: string): void {
  db.prepare('UPDATE bank_access SET state = ?, updated_at = ? WHERE id = ?').run(state, at, id);
}

/** All three keys are created and renewed together, so they share their dates. */
export function setKeyDates(db: Database, id: number, createdAt: string | null, expiresAt: string | null, at: string): void {
  db.prepare(
    `UPDATE bank_access SET signature_key_created_at = ?, signature_key_expires_at = ?, auth_key_created_at = ?, auth_key_expires_at = ?,
       encryption_key_created_at = ?, encryption_key_expires_at = ?, updated_at = ? WHERE id = ?`,
  ).run(createdAt, expiresAt, createdAt, expiresAt, createdAt, expiresAt, at, id);
}

export function setBankKeys(
  db: Database,
  id: number,
  k: { authKey: string | null; encryptionKey: string | null; authHash: string | null; encryptionHash: string | null },
  at: string,
): void {
  db.prepare(
    `UPDATE bank_access SET bank_auth_key = ?, bank_encryption_key = ?, bank_auth_hash = ?, bank_encryption_hash = ?, bank_keys_trusted_at = NULL,
       updated_at = ? WHERE id = ?`,
  ).run(k.authKey, k.encryptionKey, k.authHash, k.encryptionHash, at, id);
}

export function trustBankKeys(db: Database, id: number, at: string): void {
  db.prepare(`UPDATE bank_access SET bank_keys_trusted_at = ?, state = 'ready', updated_at = ? WHERE id = ?`).run(at, at, id);
}

/** Demo accesses to the host `hostId` now reach it at `url` (the demo bank moved to another port). */
export function moveDemoAccesses(db: Database, hostId: string, url: string, at: string): void {
  db.prepare('UPDATE bank_access SET host_url = ?, updated_at = ? WHERE is_demo = 1 AND host_id = ? AND host_url <> ?').run(url, at, hostId, url);
}

/** The settings beyond the letter data: the JSON settings, the statement format and the amount limit, changed together. */
export function setAccessSettings(
  db: Database,
  id: number,
  v: { settings: string; statementFormat: 'camt' | 'mt940'; amountLimitCents: number | null },
  at: string,
): BankAccessRow {
  db.prepare('UPDATE bank_access SET settings = ?, statement_format = ?, amount_limit_cents = ?, updated_at = ? WHERE id = ?').run(
    v.settings,
    v.statementFormat,
    v.amountLimitCents,
    at,
    id,
  );
  return getBankAccess(db, id);
}
