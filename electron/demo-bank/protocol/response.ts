/**
 * Building what the bank answers, with xmlbuilder2 through the message
 * helpers (text always escaped): `ebicsHEVResponse` (H000),
 * `ebicsKeyManagementResponse` (INI, HIA, HPB; not signed, as the schema
 * has no AuthSignature there) and `ebicsResponse` (signed with the bank's
 * X002 key by `signRequest`, which fills the AuthSignature skeleton of any
 * EBICS document).
 */
import type { KeyObject } from 'node:crypto';
import { signRequest } from '../../ebics/crypto/x002';
import { AUTHENTICATE, appendAuthSignature } from '../../ebics/messages/auth-signature';
import { ALGORITHM, NS, VERSIONS, type EbicsVersion } from '../../ebics/messages/versions';
import { b64, ebicsRoot, finish, newDocument, textElement, type XMLBuilder } from '../../ebics/messages/xml-write';
import { CODES, reportText, type ReturnCode } from './codes';

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
  { protocol: 'H004', release: VERSIONS.H004.release },
  { protocol: 'H005', release: VERSIONS.H005.release },
];

/** `ebicsHEVResponse` in the version-less H000 namespace. */
export function buildHevResponse(code: ReturnCode, versions: readonly HevVersion[]): string {
  const root = newDocument(NS.hev, 'ebicsHEVResponse');
  const rc = root.ele('SystemReturnCode');
  textElement(rc, 'ReturnCode', code);
  textElement(rc, 'ReportText', reportText(code));
  for (const v of versions) textElement(root, 'VersionNumber', v.release, { ProtocolVersion: v.protocol });
  return finish(root);
}

export interface EncryptedOrderData {
  /** Digest of the subscriber's E002 key the transaction key is encrypted for. */
  encryptionPubKeyDigest: Buffer;
  /** The transaction key, RSA-encrypted under the subscriber's E002 key. */
  transactionKey: Buffer;
}

function writeDataEncryptionInfo(parent: XMLBuilder, e: EncryptedOrderData): void {
  const dei = parent.ele('DataEncryptionInfo', AUTHENTICATE);
  textElement(dei, 'EncryptionPubKeyDigest', b64(e.encryptionPubKeyDigest), { Version: 'E002', Algorithm: ALGORITHM.sha256 });
  textElement(dei, 'TransactionKey', b64(e.transactionKey));
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
  const root = ebicsRoot(s.version, 'ebicsKeyManagementResponse', true);
  const header = root.ele('header', AUTHENTICATE);
  header.ele('static');
  const mutable = header.ele('mutable');
  if (s.orderId !== undefined) textElement(mutable, 'OrderID', s.orderId);
  textElement(mutable, 'ReturnCode', codes.header);
  textElement(mutable, 'ReportText', reportText(codes.header, codes.header === s.code ? s.detail : undefined));
  const body = root.ele('body');
  if (s.dataTransfer) {
    const dt = body.ele('DataTransfer');
    writeDataEncryptionInfo(dt, s.dataTransfer);
    textElement(dt, 'OrderData', s.dataTransfer.orderData);
  }
  textElement(body, 'ReturnCode', codes.body, AUTHENTICATE);
  return finish(root);
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
  const root = ebicsRoot(s.version, 'ebicsResponse', true);
  const header = root.ele('header', AUTHENTICATE);
  const st = header.ele('static');
  if (s.transactionId !== undefined) textElement(st, 'TransactionID', s.transactionId);
  if (s.numSegments !== undefined) textElement(st, 'NumSegments', String(s.numSegments));
  const mutable = header.ele('mutable');
  textElement(mutable, 'TransactionPhase', s.phase);
  if (s.segment) textElement(mutable, 'SegmentNumber', String(s.segment.number), { lastSegment: s.segment.last ? 'true' : 'false' });
  if (s.orderId !== undefined) textElement(mutable, 'OrderID', s.orderId);
  textElement(mutable, 'ReturnCode', codes.header);
  textElement(mutable, 'ReportText', reportText(codes.header, codes.header === s.code ? s.detail : undefined));
  appendAuthSignature(root);
  const body = root.ele('body');
  if (s.dataTransfer) {
    const dt = body.ele('DataTransfer');
    if (s.dataTransfer.encryption) writeDataEncryptionInfo(dt, s.dataTransfer.encryption);
    textElement(dt, 'OrderData', s.dataTransfer.orderData);
  }
  textElement(body, 'ReturnCode', codes.body, AUTHENTICATE);
  return finish(root);
}

/** Signs an `ebicsResponse` with the bank's X002 private key. */
export function signResponse(xml: string, bankAuthenticationKey: KeyObject): string {
  return signRequest(xml, bankAuthenticationKey);
}
