/**
 * Reading the bank's distributed signature overview: HVU
 * (`HVUResponseOrderData`) or HVZ (`HVZResponseOrderData`), H004 or H005.
 * One entry per order that waits for signatures: its EBICS order ID, what it
 * is (H004 order type or H005 BTF service), its size, and how many of the
 * signatures it needs are done. HVZ adds the digest of the order data.
 */
import type { Element } from '@xmldom/xmldom';
import { KontorError } from '../../../shared/errors';
import { parseXml } from '../../ebics/crypto/xml';

export interface WaitingOrder {
  orderId: string;
  /** H004 `OrderType`, or for H005 `ServiceName[/ServiceOption] MsgName`. */
  orderType: string;
  dataSize: number;
  signatures: { done: number; required: number };
  readyToBeSigned: boolean;
  originator: { partnerId: string; userId: string; name: string | null; timestamp: string };
  /** HVZ only: base64 of the hash the order signature covers. */
  dataDigest: string | null;
}

const children = (el: Element, name: string): Element[] =>
  Array.from(el.childNodes as unknown as ArrayLike<Element>).filter((n) => n.nodeType === 1 && n.localName === name);
const first = (el: Element | undefined, ...path: string[]): Element | undefined =>
  path.reduce<Element | undefined>((at, name) => (at ? children(at, name)[0] : undefined), el);
const text = (el: Element | undefined) => el?.textContent?.trim() ?? '';

function count(value: string | null, what: string): number {
  if (value === null || !/^\d{1,9}$/.test(value.trim()))
    throw new KontorError('ebics.responseMalformed', `The bank’s signature overview has an invalid ${what}.`);
  return Number(value.trim());
}

function orderName(details: Element): string {
  const type = first(details, 'OrderType');
  if (type) return text(type);
  const service = first(details, 'Service');
  if (!service) return '';
  const name = [text(first(service, 'ServiceName')), text(first(service, 'ServiceOption'))].filter((p) => p !== '').join('/');
  return [name, text(first(service, 'MsgName'))].filter((p) => p !== '').join(' ');
}

export function parseVeuOverview(xml: string): WaitingOrder[] {
  const root = parseXml(xml).documentElement as unknown as Element | null;
  if (!root || (root.localName !== 'HVUResponseOrderData' && root.localName !== 'HVZResponseOrderData')) {
    throw new KontorError('ebics.responseMalformed', 'The bank sent something else than a signature overview (HVU/HVZ).');
  }
  return children(root, 'OrderDetails').map((d) => {
    const signing = first(d, 'SigningInfo');
    const originator = first(d, 'OriginatorInfo');
    const orderId = text(first(d, 'OrderID'));
    if (!orderId || !signing)
      throw new KontorError('ebics.responseMalformed', 'The bank’s signature overview lists an order without its ID or signing information.');
    const name = text(first(originator, 'Name'));
    const digest = text(first(d, 'DataDigest'));
    return {
      orderId,
      orderType: orderName(d),
      dataSize: count(text(first(d, 'OrderDataSize')) || '0', 'order data size'),
      signatures: {
        done: count(signing.getAttribute('NumSigDone'), 'number of signatures'),
        required: count(signing.getAttribute('NumSigRequired'), 'number of signatures'),
      },
      readyToBeSigned: ['true', '1'].includes((signing.getAttribute('readyToBeSigned') ?? '').trim()),
      originator: {
        partnerId: text(first(originator, 'PartnerID')),
        userId: text(first(originator, 'UserID')),
        name: name === '' ? null : name,
        timestamp: text(first(originator, 'Timestamp')),
      },
      dataDigest: digest === '' ? null : digest,
    };
  });
}
