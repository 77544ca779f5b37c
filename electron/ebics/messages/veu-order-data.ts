/**
 * Reading the distributed signature's order data, H004 and H005:
 * `HVUResponseOrderData` / `HVZResponseOrderData` (the orders waiting, with
 * who signed so far), `HVDResponseOrderData` (one order: digest, display
 * file, signers) and `HVTResponseOrderData` (its transactions). Everything a
 * signer decides on comes from here, so every number is checked and a
 * document of another kind is refused with a typed error.
 */
import type { Element } from '@xmldom/xmldom';
import { KontorError } from '../../../shared/errors';
import { parseAmount, type Cents } from '../../../shared/money';
import type { BtfService } from './catalogue';
import { versionOfNamespace } from './versions';
import { child, childrenNamed, parseXmlSafely, text } from './xml-read';

export type AuthorisationLevel = 'E' | 'A' | 'B' | 'T';

export interface VeuSigner {
  partnerId: string;
  userId: string;
  name: string | null;
  timestamp: string;
  authorisationLevel: AuthorisationLevel;
}

export interface VeuDigest {
  signatureVersion: string;
  /** base64, as the bank sent it. */
  digest: string;
}

export interface VeuListedOrder {
  orderId: string;
  /** H004 order type; null in H005. */
  orderType: string | null;
  /** H005 BTF service; null in H004. */
  service: BtfService | null;
  /** `CCT`, `SCT/VOI pain.001`. */
  label: string;
  dataSize: number;
  signing: { readyToBeSigned: boolean; required: number; done: number };
  signers: VeuSigner[];
  originator: { partnerId: string; userId: string; name: string | null; timestamp: string };
  /** HVZ only. */
  dataDigest: VeuDigest | null;
  /** HVZ only, when the bank states them. */
  totals: { transactions: number | null; amountCents: Cents | null; currency: string | null } | null;
}

export interface VeuOrderState {
  dataDigest: VeuDigest;
  /** The bank's display file ("Begleitzettel"), decoded as UTF-8 text. */
  displayFile: string;
  dataSize: number;
  orderDataAvailable: boolean;
  detailsAvailable: boolean;
  signers: VeuSigner[];
}

export interface VeuAccount {
  iban: string | null;
  bic: string | null;
  holder: string | null;
}

export interface VeuTransaction {
  originator: VeuAccount;
  recipient: VeuAccount;
  executionDate: string | null;
  amountCents: Cents;
  currency: string;
  isCredit: boolean | null;
  purpose: string[];
}

function malformed(what: string): KontorError {
  return new KontorError('ebics.responseMalformed', `The bank’s distributed signature data is invalid (${what}).`, { what: 'VEU order data', detail: what });
}

function rootOf(xml: string | Uint8Array, expected: readonly string[]): { root: Element; ns: string } {
  const root = parseXmlSafely(xml, 'VEU order data').documentElement as Element;
  const version = versionOfNamespace(root.namespaceURI);
  if (!version || version === 'H003' || !expected.includes(root.localName ?? '')) {
    throw new KontorError('ebics.responseMalformed', `The bank sent ${root.localName ?? 'something'} instead of ${expected.join(' or ')}.`, {
      what: 'VEU order data',
      detail: root.localName ?? '',
    });
  }
  return { root, ns: root.namespaceURI as string };
}

function count(value: string | null | undefined, what: string): number {
  if (value === null || value === undefined || !/^\s*\d{1,10}\s*$/.test(value)) throw malformed(what);
  return Number(value.trim());
}

function bool(value: string | null | undefined, what: string): boolean {
  const v = (value ?? '').trim();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw malformed(what);
}

function optionalText(el: Element | undefined): string | null {
  const t = text(el);
  return t === undefined || t === '' ? null : t;
}

function required(el: Element | undefined, what: string): string {
  const t = text(el);
  if (t === undefined || t === '') throw malformed(`${what} missing`);
  return t;
}

function readSigners(parent: Element, ns: string): VeuSigner[] {
  return childrenNamed(parent, ns, 'SignerInfo').map((s) => {
    const level = child(s, ns, 'Permission')?.getAttribute('AuthorisationLevel') ?? '';
    if (!['E', 'A', 'B', 'T'].includes(level)) throw malformed('signer without a signature class');
    return {
      partnerId: required(child(s, ns, 'PartnerID'), 'signer partner'),
      userId: required(child(s, ns, 'UserID'), 'signer user'),
      name: optionalText(child(s, ns, 'Name')),
      timestamp: required(child(s, ns, 'Timestamp'), 'signature time'),
      authorisationLevel: level as AuthorisationLevel,
    };
  });
}

function readService(el: Element, ns: string): BtfService {
  const msg = child(el, ns, 'MsgName');
  const opt = (name: string) => optionalText(child(el, ns, name)) ?? undefined;
  const attr = (name: string) => (msg?.hasAttribute(name) ? (msg.getAttribute(name) ?? undefined) : undefined);
  const container = child(el, ns, 'Container')?.getAttribute('containerType') ?? undefined;
  const s: BtfService = { serviceName: required(child(el, ns, 'ServiceName'), 'service name'), msgName: required(msg, 'message name') };
  const extras = {
    scope: opt('Scope'),
    serviceOption: opt('ServiceOption'),
    container,
    msgVersion: attr('version'),
    msgVariant: attr('variant'),
    msgFormat: attr('format'),
  };
  for (const [k, v] of Object.entries(extras)) if (v !== undefined && v !== '') (s as unknown as Record<string, string>)[k] = v;
  return s;
}

/** A short name of a listed order: `CCT`, `SCT/VOI pain.001`. */
export function veuOrderLabel(o: { orderType: string | null; service: BtfService | null }): string {
  if (o.orderType) return o.orderType;
  if (!o.service) return '';
  return `${[o.service.serviceName, o.service.serviceOption].filter(Boolean).join('/')} ${o.service.msgName}`;
}

function readDigest(el: Element | undefined): VeuDigest | null {
  const digest = text(el);
  if (!el || !digest) return null;
  return { signatureVersion: el.getAttribute('SignatureVersion') || 'A004', digest: digest.replace(/\s+/g, '') };
}

function readTotals(d: Element, ns: string): VeuListedOrder['totals'] {
  const orders = child(d, ns, 'TotalOrders');
  const amount = child(d, ns, 'TotalAmount');
  if (!orders && !amount) return null;
  return {
    transactions: orders ? count(text(orders), 'total orders') : null,
    amountCents: amount ? parseAmount(text(amount) ?? '', { decimal: '.' }) : null,
    currency: optionalText(child(d, ns, 'Currency')),
  };
}

function readListed(d: Element, ns: string): VeuListedOrder {
  const signing = child(d, ns, 'SigningInfo');
  const originator = child(d, ns, 'OriginatorInfo');
  if (!signing || !originator) throw malformed('order without signing or originator information');
  const service = child(d, ns, 'Service');
  const orderType = optionalText(child(d, ns, 'OrderType'));
  const listed = { orderType, service: service ? readService(service, ns) : null };
  if (!listed.orderType && !listed.service) throw malformed('order without order type or service');
  return {
    orderId: required(child(d, ns, 'OrderID'), 'order ID'),
    ...listed,
    label: veuOrderLabel(listed),
    dataSize: count(text(child(d, ns, 'OrderDataSize')), 'order data size'),
    signing: {
      readyToBeSigned: bool(signing.getAttribute('readyToBeSigned'), 'readyToBeSigned'),
      required: count(signing.getAttribute('NumSigRequired'), 'number of signatures required'),
      done: count(signing.getAttribute('NumSigDone'), 'number of signatures done'),
    },
    signers: readSigners(d, ns),
    originator: {
      partnerId: required(child(originator, ns, 'PartnerID'), 'originator partner'),
      userId: required(child(originator, ns, 'UserID'), 'originator user'),
      name: optionalText(child(originator, ns, 'Name')),
      timestamp: required(child(originator, ns, 'Timestamp'), 'submission time'),
    },
    dataDigest: readDigest(child(d, ns, 'DataDigest')),
    totals: readTotals(d, ns),
  };
}

/** HVU or HVZ order data: the orders waiting for signatures. */
export function parseVeuList(xml: string | Uint8Array): VeuListedOrder[] {
  const { root, ns } = rootOf(xml, ['HVUResponseOrderData', 'HVZResponseOrderData']);
  return childrenNamed(root, ns, 'OrderDetails').map((d) => readListed(d, ns));
}

/** HVD order data: one order's digest, display file and signatures so far. */
export function parseHvd(xml: string | Uint8Array): VeuOrderState {
  const { root, ns } = rootOf(xml, ['HVDResponseOrderData']);
  const dataDigest = readDigest(child(root, ns, 'DataDigest'));
  if (!dataDigest) throw malformed('no data digest');
  const display = text(child(root, ns, 'DisplayFile')) ?? '';
  return {
    dataDigest,
    displayFile: Buffer.from(display.replace(/\s+/g, ''), 'base64').toString('utf8'),
    orderDataAvailable: bool(text(child(root, ns, 'OrderDataAvailable')), 'OrderDataAvailable'),
    dataSize: count(text(child(root, ns, 'OrderDataSize')), 'order data size'),
    detailsAvailable: bool(text(child(root, ns, 'OrderDetailsAvailable')), 'OrderDetailsAvailable'),
    signers: readSigners(root, ns),
  };
}

function readAccount(el: Element, ns: string): VeuAccount {
  const acc = child(el, ns, 'AccountNumber');
  const bank = child(el, ns, 'BankCode');
  return {
    iban: acc?.getAttribute('international') === 'true' || /^[A-Z]{2}\d{2}/.test(text(acc) ?? '') ? optionalText(acc) : null,
    bic: bank && /^[A-Z]{6}/.test(text(bank) ?? '') ? optionalText(bank) : null,
    holder: optionalText(child(el, ns, 'AccountHolder')),
  };
}

function readTransaction(info: Element, ns: string): VeuTransaction {
  const accounts = childrenNamed(info, ns, 'AccountInfo');
  const role = (el: Element) => child(el, ns, 'AccountNumber')?.getAttribute('Role') ?? child(el, ns, 'NationalAccountNumber')?.getAttribute('Role');
  const originator = accounts.find((a) => role(a) === 'Originator');
  const recipient = accounts.find((a) => role(a) === 'Recipient');
  if (!originator || !recipient) throw malformed('transaction without originator or recipient account');
  const amount = child(info, ns, 'Amount');
  if (!amount) throw malformed('transaction without amount');
  const credit = amount.getAttribute('isCredit');
  return {
    originator: readAccount(originator, ns),
    recipient: readAccount(recipient, ns),
    executionDate: optionalText(child(info, ns, 'ExecutionDate')),
    amountCents: parseAmount(text(amount) ?? '', { decimal: '.' }),
    currency: amount.getAttribute('Currency') || 'EUR',
    isCredit: credit ? bool(credit, 'isCredit') : null,
    purpose: childrenNamed(info, ns, 'Description')
      .filter((d) => d.getAttribute('Type') === 'Purpose')
      .map((d) => text(d) ?? ''),
  };
}

/** HVT order data (details, not the original file): the transactions of one order. */
export function parseHvt(xml: string | Uint8Array): { total: number; transactions: VeuTransaction[] } {
  const { root, ns } = rootOf(xml, ['HVTResponseOrderData']);
  return {
    total: count(text(child(root, ns, 'NumOrderInfos')), 'number of transactions'),
    transactions: childrenNamed(root, ns, 'OrderInfo').map((i) => readTransaction(i, ns)),
  };
}
