/**
 * Reading EBICS responses (`ebicsResponse`, `ebicsKeyManagementResponse`) of
 * H004 and H005 into one typed shape. Both return codes are read; whether
 * they mean success is decided by `checkResponse` (return-codes.ts). The raw
 * XML is kept so the bank's X002 signature can be verified on exactly what
 * arrived.
 */
import type { Element } from '@xmldom/xmldom';
import { KontorError } from '../../../shared/errors';
import type { ResponseCodes } from './return-codes';
import { versionOfNamespace, type EbicsVersion } from './versions';
import { base64Bytes, base64Text, child, parseXmlSafely, path, text, type ReadOptions } from './xml-read';

export type TransactionPhase = 'Initialisation' | 'Transfer' | 'Receipt';

export interface EbicsResponse extends ResponseCodes {
  kind: 'ebicsResponse' | 'ebicsKeyManagementResponse';
  /** Schema version by namespace. H003 (EBICS 2.4) is read but never sent. */
  version: EbicsVersion | 'H003';
  /** header/mutable/ReturnCode + ReportText. */
  technical: { code: string; reportText: string };
  /** body/ReturnCode. */
  business?: { code: string } | undefined;
  transactionId?: string | undefined;
  transactionPhase?: TransactionPhase | undefined;
  segmentNumber?: number | undefined;
  lastSegment?: boolean | undefined;
  /** header/static/NumSegments (download initialisation). */
  numSegments?: number | undefined;
  /** Order ID the bank assigned (mutable header). */
  orderId?: string | undefined;
  /** DataEncryptionInfo/EncryptionPubKeyDigest: which of our E002 keys the transaction key is encrypted for. */
  encryptionPubKeyDigest?: { version: string; algorithm: string; digest: Buffer } | undefined;
  /** DataEncryptionInfo/TransactionKey: the transaction key, still RSA-encrypted. */
  transactionKey?: Buffer | undefined;
  /** DataTransfer/OrderData of this segment: base64 text, whitespace removed, still encrypted. */
  orderData?: string | undefined;
  timestampBankParameter?: string | undefined;
  /** The response exactly as received, for X002 verification. */
  raw: string;
}

function malformed(detail: string): KontorError {
  return new KontorError('ebics.responseMalformed', `The bank response is incomplete (${detail}).`, { what: 'bank response', detail });
}

function positiveInt(el: Element | undefined, name: string): number | undefined {
  const t = text(el);
  if (t === undefined) return undefined;
  if (!/^\d{1,10}$/.test(t)) throw malformed(`${name} is not a number`);
  return Number(t);
}

const PHASES: readonly string[] = ['Initialisation', 'Transfer', 'Receipt'];

/** Parses an EBICS response; throws a typed KontorError for anything that is not one. */
export function parseEbicsResponse(xml: string | Uint8Array, options?: ReadOptions): EbicsResponse {
  const raw = typeof xml === 'string' ? xml : Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength).toString('utf8');
  const doc = parseXmlSafely(raw, 'bank response', options);
  const root = doc.documentElement;
  const version = versionOfNamespace(root?.namespaceURI);
  if (!root || !version || (root.localName !== 'ebicsResponse' && root.localName !== 'ebicsKeyManagementResponse')) {
    throw new KontorError('ebics.responseUnexpected', 'The bank did not answer with an EBICS response.', {
      root: root?.localName ?? '',
      namespace: root?.namespaceURI ?? '',
    });
  }
  const ns = root.namespaceURI as string;
  const header = child(root, ns, 'header');
  const st = child(header, ns, 'static');
  const mutable = child(header, ns, 'mutable');
  const body = child(root, ns, 'body');

  const code = text(child(mutable, ns, 'ReturnCode'));
  if (code === undefined) throw malformed('no return code in the header');
  if (!/^\d{6}$/.test(code)) throw malformed('the header return code is not six digits');
  const businessCode = text(child(body, ns, 'ReturnCode'));
  if (businessCode !== undefined && !/^\d{6}$/.test(businessCode)) throw malformed('the body return code is not six digits');

  const phase = text(child(mutable, ns, 'TransactionPhase'));
  if (phase !== undefined && !PHASES.includes(phase)) throw malformed('unknown transaction phase');
  const segment = child(mutable, ns, 'SegmentNumber');
  const last = segment?.getAttribute('lastSegment');

  const transfer = child(body, ns, 'DataTransfer');
  const dei = child(transfer, ns, 'DataEncryptionInfo');
  const epkd = child(dei, ns, 'EncryptionPubKeyDigest');

  return {
    kind: root.localName as EbicsResponse['kind'],
    version,
    technical: { code, reportText: text(child(mutable, ns, 'ReportText')) ?? '' },
    business: businessCode === undefined ? undefined : { code: businessCode },
    transactionId: text(child(st, ns, 'TransactionID')),
    transactionPhase: phase as TransactionPhase | undefined,
    segmentNumber: positiveInt(segment, 'SegmentNumber'),
    lastSegment: segment ? last === 'true' || last === '1' : undefined,
    numSegments: positiveInt(child(st, ns, 'NumSegments'), 'NumSegments'),
    orderId: text(child(mutable, ns, 'OrderID')),
    encryptionPubKeyDigest: epkd
      ? { version: epkd.getAttribute('Version') ?? '', algorithm: epkd.getAttribute('Algorithm') ?? '', digest: base64Bytes(epkd) ?? Buffer.alloc(0) }
      : undefined,
    transactionKey: base64Bytes(child(dei, ns, 'TransactionKey')),
    orderData: base64Text(child(transfer, ns, 'OrderData')),
    timestampBankParameter: text(path(body, ns, 'TimestampBankParameter')),
    raw,
  };
}
