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
 * invalid debtor / creditor account; a payment order received and then
 * rejected in processing for its requested date RJCT with DT03 (not a
 * TARGET2 day), DT05 (too early) or CH03 (too far ahead), the text naming
 * the payment block, the date, the rule and the limit (shared/payment-dates.ts).
 * Booking a released order adds no entry (DS07 already says it is
 * processed); its result shows on the statements.
 *
 * `AddtlInf` is a Max105Text that may repeat: a longer text is split at
 * spaces over as many as it needs, so that joined with spaces it reads whole.
 */
import type { ProtocolEntry } from '../store/protocol-log';
import { serialize, startDocument, textChild, type XMLBuilder } from '../xml/write';

export const PAIN_002_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.002.001.03';

export interface ProtocolLine extends ProtocolEntry {
  partnerId: string;
  userId: string;
}

function other(parent: XMLBuilder, id: string, scheme: string): void {
  const o = parent.ele('Othr');
  textChild(o, 'Id', id.slice(0, 35));
  textChild(o.ele('SchmeNm'), 'Prtry', scheme);
}

const ADDTL_INF_MAX = 105;

/** The text in pieces of at most 105 characters, cut at spaces where there are any. */
export function additionalInfo(text: string): string[] {
  const pieces: string[] = [];
  let rest = text.replace(/\s+/g, ' ').trim();
  while (rest.length > ADDTL_INF_MAX) {
    const space = rest.lastIndexOf(' ', ADDTL_INF_MAX);
    const cut = space > 0 ? space : ADDTL_INF_MAX;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(space > 0 ? cut + 1 : cut);
  }
  if (rest !== '' || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** Seconds-precision UTC, as ISODateTime. */
function isoSeconds(at: string): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function buildHac(entries: readonly ProtocolLine[], o: { hostId: string; messageId: string; createdAt: string }): string {
  const root = startDocument(PAIN_002_NAMESPACE, 'Document');
  const report = root.ele('CstmrPmtStsRpt');
  const header = report.ele('GrpHdr');
  textChild(header, 'MsgId', o.messageId.slice(0, 35));
  textChild(header, 'CreDtTm', isoSeconds(o.createdAt));
  textChild(header.ele('InitgPty'), 'Nm', 'Kontor Demo Bank');
  const group = report.ele('OrgnlGrpInfAndSts');
  textChild(group, 'OrgnlMsgId', `EBICS-${o.hostId}`.slice(0, 35));
  textChild(group, 'OrgnlMsgNmId', 'EBICS');
  for (const e of entries) {
    const info = report.ele('OrgnlPmtInfAndSts');
    textChild(info, 'OrgnlPmtInfId', e.orderId ?? 'NOTPROVIDED');
    textChild(info, 'PmtInfSts', e.status);
    const reason = info.ele('StsRsnInf');
    const org = reason.ele('Orgtr').ele('Id').ele('OrgId');
    other(org, e.orderType, 'OrderType');
    if (e.orderId) other(org, e.orderId, 'OrderID');
    other(org, isoSeconds(e.at), 'TimeStamp');
    other(org, e.partnerId, 'Partner');
    other(org, e.userId, 'User');
    textChild(reason.ele('Rsn'), 'Cd', e.reasonCode);
    for (const piece of additionalInfo(e.text)) textChild(reason, 'AddtlInf', piece);
  }
  return serialize(root);
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
