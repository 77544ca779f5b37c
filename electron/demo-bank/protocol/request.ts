/**
 * Reading what a client sends, as a server does: parse with @xmldom/xmldom
 * (no DOCTYPE, size and depth limits: xml/read.ts), find the message by its
 * root element and namespace, and walk the elements in the order the EBICS
 * schemas prescribe. Anything that does not have the schema's shape is
 * refused (061002) before any state is touched; XML that is not well-formed
 * is refused with 091010.
 */
import type { Document, Element } from '@xmldom/xmldom';
import { childElements, readXml, XmlReadError } from '../xml/read';
import { Refusal } from './codes';
import { BANK_VERSIONS, HEV_NS, XMLDSIG_NS, versionOf, type EbicsVersion } from './versions';
import { Sequence, base64Of, base64TextOf, invalid, text, token } from './xml-walk';

/** Largest request the bank reads: a 1 MB segment plus its envelope, with room to spare. */
export const MAX_REQUEST_CHARS = 4 * 1024 * 1024;

export interface BtfService {
  serviceName: string;
  scope?: string | undefined;
  serviceOption?: string | undefined;
  container?: string | undefined;
  msgName: string;
  msgVersion?: string | undefined;
  msgVariant?: string | undefined;
  msgFormat?: string | undefined;
}

export interface DateRange {
  start: string;
  end: string;
}

export interface OrderDetails {
  /** H004 `OrderType` or H005 `AdminOrderType`. */
  orderType: string;
  /** H004 only. */
  orderAttribute?: string | undefined;
  orderId?: string | undefined;
  /** Which OrderParams element came. */
  params: 'StandardOrderParams' | 'BTUOrderParams' | 'BTDOrderParams' | string;
  service?: BtfService | undefined;
  dateRange?: DateRange | undefined;
  /** BTU: `@fileName`. */
  fileName?: string | undefined;
  /** BTU: `SignatureFlag` present, and its `@requestEDS`. */
  signatureFlag?: { requestEDS: boolean } | undefined;
  /** HVD, HVT, HVE, HVS: the order they are about (`HVRequestStructure`). */
  veu?: VeuReference | undefined;
}

export interface VeuReference {
  partnerId: string;
  /** H004. */
  orderType?: string | undefined;
  /** H005. */
  service?: BtfService | undefined;
  orderId: string;
  /** HVT `OrderFlags`. */
  flags?: { completeOrderData: boolean; fetchLimit: number; fetchOffset: number } | undefined;
}

const VEU_PARAMS = ['HVDOrderParams', 'HVTOrderParams', 'HVEOrderParams', 'HVSOrderParams'];

/** `HVRequestStructure` (+ HVT `OrderFlags`) in schema order; the rest (`Parameter`, other namespaces) is ignored. */
function readVeuReference(params: Element, version: EbicsVersion, ns: string): VeuReference {
  const seq = new Sequence(params, ns);
  const partnerId = token(seq.required('PartnerID'), ID, 'PartnerID');
  const ref: VeuReference =
    version === 'H004'
      ? { partnerId, orderType: token(seq.required('OrderType'), ORDER_TYPE, 'OrderType'), orderId: '' }
      : { partnerId, service: readService(seq.required('Service'), ns), orderId: '' };
  if (version === 'H004') seq.optional('FileFormat');
  ref.orderId = token(seq.required('OrderID'), /^[A-Z][A-Z0-9]{3}$/, 'OrderID');
  if (params.localName === 'HVTOrderParams') {
    const flags = seq.required('OrderFlags');
    const num = (name: string): number => {
      const v = (flags.getAttribute(name) ?? '').trim();
      if (!/^\d{1,10}$/.test(v)) throw invalid(`OrderFlags@${name} is not a number`);
      return Number(v);
    };
    const complete = (flags.getAttribute('completeOrderData') ?? '').trim();
    if (!['true', 'false', '1', '0'].includes(complete)) throw invalid('OrderFlags@completeOrderData is not a boolean');
    ref.flags = { completeOrderData: complete === 'true' || complete === '1', fetchLimit: num('fetchLimit'), fetchOffset: num('fetchOffset') };
  }
  return ref;
}

export interface KeyDigest {
  version: string;
  algorithm: string;
  value: Buffer;
}

export interface UploadInitData {
  encryptionPubKeyDigest: KeyDigest;
  /** The transaction key, RSA-encrypted under the bank's E002 key. */
  transactionKey: Buffer;
  /** UserSignatureData, deflated and AES-encrypted with the transaction key. */
  signatureData: Buffer;
  /** H005: `DataDigest` and its `@SignatureVersion`. */
  dataDigest?: { signatureVersion: string; value: Buffer } | undefined;
}

interface Envelope {
  version: EbicsVersion;
  hostId: string;
  /** The request as parsed, for the X002 check. */
  document: Document;
}

interface Identity {
  partnerId: string;
  userId: string;
  systemId?: string | undefined;
}

export type HevRequest = { kind: 'hev'; hostId: string };
export type UnsecuredRequest = Envelope & Identity & { kind: 'unsecured'; orderType: string; orderAttribute?: string | undefined; orderData: string };
export type HpbRequest = Envelope & Identity & { kind: 'hpb'; nonce: string; timestamp: string; orderType: string; orderAttribute?: string | undefined };
export type InitRequest = Envelope &
  Identity & {
    kind: 'init';
    nonce: string;
    timestamp: string;
    order: OrderDetails;
    bankPubKeyDigests: { authentication: KeyDigest; encryption: KeyDigest };
    numSegments?: number | undefined;
    /** Present for uploads (body/DataTransfer). */
    upload?: UploadInitData | undefined;
  };
export type TransferRequest = Envelope & {
  kind: 'transfer';
  transactionId: string;
  segmentNumber: number;
  lastSegment: boolean;
  orderData?: string | undefined;
};
export type ReceiptRequest = Envelope & { kind: 'receipt'; transactionId: string; receiptCode: 0 | 1 };

export type ParsedRequest = HevRequest | UnsecuredRequest | HpbRequest | InitRequest | TransferRequest | ReceiptRequest;

/** Where a refusal must be answered when the request could not be read completely. */
export interface ResponseFrame {
  root: 'ebicsHEVResponse' | 'ebicsKeyManagementResponse' | 'ebicsResponse';
  version: EbicsVersion;
  phase: 'Initialisation' | 'Transfer' | 'Receipt';
}

export type ParseResult = { ok: true; request: ParsedRequest; frame: ResponseFrame } | { ok: false; refusal: Refusal; frame: ResponseFrame };

const ID = /^[a-zA-Z0-9,=]{1,35}$/;
const HEX32 = /^[0-9A-Fa-f]{32}$/;
const ORDER_TYPE = /^[A-Z0-9]{3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function positiveInt(el: Element, what: string, allowZero = false): number {
  const t = text(el);
  if (!/^\d{1,10}$/.test(t)) throw invalid(`${what} is not a number`);
  const n = Number(t);
  if (n === 0 && !allowZero) throw invalid(`${what} must be positive`);
  return n;
}

function requireAuthenticated(el: Element, what: string): void {
  if (el.getAttribute('authenticate') !== 'true') throw invalid(`${what} must carry authenticate="true"`);
}

function readIdentity(seq: Sequence): Identity {
  const partnerId = token(seq.required('PartnerID'), ID, 'PartnerID');
  const userId = token(seq.required('UserID'), ID, 'UserID');
  const system = seq.optional('SystemID');
  return { partnerId, userId, ...(system ? { systemId: token(system, ID, 'SystemID') } : {}) };
}

function readDateRange(el: Element, ns: string): DateRange {
  const seq = new Sequence(el, ns);
  const start = token(seq.required('Start'), DATE, 'DateRange/Start');
  const end = token(seq.required('End'), DATE, 'DateRange/End');
  seq.end(false);
  if (start > end) throw invalid('DateRange starts after it ends');
  return { start, end };
}

function readService(el: Element, ns: string): BtfService {
  const seq = new Sequence(el, ns);
  const serviceName = token(seq.required('ServiceName'), /^[A-Z0-9]{3}$/, 'ServiceName');
  const scope = seq.optional('Scope');
  const option = seq.optional('ServiceOption');
  const container = seq.optional('Container');
  const msg = seq.required('MsgName');
  seq.end(false);
  const attr = (name: string): string | undefined => (msg.hasAttribute(name) ? (msg.getAttribute(name) ?? '').trim() : undefined);
  return {
    serviceName,
    ...(scope ? { scope: token(scope, /^[A-Z0-9]{2,3}$/, 'Scope') } : {}),
    ...(option ? { serviceOption: token(option, /^[A-Z0-9]{3,10}$/, 'ServiceOption') } : {}),
    ...(container ? { container: (container.getAttribute('containerType') ?? '').trim() } : {}),
    msgName: token(msg, /^[a-z.0-9]{1,10}$/, 'MsgName'),
    ...(attr('version') !== undefined ? { msgVersion: attr('version') } : {}),
    ...(attr('variant') !== undefined ? { msgVariant: attr('variant') } : {}),
    ...(attr('format') !== undefined ? { msgFormat: attr('format') } : {}),
  };
}

function readOrderDetails(el: Element, version: EbicsVersion, ns: string): OrderDetails {
  const seq = new Sequence(el, ns);
  if (version === 'H004') {
    const orderType = token(seq.required('OrderType'), ORDER_TYPE, 'OrderType');
    const orderId = seq.optional('OrderID');
    const orderAttribute = token(seq.required('OrderAttribute'), /^[A-Z]{5}$/, 'OrderAttribute');
    const params = seq.next();
    seq.end();
    const details: OrderDetails = { orderType, orderAttribute, params: params?.localName ?? '', ...(orderId ? { orderId: text(orderId) } : {}) };
    if (params && params.namespaceURI === ns && VEU_PARAMS.includes(params.localName ?? '')) details.veu = readVeuReference(params, version, ns);
    if (params && params.namespaceURI === ns && params.localName === 'StandardOrderParams') {
      const range = new Sequence(params, ns).optional('DateRange');
      if (range) details.dateRange = readDateRange(range, ns);
    }
    return details;
  }
  const orderType = token(seq.required('AdminOrderType'), ORDER_TYPE, 'AdminOrderType');
  const orderId = seq.optional('OrderID');
  const params = seq.next();
  if (!params || params.namespaceURI !== ns) throw invalid('OrderDetails needs order parameters');
  seq.end(false);
  const details: OrderDetails = { orderType, params: params.localName ?? '', ...(orderId ? { orderId: text(orderId) } : {}) };
  const p = new Sequence(params, ns);
  if (VEU_PARAMS.includes(params.localName ?? '')) {
    details.veu = readVeuReference(params, version, ns);
  } else if (params.localName === 'StandardOrderParams') {
    const range = p.optional('DateRange');
    if (range) details.dateRange = readDateRange(range, ns);
    p.end(false);
  } else if (params.localName === 'BTUOrderParams') {
    details.service = readService(p.required('Service'), ns);
    const flag = p.optional('SignatureFlag');
    if (flag) details.signatureFlag = { requestEDS: flag.getAttribute('requestEDS') === 'true' || flag.getAttribute('requestEDS') === '1' };
    if (params.hasAttribute('fileName')) details.fileName = params.getAttribute('fileName') ?? '';
  } else if (params.localName === 'BTDOrderParams') {
    details.service = readService(p.required('Service'), ns);
    const range = p.optional('DateRange');
    if (range) details.dateRange = readDateRange(range, ns);
  }
  return details;
}

function readKeyDigest(el: Element, what: string): KeyDigest {
  return { version: (el.getAttribute('Version') ?? '').trim(), algorithm: (el.getAttribute('Algorithm') ?? '').trim(), value: base64Of(el, what) };
}

function versionAttributeMatches(root: Element, version: EbicsVersion): void {
  if (root.getAttribute('Version') !== version) throw invalid('the Version attribute does not match the namespace');
}

/** Nonce, Timestamp, PartnerID, UserID, SystemID: what follows HostID in a signed initialisation. */
function readSignedHeaderStart(seq: Sequence): { nonce: string; timestamp: string } & Identity {
  const nonce = token(seq.required('Nonce'), HEX32, 'Nonce');
  const timestamp = text(seq.required('Timestamp'));
  return { nonce, timestamp, ...readIdentity(seq) };
}

function requireAuthSignature(seq: Sequence): void {
  const sig = seq.required('AuthSignature');
  if (!childElements(sig).some((c) => c.namespaceURI === XMLDSIG_NS && c.localName === 'SignedInfo')) throw invalid('AuthSignature has no ds:SignedInfo');
}

function parseUnsecured(root: Element, version: EbicsVersion, ns: string, document: Document): UnsecuredRequest {
  const top = new Sequence(root, ns);
  const header = top.required('header');
  const body = top.required('body');
  top.end(false);
  const h = new Sequence(header, ns);
  const st = new Sequence(h.required('static'), ns);
  h.required('mutable');
  h.end(false);
  const hostId = text(st.required('HostID'));
  const identity = readIdentity(st);
  st.optional('Product');
  const details = new Sequence(st.required('OrderDetails'), ns);
  st.required('SecurityMedium');
  st.end();
  let orderType: string;
  let orderAttribute: string | undefined;
  if (version === 'H004') {
    orderType = token(details.required('OrderType'), ORDER_TYPE, 'OrderType');
    orderAttribute = text(details.required('OrderAttribute'));
  } else {
    orderType = token(details.required('AdminOrderType'), ORDER_TYPE, 'AdminOrderType');
  }
  details.end();
  const b = new Sequence(body, ns);
  const transfer = new Sequence(b.required('DataTransfer'), ns);
  const orderData = base64TextOf(transfer.required('OrderData'), 'OrderData');
  return { kind: 'unsecured', version, hostId, document, ...identity, orderType, ...(orderAttribute ? { orderAttribute } : {}), orderData };
}

function parseHpb(root: Element, version: EbicsVersion, ns: string, document: Document): HpbRequest {
  const top = new Sequence(root, ns);
  const header = top.required('header');
  requireAuthSignature(top);
  top.required('body');
  top.end(false);
  requireAuthenticated(header, 'header');
  const h = new Sequence(header, ns);
  const st = new Sequence(h.required('static'), ns);
  h.required('mutable');
  h.end(false);
  const hostId = text(st.required('HostID'));
  const start = readSignedHeaderStart(st);
  st.optional('Product');
  const details = new Sequence(st.required('OrderDetails'), ns);
  st.required('SecurityMedium');
  st.end();
  const orderType = token(details.required(version === 'H004' ? 'OrderType' : 'AdminOrderType'), ORDER_TYPE, 'OrderType');
  const orderAttribute = version === 'H004' ? text(details.required('OrderAttribute')) : undefined;
  details.end();
  return { kind: 'hpb', version, hostId, document, ...start, orderType, ...(orderAttribute ? { orderAttribute } : {}) };
}

function parseEbicsRequest(root: Element, version: EbicsVersion, ns: string, document: Document, frame: ResponseFrame): ParsedRequest {
  const top = new Sequence(root, ns);
  const header = top.required('header');
  requireAuthSignature(top);
  const body = top.required('body');
  top.end(false);
  requireAuthenticated(header, 'header');
  const h = new Sequence(header, ns);
  const staticEl = h.required('static');
  const mutable = new Sequence(h.required('mutable'), ns);
  h.end(false);
  const phaseText = text(mutable.required('TransactionPhase'));
  if (phaseText !== 'Initialisation' && phaseText !== 'Transfer' && phaseText !== 'Receipt') throw invalid('unknown TransactionPhase');
  frame.phase = phaseText;
  const segmentEl = mutable.optional('SegmentNumber');
  mutable.end();
  const st = new Sequence(staticEl, ns);
  const hostId = text(st.required('HostID'));
  const b = new Sequence(body, ns);

  if (phaseText !== 'Initialisation') {
    const transactionId = token(st.required('TransactionID'), HEX32, 'TransactionID').toUpperCase();
    st.end();
    if (phaseText === 'Transfer') {
      if (!segmentEl) throw invalid('a transfer needs a SegmentNumber');
      const last = segmentEl.getAttribute('lastSegment');
      if (last !== 'true' && last !== 'false' && last !== '1' && last !== '0') throw invalid('SegmentNumber needs lastSegment');
      const transfer = b.optional('DataTransfer');
      b.end();
      let orderData: string | undefined;
      if (transfer) {
        const t = new Sequence(transfer, ns);
        orderData = base64TextOf(t.required('OrderData'), 'OrderData');
        t.end();
      }
      return {
        kind: 'transfer',
        version,
        hostId,
        document,
        transactionId,
        segmentNumber: positiveInt(segmentEl, 'SegmentNumber'),
        lastSegment: last === 'true' || last === '1',
        ...(orderData !== undefined ? { orderData } : {}),
      };
    }
    const receipt = b.required('TransferReceipt');
    b.end();
    requireAuthenticated(receipt, 'TransferReceipt');
    const r = new Sequence(receipt, ns);
    const code = text(r.required('ReceiptCode'));
    r.end();
    if (code !== '0' && code !== '1') throw invalid('ReceiptCode must be 0 or 1');
    return { kind: 'receipt', version, hostId, document, transactionId, receiptCode: code === '0' ? 0 : 1 };
  }

  const start = readSignedHeaderStart(st);
  st.optional('Product');
  const order = readOrderDetails(st.required('OrderDetails'), version, ns);
  const digests = new Sequence(st.required('BankPubKeyDigests'), ns);
  const authentication = readKeyDigest(digests.required('Authentication'), 'BankPubKeyDigests/Authentication');
  const encryption = readKeyDigest(digests.required('Encryption'), 'BankPubKeyDigests/Encryption');
  digests.end();
  st.required('SecurityMedium');
  const numSegmentsEl = st.optional('NumSegments');
  st.end();

  b.optional('PreValidation');
  const transfer = b.optional('DataTransfer');
  b.end();
  let upload: UploadInitData | undefined;
  if (transfer) {
    const t = new Sequence(transfer, ns);
    const dei = t.required('DataEncryptionInfo');
    requireAuthenticated(dei, 'DataEncryptionInfo');
    const d = new Sequence(dei, ns);
    const encryptionPubKeyDigest = readKeyDigest(d.required('EncryptionPubKeyDigest'), 'EncryptionPubKeyDigest');
    const transactionKey = base64Of(d.required('TransactionKey'), 'TransactionKey');
    d.end();
    const sig = t.required('SignatureData');
    requireAuthenticated(sig, 'SignatureData');
    const signatureData = base64Of(sig, 'SignatureData');
    let dataDigest: UploadInitData['dataDigest'];
    if (version === 'H005') {
      const dd = t.required('DataDigest');
      dataDigest = { signatureVersion: (dd.getAttribute('SignatureVersion') ?? '').trim(), value: base64Of(dd, 'DataDigest') };
      t.optional('AdditionalOrderInfo');
    }
    t.end();
    upload = { encryptionPubKeyDigest, transactionKey, signatureData, ...(dataDigest ? { dataDigest } : {}) };
  }
  return {
    kind: 'init',
    version,
    hostId,
    document,
    nonce: start.nonce,
    timestamp: start.timestamp,
    partnerId: start.partnerId,
    userId: start.userId,
    ...(start.systemId ? { systemId: start.systemId } : {}),
    order,
    bankPubKeyDigests: { authentication, encryption },
    ...(numSegmentsEl ? { numSegments: positiveInt(numSegmentsEl, 'NumSegments', true) } : {}),
    ...(upload ? { upload } : {}),
  };
}

function guessVersion(xml: string): EbicsVersion {
  return xml.includes(BANK_VERSIONS.H005.ns) ? 'H005' : 'H004';
}

/** Parses one request; never throws for bad input, it returns the refusal and where to answer it. */
export function parseRequest(xml: string): ParseResult {
  const frame: ResponseFrame = { root: 'ebicsResponse', version: guessVersion(xml), phase: 'Initialisation' };
  if (/<ebicsHEVRequest[\s>]/.test(xml) || /:ebicsHEVRequest[\s>]/.test(xml)) frame.root = 'ebicsHEVResponse';
  else if (/ebicsUnsecuredRequest|ebicsNoPubKeyDigestsRequest|ebicsUnsignedRequest/.test(xml.slice(0, 2048))) frame.root = 'ebicsKeyManagementResponse';
  let document: Document;
  try {
    document = readXml(xml, MAX_REQUEST_CHARS);
  } catch (e) {
    return { ok: false, refusal: new Refusal('091010', e instanceof XmlReadError ? e.message : 'not well-formed'), frame };
  }
  const root = document.documentElement!;
  try {
    if (root.namespaceURI === HEV_NS) {
      frame.root = 'ebicsHEVResponse';
      if (root.localName !== 'ebicsHEVRequest') throw invalid(`unknown message ${root.localName}`);
      const seq = new Sequence(root, HEV_NS);
      const hostId = text(seq.required('HostID'));
      seq.end();
      return { ok: true, request: { kind: 'hev', hostId }, frame };
    }
    const version = versionOf(root.namespaceURI);
    if (version === undefined) throw invalid('unsupported EBICS version');
    frame.version = version;
    const ns = BANK_VERSIONS[version].ns;
    switch (root.localName) {
      case 'ebicsUnsecuredRequest':
        frame.root = 'ebicsKeyManagementResponse';
        versionAttributeMatches(root, version);
        return { ok: true, request: parseUnsecured(root, version, ns, document), frame };
      case 'ebicsNoPubKeyDigestsRequest':
        frame.root = 'ebicsKeyManagementResponse';
        versionAttributeMatches(root, version);
        return { ok: true, request: parseHpb(root, version, ns, document), frame };
      case 'ebicsRequest':
        frame.root = 'ebicsResponse';
        versionAttributeMatches(root, version);
        return { ok: true, request: parseEbicsRequest(root, version, ns, document, frame), frame };
      case 'ebicsUnsignedRequest':
        frame.root = 'ebicsKeyManagementResponse';
        throw new Refusal('091006', 'ebicsUnsignedRequest (INI/HIA with signature) is not supported; send INI and HIA');
      default:
        throw invalid(`unknown message ${root.localName}`);
    }
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, refusal: e, frame };
    throw e;
  }
}

/** xs:dateTime to epoch milliseconds; a time without zone is read as UTC. NaN when unreadable. */
export function timestampMillis(value: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (!m) return Number.NaN;
  return Date.parse(`${m[1]}${m[2] ?? 'Z'}`);
}
