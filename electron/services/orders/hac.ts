/**
 * Reading the bank's customer protocol (HAC, a pain.002 customer payment
 * status report): which EBICS order was released in the distributed
 * signature, which was rejected, and why (the ISO 20022 status reason code
 * and the bank's additional information, all `AddtlInf` lines joined).
 */
import type { Element } from '@xmldom/xmldom';
import { parseXml } from '../../ebics/crypto/xml';

export interface ProtocolEvent {
  orderId: string;
  orderType: string | null;
  reasonCode: string;
  status: string;
  text: string;
}

const children = (el: Element, name: string): Element[] =>
  Array.from(el.childNodes as unknown as ArrayLike<Element>).filter((n) => n.nodeType === 1 && n.localName === name);
const first = (el: Element | undefined, ...path: string[]): Element | undefined =>
  path.reduce<Element | undefined>((at, name) => (at ? children(at, name)[0] : undefined), el);
const text = (el: Element | undefined) => el?.textContent?.trim() ?? '';

export function parseHac(xml: string): ProtocolEvent[] {
  const doc = parseXml(xml);
  const report = first(doc.documentElement as unknown as Element, 'CstmrPmtStsRpt');
  if (!report) return [];
  return children(report, 'OrgnlPmtInfAndSts').flatMap((info) => {
    const reason = first(info, 'StsRsnInf');
    const ids = Object.fromEntries(
      children(first(reason, 'Orgtr', 'Id', 'OrgId') ?? info, 'Othr').map((o) => [text(first(o, 'SchmeNm', 'Prtry')), text(first(o, 'Id'))]),
    );
    const orderId = ids.OrderID ?? text(first(info, 'OrgnlPmtInfId'));
    if (!orderId || orderId === 'NOTPROVIDED') return [];
    return [
      {
        orderId,
        orderType: ids.OrderType ?? null,
        reasonCode: text(first(reason, 'Rsn', 'Cd')),
        status: text(first(info, 'PmtInfSts')),
        text: reason
          ? children(reason, 'AddtlInf')
              .map(text)
              .filter((t) => t !== '')
              .join(' ')
          : '',
      },
    ];
  });
}

/** DK reason codes of the distributed signature: DS07 released and processed; DS04 rejected; RJCT refused on receipt. */
export function outcomeOf(e: ProtocolEvent): 'released' | 'rejected' | null {
  if (e.reasonCode === 'DS07') return 'released';
  if (e.reasonCode === 'DS04' || e.status === 'RJCT') return 'rejected';
  return null;
}
