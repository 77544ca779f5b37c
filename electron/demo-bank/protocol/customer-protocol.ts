/**
 * The customer protocol: HAC as a pain.002.001.03 customer payment status
 * report in the style German banks use (one `OrgnlPmtInfAndSts` per event,
 * the EBICS order named in `StsRsnInf/Orgtr/Id/OrgId/Othr`, the event as an
 * ISO/DK status reason code), and PTK as plain text lines.
 *
 * Reason codes used: TS01 upload received, DS01 electronic signature
 * verified, DS06 transferred to the distributed signature (VEU), DS07 order
 * released and processed, DS04 order rejected, DS0A key change executed,
 * DS02 subscriber suspended; a payment file refused on upload (090004 /
 * 091302) is reported RJCT with FF01 invalid file format, AC02 / AC03
 * invalid debtor / creditor account. Booking a released order adds no entry
 * (DS07 already says it is processed); its result shows on the statements.
 */
import { finish, newDocument, textElement, type XMLBuilder } from '../../ebics/messages/xml-write';
import type { ProtocolEntry } from '../store/protocol-log';

export const PAIN_002_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.002.001.03';

export interface ProtocolLine extends ProtocolEntry {
  partnerId: string;
  userId: string;
}

function other(parent: XMLBuilder, id: string, scheme: string): void {
  const o = parent.ele('Othr');
  textElement(o, 'Id', id.slice(0, 35));
  textElement(o.ele('SchmeNm'), 'Prtry', scheme);
}

/** Seconds-precision UTC, as ISODateTime. */
function isoSeconds(at: string): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function buildHac(entries: readonly ProtocolLine[], o: { hostId: string; messageId: string; createdAt: string }): string {
  const root = newDocument(PAIN_002_NAMESPACE, 'Document');
  const report = root.ele('CstmrPmtStsRpt');
  const header = report.ele('GrpHdr');
  textElement(header, 'MsgId', o.messageId.slice(0, 35));
  textElement(header, 'CreDtTm', isoSeconds(o.createdAt));
  textElement(header.ele('InitgPty'), 'Nm', 'Kontor Demo Bank');
  const group = report.ele('OrgnlGrpInfAndSts');
  textElement(group, 'OrgnlMsgId', `EBICS-${o.hostId}`.slice(0, 35));
  textElement(group, 'OrgnlMsgNmId', 'EBICS');
  for (const e of entries) {
    const info = report.ele('OrgnlPmtInfAndSts');
    textElement(info, 'OrgnlPmtInfId', e.orderId ?? 'NOTPROVIDED');
    textElement(info, 'PmtInfSts', e.status);
    const reason = info.ele('StsRsnInf');
    const org = reason.ele('Orgtr').ele('Id').ele('OrgId');
    other(org, e.orderType, 'OrderType');
    if (e.orderId) other(org, e.orderId, 'OrderID');
    other(org, isoSeconds(e.at), 'TimeStamp');
    other(org, e.partnerId, 'Partner');
    other(org, e.userId, 'User');
    textElement(reason.ele('Rsn'), 'Cd', e.reasonCode);
    textElement(reason, 'AddtlInf', e.text.slice(0, 105));
  }
  return finish(root);
}

/** PTK: one line per event, oldest first. */
export function buildPtk(entries: readonly ProtocolLine[], o: { hostId: string; createdAt: string }): string {
  const lines = [`Kontor Demo Bank ${o.hostId} - customer protocol created ${isoSeconds(o.createdAt)}`, ''];
  for (const e of entries) {
    const when = isoSeconds(e.at).replace('T', ' ').replace('Z', ' UTC');
    lines.push(`${when}  ${(e.orderId ?? '----').padEnd(4)}  ${e.orderType.padEnd(3)}  ${e.partnerId}/${e.userId}  ${e.reasonCode}  ${e.status}  ${e.text}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}
