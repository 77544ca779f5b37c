/**
 * The bank's own authentication (X002) and encryption (E002) keys with
 * self-signed certificates (H005 sends the certificates in HPB). Created on
 * first start. This is a demo bank: its private keys sit in its own
 * database file rather than in a hardware security module.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../../../shared/dates';
import { exportPrivateDer, generateKeyPair, importPrivateDer, selfSignedCertificate } from '../../ebics/crypto/keys';

export interface BankKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** DER X.509, self-signed. */
  certificate: Buffer;
}

export interface BankKeys {
  authentication: BankKey;
  encryption: BankKey;
}

interface Row {
  usage: 'X002' | 'E002';
  privateKeyDer: Buffer;
  certificateDer: Buffer;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

function toKey(row: Row): BankKey {
  const privateKey = importPrivateDer(row.privateKeyDer);
  return { privateKey, publicKey: createPublicKey(privateKey), certificate: row.certificateDer };
}

export function loadBankKeys(db: Database): BankKeys | undefined {
  const rows = db.prepare('SELECT usage, private_key_der AS privateKeyDer, certificate_der AS certificateDer FROM bank_key').all() as Row[];
  const x002 = rows.find((r) => r.usage === 'X002');
  const e002 = rows.find((r) => r.usage === 'E002');
  if (!x002 || !e002) return undefined;
  return { authentication: toKey(x002), encryption: toKey(e002) };
}

/** The bank's keys, generated (2048 bits, certificates valid two years) and stored when missing. */
export function ensureBankKeys(db: Database, clock: Clock, hostId: string): { keys: BankKeys; created: boolean } {
  const existing = loadBankKeys(db);
  if (existing) return { keys: existing, created: false };
  const now = clock.now();
  const make = (usage: 'X002' | 'E002'): Row => {
    const pair = generateKeyPair(2048);
    const certificate = selfSignedCertificate(pair, {
      commonName: `${hostId} ${usage}`,
      organization: 'Kontor Demo Bank',
      country: 'DE',
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + 2 * YEAR_MS),
      usage: usage === 'X002' ? 'authentication' : 'encryption',
    });
    return { usage, privateKeyDer: exportPrivateDer(pair.privateKey), certificateDer: certificate };
  };
  const rows = [make('X002'), make('E002')];
  const at = now.toISOString();
  db.transaction(() => {
    const insert = db.prepare('INSERT OR IGNORE INTO bank_key (usage, private_key_der, certificate_der, created_at) VALUES (?, ?, ?, ?)');
    for (const r of rows) insert.run(r.usage, r.privateKeyDer, r.certificateDer, at);
  })();
  const keys = loadBankKeys(db);
  if (!keys) throw new Error('the bank keys were not stored');
  return { keys, created: true };
}
