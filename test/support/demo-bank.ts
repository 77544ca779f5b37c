/**
 * Test support for the demo bank: temporary folders, subscriber keys,
 * Kontor's real client wired to the bank over HTTP, a snapshot of the
 * bank's whole state, schema validation of recorded exchanges, and a
 * hand-driven client for requests Kontor's client would never send.
 */
import { X509Certificate, randomBytes, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../../shared/dates';
import { testClock, WIDE_VALIDITY } from './clock';
import { createEbicsClient, type EbicsClient, type FetchedBankKeys } from '../../electron/ebics/client';
import { ledgerJournal } from '../../electron/services/bank-access/journal';
import { aesEncrypt, encryptTransactionKey, newTransactionKey } from '../../electron/ebics/crypto/e002';
import { certificateHash, publicKeyHash } from '../../electron/ebics/crypto/hashes';
import { generateKeyPairAsync, selfSignedCertificate } from '../../electron/ebics/crypto/keys';
import { orderDataDigest, signOrderData } from '../../electron/ebics/crypto/order-signature';
import { packOrderData } from '../../electron/ebics/crypto/pipeline';
import { signRequest } from '../../electron/ebics/crypto/x002';
import { resolveOrder, type Purpose } from '../../electron/ebics/messages/catalogue';
import { ebicsTimestamp, newNonce } from '../../electron/ebics/messages/params';
import { parseEbicsResponse, type EbicsResponse } from '../../electron/ebics/messages/responses';
import {
  buildDownloadInitialisation,
  buildDownloadTransfer,
  buildReceipt,
  buildUploadInitialisation,
  buildUploadTransfer,
} from '../../electron/ebics/messages/transfers';
import { buildUserSignatureData } from '../../electron/ebics/messages/user-signature';
import type { EbicsVersion } from '../../electron/ebics/messages/versions';
import { xsdErrorsAll, type SchemaName } from './ebics-xsd';
import type { SubscriberKeys, TrustedBankKeys } from '../../electron/ebics/subscriber';
import { createTransport } from '../../electron/ebics/transport';
import { openLedger } from '../../electron/ledger/database';
import type { DemoBank, ExchangeRecord } from '../../electron/demo-bank/server';

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Three fresh 2048-bit keys; with self-signed certificates for H005 (and on request for H004), valid whatever the date. */
export async function makeSubscriberKeys(
  version: EbicsVersion,
  options: { certificates?: boolean; signatureVersion?: 'A005' | 'A006' } = {},
): Promise<SubscriberKeys> {
  const [sig, auth, enc] = await Promise.all([generateKeyPairAsync(2048), generateKeyPairAsync(2048), generateKeyPairAsync(2048)]);
  const withCerts = options.certificates ?? version === 'H005';
  const cert = (pair: { privateKey: KeyObject; publicKey: KeyObject }, usage: 'signature' | 'authentication' | 'encryption') =>
    withCerts ? { certificate: selfSignedCertificate(pair, { commonName: `Kontor test ${usage}`, ...WIDE_VALIDITY, usage }) } : {};
  return {
    signature: { ...sig, ...cert(sig, 'signature'), version: options.signatureVersion ?? 'A006' },
    authentication: { ...auth, ...cert(auth, 'authentication') },
    encryption: { ...enc, ...cert(enc, 'encryption') },
  };
}

export interface ClientSetup {
  bank: DemoBank;
  version: EbicsVersion;
  keys: SubscriberKeys;
  ledger: Database;
  partnerId?: string;
  userId?: string;
  bankKeys?: TrustedBankKeys;
  clock?: Clock;
  segmentSize?: number;
  timeoutMs?: number;
}

/** Kontor's real client, over real HTTP to the demo bank on loopback; on the bank's clock unless told otherwise. */
export function clientFor(s: ClientSetup): EbicsClient {
  return createEbicsClient({
    version: s.version,
    hostId: s.bank.hostId,
    partnerId: s.partnerId ?? 'KONTOR01',
    userId: s.userId ?? 'USER01',
    transport: createTransport(s.bank.url, { demoBankOnLoopback: true, ...(s.timeoutMs !== undefined ? { timeoutMs: s.timeoutMs } : {}) }),
    keys: s.keys,
    ...(s.bankKeys ? { bankKeys: s.bankKeys } : {}),
    clock: s.clock ?? s.bank.clock,
    journal: ledgerJournal(s.ledger),
    ...(s.segmentSize !== undefined ? { segmentSize: s.segmentSize } : {}),
  });
}

export function tempLedger(dir: string): Database {
  return openLedger(join(dir, 'ledger.sqlite'));
}

/** The bank keys as the user confirms them: H004 by public-key hash, H005 by certificate hash unless told otherwise. */
export function trust(fetched: FetchedBankKeys, digest: 'publicKey' | 'certificate'): TrustedBankKeys {
  const pick = (k: FetchedBankKeys['authentication']) => {
    if (digest === 'certificate') {
      if (!k.certificateHash) throw new Error('the bank sent no certificate');
      return k.certificateHash;
    }
    return k.publicKeyHash;
  };
  return {
    authentication: fetched.authentication.key,
    encryption: fetched.encryption.key,
    authenticationDigest: pick(fetched.authentication),
    encryptionDigest: pick(fetched.encryption),
  };
}

/** Straight from the bank's keys, as a client would after confirming the letter. */
export function trustedFromBank(bank: DemoBank, version: EbicsVersion): TrustedBankKeys {
  const row = (usage: string) => bank.store.db.prepare('SELECT certificate_der AS cert FROM bank_key WHERE usage = ?').get(usage) as { cert: Buffer };
  const keys = { X002: row('X002').cert, E002: row('E002').cert };
  const pub = (der: Buffer) => new X509Certificate(der).publicKey;
  const auth = pub(keys.X002);
  const enc = pub(keys.E002);
  return {
    authentication: auth,
    encryption: enc,
    authenticationDigest: version === 'H005' ? certificateHash(keys.X002) : publicKeyHash(auth),
    encryptionDigest: version === 'H005' ? certificateHash(keys.E002) : publicKeyHash(enc),
  };
}

/** INI, HIA, activation, HPB and confirmation: a subscriber ready to work, with a trusting client. */
export async function readySubscriber(
  bank: DemoBank,
  version: EbicsVersion,
  ledger: Database,
  ids: { partnerId?: string; userId?: string } = {},
  extra: Partial<ClientSetup> = {},
): Promise<{ keys: SubscriberKeys; client: EbicsClient; bankKeys: TrustedBankKeys }> {
  const partnerId = ids.partnerId ?? 'KONTOR01';
  const userId = ids.userId ?? 'USER01';
  const keys = extra.keys ?? (await makeSubscriberKeys(version));
  const first = clientFor({ bank, version, keys, ledger, partnerId, userId });
  await first.sendIni();
  await first.sendHia();
  bank.activate(partnerId, userId);
  const bankKeys = trust(await first.fetchBankKeys(), version === 'H005' ? 'certificate' : 'publicKey');
  return { keys, bankKeys, client: clientFor({ bank, version, keys, ledger, partnerId, userId, bankKeys, ...extra }) };
}

/** Every row of every table of the bank: two equal snapshots mean nothing changed. */
export function snapshot(db: Database): Record<string, unknown[]> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (t) => t.name,
  );
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}

export function count(db: Database, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** The schema each recorded message belongs to. */
function schemaOf(xml: string, version: EbicsVersion): SchemaName {
  return /ebicsHEV(Request|Response)/.test(xml.slice(0, 400)) ? 'HEV' : version;
}

/** xmllint's complaints about each recorded request and answer, as `kind request|response: error` lines; one xmllint run per schema. */
export function exchangeSchemaErrors(records: readonly ExchangeRecord[], version: EbicsVersion): string[] {
  const bySchema = new Map<SchemaName, Array<{ name: string; xml: string }>>();
  records.forEach((r, i) => {
    for (const [what, xml] of [
      ['request', r.request],
      ['response', r.response],
    ] as const) {
      if (xml === null) continue;
      const schema = schemaOf(xml, version);
      bySchema.set(schema, [...(bySchema.get(schema) ?? []), { name: `#${i} ${r.kind} ${what}`, xml }]);
    }
  });
  return [...bySchema].flatMap(([schema, documents]) => xsdErrorsAll(documents, schema));
}

/** Posts a request as it is and reads the answer. */
export async function post(bank: DemoBank, xml: string): Promise<EbicsResponse> {
  return parseEbicsResponse(await createTransport(bank.url, { demoBankOnLoopback: true }).post(xml));
}

export function digestsOf(bankKeys: TrustedBankKeys) {
  return {
    authentication: { version: 'X002' as const, digest: bankKeys.authenticationDigest },
    encryption: { version: 'E002' as const, digest: bankKeys.encryptionDigest },
  };
}

/** An upload built by hand: the initialisation and its segments, with an ES by `signatureKey`. */
export function handUpload(o: {
  version: EbicsVersion;
  hostId: string;
  partnerId: string;
  userId: string;
  keys: SubscriberKeys;
  bankKeys: TrustedBankKeys;
  data: Buffer;
  purpose?: Purpose;
  segmentSize?: number;
  signatureKey?: KeyObject;
  numSegments?: number;
  /** Default: now by testClock, the clock the tests start their demo banks on. */
  timestamp?: string;
}): { init: string; segments: string[]; transfer: (transactionId: string, n: number, segment?: string, of?: number) => string } {
  const txKey = newTransactionKey();
  const packed = packOrderData(o.data, txKey, o.segmentSize ?? 1_048_576);
  const sig = o.keys.signature;
  const userSignature = buildUserSignatureData({
    version: o.version,
    signatures: [
      {
        signatureVersion: sig.version,
        signatureValue: signOrderData(o.data, o.signatureKey ?? sig.privateKey, sig.version),
        partnerId: o.partnerId,
        userId: o.userId,
      },
    ],
  });
  const numSegments = o.numSegments ?? packed.segments.length;
  const init = signRequest(
    buildUploadInitialisation({
      version: o.version,
      hostId: o.hostId,
      partnerId: o.partnerId,
      userId: o.userId,
      nonce: newNonce(),
      timestamp: o.timestamp ?? ebicsTimestamp(testClock.now()),
      order: resolveOrder(o.purpose ?? 'credit_transfer', o.version),
      bankKeyDigests: digestsOf(o.bankKeys),
      numSegments,
      transactionKey: encryptTransactionKey(txKey, o.bankKeys.encryption),
      signatureData: aesEncrypt(deflateSync(Buffer.from(userSignature, 'utf8')), txKey),
      dataDigest: { signatureVersion: sig.version, digest: orderDataDigest(o.data) },
      ...(o.version === 'H005' ? { requestEDS: true } : {}),
    }),
    o.keys.authentication.privateKey,
  );
  const transfer = (transactionId: string, n: number, segment?: string, of?: number) =>
    signRequest(
      buildUploadTransfer({
        version: o.version,
        hostId: o.hostId,
        transactionId,
        segmentNumber: n,
        numSegments: of ?? numSegments,
        orderData: segment ?? packed.segments[n - 1] ?? '',
      }),
      o.keys.authentication.privateKey,
    );
  return { init, segments: packed.segments, transfer };
}

/** A signed download initialisation built by hand. */
export function handDownloadInit(o: {
  version: EbicsVersion;
  hostId: string;
  partnerId: string;
  userId: string;
  keys: SubscriberKeys;
  bankKeys: TrustedBankKeys;
  purpose: Purpose;
  nonce?: string;
  timestamp?: string;
}): string {
  return signRequest(
    buildDownloadInitialisation({
      version: o.version,
      hostId: o.hostId,
      partnerId: o.partnerId,
      userId: o.userId,
      nonce: o.nonce ?? newNonce(),
      timestamp: o.timestamp ?? ebicsTimestamp(testClock.now()),
      order: resolveOrder(o.purpose, o.version),
      bankKeyDigests: digestsOf(o.bankKeys),
    }),
    o.keys.authentication.privateKey,
  );
}

/** A signed download transfer (segment `n` of `numSegments`) or receipt, built by hand. */
export function handFollowUp(
  o: { version: EbicsVersion; hostId: string; keys: SubscriberKeys; transactionId: string },
  step: { segment: number; of: number } | { receipt: 0 | 1 },
): string {
  const base = { version: o.version, hostId: o.hostId, transactionId: o.transactionId };
  const xml =
    'receipt' in step
      ? buildReceipt({ ...base, receiptCode: step.receipt })
      : buildDownloadTransfer({ ...base, segmentNumber: step.segment, numSegments: step.of });
  return signRequest(xml, o.keys.authentication.privateKey);
}

/** Bytes that do not compress: what a real statement ZIP looks like to deflate. */
export function incompressible(bytes: number): Buffer {
  return randomBytes(bytes);
}
