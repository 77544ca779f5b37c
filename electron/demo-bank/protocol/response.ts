/**
 * Building what the bank answers, with xmlbuilder2 through the bank's own
 * writer (xml/write.ts, text always escaped): `ebicsHEVResponse` (H000),
 * `ebicsKeyManagementResponse` (INI, HIA, HPB; not signed, as the schema
 * has no AuthSignature there) and `ebicsResponse` (its AuthSignature
 * written and then signed with the bank's X002 key by x002.ts).
 */
import type { KeyObject } from 'node:crypto';
import { base64, child, serialize, startDocument, textChild, type XMLBuilder } from '../xml/write';
import { CODES, reportText, type ReturnCode } from './codes';
import { BANK_VERSIONS, HEV_NS, SHA256_URI, type EbicsVersion } from './versions';
import { AUTHENTICATE, signResponse as signX002, writeAuthSignature } from './x002';

export interface ResponseCodes {
  /** The code being reported; placed in the header or the body by its layer. */
  code: ReturnCode;
  detail?: string | undefined;
}

/** Header and body codes for one reported code (the other layer says 000000). */
export function layeredCodes(c: ResponseCodes): { header: ReturnCode; body: ReturnCode } {
  return CODES[c.code].layer === 'business' ? { header: '000000', body: c.code } : { header: c.code, body: '000000' };
}

export interface HevVersion {
  protocol: EbicsVersion;
  release: string;
}

export const HEV_VERSIONS: readonly HevVersion[] = [
  { protocol: 'H004', release: BANK_VERSIONS.H004.release },
  { protocol: 'H005', release: BANK_VERSIONS.H005.release },
];

/** `ebicsHEVResponse` in the version-less H000 namespace. */
export function buildHevResponse(code: ReturnCode, versions: readonly HevVersion[]): string {
  const root = startDocument(HEV_NS, 'ebicsHEVResponse');
  const rc = child(root, 'SystemReturnCode');
  textChild(rc, 'ReturnCode', code);
  textChild(rc, 'ReportText', reportText(code));
  for (const v of versions) textChild(root, 'VersionNumber', v.release, { ProtocolVersion: v.protocol });
  return serialize(root);
}

export interface EncryptedOrderData {
  /** Digest of the subscriber's E002 key the transaction key is encrypted for. */
  encryptionPubKeyDigest: Buffer;
  /** The transaction key, RSA-encrypted under the subscriber's E002 key. */
  transactionKey: Buffer;
}

function writeDataEncryptionInfo(parent: XMLBuilder, e: EncryptedOrderData): void {
  const dei = child(parent, 'DataEncryptionInfo', AUTHENTICATE);
  textChild(dei, 'EncryptionPubKeyDigest', base64(e.encryptionPubKeyDigest), { Version: 'E002', Algorithm: SHA256_URI });
  textChild(dei, 'TransactionKey', base64(e.transactionKey));
}

export interface KeyManagementResponseSpec extends ResponseCodes {
  version: EbicsVersion;
  orderId?: string | undefined;
  /** HPB: the encrypted `HPBResponseOrderData`. */
  dataTransfer?: (EncryptedOrderData & { orderData: string }) | undefined;
}

/** `ebicsKeyManagementResponse` (INI, HIA, HPB). */
export function buildKeyManagementResponse(s: KeyManagementResponseSpec): string {
  const codes = layeredCodes(s);
  const root = ebicsRoot(s.version, 'ebicsKeyManagementResponse');
  const header = child(root, 'header', AUTHENTICATE);
  child(header, 'static');
  const mutable = child(header, 'mutable');
  if (s.orderId !== undefined) textChild(mutable, 'OrderID', s.orderId);
  textChild(mutable, 'ReturnCode', codes.header);
  textChild(mutable, 'ReportText', reportText(codes.header, codes.header === s.code ? s.detail : undefined));
  const body = child(root, 'body');
  if (s.dataTransfer) {
    const dt = child(body, 'DataTransfer');
    writeDataEncryptionInfo(dt, s.dataTransfer);
    textChild(dt, 'OrderData', s.dataTransfer.orderData);
  }
  textChild(body, 'ReturnCode', codes.body, AUTHENTICATE);
  return serialize(root);
}

export interface EbicsResponseSpec extends ResponseCodes {
  version: EbicsVersion;
  phase: 'Initialisation' | 'Transfer' | 'Receipt';
  transactionId?: string | undefined;
  /** Download initialisation: the total number of segments. */
  numSegments?: number | undefined;
  segment?: { number: number; last: boolean } | undefined;
  orderId?: string | undefined;
  /** Downloads: one segment of order data (the first one with the encrypted transaction key). */
  dataTransfer?: { encryption?: EncryptedOrderData | undefined; orderData: string } | undefined;
}

/** `ebicsResponse` with the AuthSignature skeleton in place, not yet signed. */
export function buildEbicsResponse(s: EbicsResponseSpec): string {
  const codes = layeredCodes(s);
  const root = ebicsRoot(s.version, 'ebicsResponse');
  const header = child(root, 'header', AUTHENTICATE);
  const st = child(header, 'static');
  if (s.transactionId !== undefined) textChild(st, 'TransactionID', s.transactionId);
  if (s.numSegments !== undefined) textChild(st, 'NumSegments', String(s.numSegments));
  const mutable = child(header, 'mutable');
  textChild(mutable, 'TransactionPhase', s.phase);
  if (s.segment) textChild(mutable, 'SegmentNumber', String(s.segment.number), { lastSegment: s.segment.last ? 'true' : 'false' });
  if (s.orderId !== undefined) textChild(mutable, 'OrderID', s.orderId);
  textChild(mutable, 'ReturnCode', codes.header);
  textChild(mutable, 'ReportText', reportText(codes.header, codes.header === s.code ? s.detail : undefined));
  writeAuthSignature(root);
  const body = child(root, 'body');
  if (s.dataTransfer) {
    const dt = child(body, 'DataTransfer');
    if (s.dataTransfer.encryption) writeDataEncryptionInfo(dt, s.dataTransfer.encryption);
    textChild(dt, 'OrderData', s.dataTransfer.orderData);
  }
  textChild(body, 'ReturnCode', codes.body, AUTHENTICATE);
  return serialize(root);
}

/** Signs an `ebicsResponse` with the bank's X002 private key. */
export function signResponse(xml: string, bankAuthenticationKey: KeyObject): string {
  return signX002(xml, bankAuthenticationKey);
}

/** An EBICS root element: the version's namespace as default, `ds` declared, `Version` and `Revision`. */
function ebicsRoot(version: EbicsVersion, rootName: string): XMLBuilder {
  return startDocument(BANK_VERSIONS[version].ns, rootName, { Version: version, Revision: '1' }, true);
}
