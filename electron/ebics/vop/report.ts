/**
 * The Verification of Payee result report German banks deliver over EBICS
 * (VPZ; EBICS 3.0 BTD REP / pain.002 / option VOP): a pain.002 "customer
 * payment status report" whose transaction status `TxSts` carries the
 * result of the name check of each payment (DK, Anlage 3 "Datenformate"
 * V3.9, ch. 2.2.6; see docs/vop.md for the sources):
 *
 *   RCVC match · RVMC close match (the name the payee's bank holds in
 *   `StsRsnInf/AddtlInf`) · RVNM no match · RVNA check not possible ·
 *   PDNG still pending.
 *
 * What the customer submitted is in `OrgnlTxRef` (creditor name, IBAN,
 * amount). pain.002.001.10 and .14 are read (their paths agree here).
 * Anything else, or a result code not in the list, is refused with a typed
 * error: a signer must never see a guessed result.
 */
import type { Element } from '@xmldom/xmldom';
import { KontorError } from '../../../shared/errors';
import { parseAmount, type Cents } from '../../../shared/money';
import { child, childrenNamed, parseXmlSafely, text } from '../messages/xml-read';

export const VOP_NAMESPACES = ['urn:iso:std:iso:20022:tech:xsd:pain.002.001.10', 'urn:iso:std:iso:20022:tech:xsd:pain.002.001.14'] as const;

export const VOP_CODES = { RCVC: 'match', RVMC: 'closeMatch', RVNM: 'noMatch', RVNA: 'notPossible', PDNG: 'pending' } as const;
export type VopCode = keyof typeof VOP_CODES;
export type VopResult = (typeof VOP_CODES)[VopCode];
export const VOP_RESULTS: readonly VopResult[] = ['match', 'closeMatch', 'noMatch', 'notPossible', 'pending'];

export interface VopTransaction {
  paymentInfoId: string | null;
  endToEndId: string;
  code: VopCode;
  result: VopResult;
  /** The payee name as submitted. */
  submittedName: string | null;
  /** Close match: the name the payee's bank holds. */
  bankName: string | null;
  /** Other explanations (e.g. why the check was not possible). */
  reason: string | null;
  iban: string | null;
  amountCents: Cents | null;
  currency: string | null;
}

export interface VopReport {
  messageId: string;
  createdAt: string;
  /** `OrgnlMsgId`: the pain.001 message this report is about. */
  originalMessageId: string;
  transactions: VopTransaction[];
  /** Count and sum per result. */
  summary: Record<VopResult, { count: number; amountCents: Cents }>;
}

function malformed(detail: string): KontorError {
  return new KontorError('vop.reportMalformed', `The bank’s payee verification report cannot be read: ${detail}.`, { detail });
}

function required(el: Element | undefined, ns: string, path: string): string {
  let at: Element | undefined = el;
  for (const name of path.split('/')) at = child(at, ns, name);
  const t = text(at);
  if (t === undefined || t === '') throw malformed(`${path} is missing`);
  return t;
}

function optional(el: Element | undefined, ns: string, path: string): string | null {
  let at: Element | undefined = el;
  for (const name of path.split('/')) at = child(at, ns, name);
  const t = text(at);
  return t === undefined || t === '' ? null : t;
}

/** Banks quote the held name now and then ("Müller GmbH" or “Müller GmbH”): the quotes are not part of it. */
const unquote = (s: string) => s.replace(/^["“„']+|["”“']+$/g, '').trim();

function amountOf(value: string, endToEndId: string): Cents {
  try {
    return parseAmount(value, { decimal: '.' });
  } catch {
    throw malformed(`the amount of transaction ${endToEndId} is not a decimal amount`);
  }
}

function readTransaction(tx: Element, ns: string, paymentInfoId: string | null): VopTransaction {
  const endToEndId = required(tx, ns, 'OrgnlEndToEndId');
  const code = required(tx, ns, 'TxSts');
  if (!(code in VOP_CODES)) throw malformed(`transaction ${endToEndId} has the status ${code}, which is no payee verification result`);
  const info = childrenNamed(tx, ns, 'StsRsnInf').flatMap((r) => childrenNamed(r, ns, 'AddtlInf').map((a) => text(a) ?? ''));
  const joined = info.join(' ').trim();
  const ref = child(tx, ns, 'OrgnlTxRef');
  const amount = child(child(ref, ns, 'Amt'), ns, 'InstdAmt');
  const result = VOP_CODES[code as VopCode];
  if (result === 'closeMatch' && joined === '') throw malformed(`transaction ${endToEndId} is a close match without the name the bank holds`);
  return {
    paymentInfoId,
    endToEndId,
    code: code as VopCode,
    result,
    submittedName: optional(ref, ns, 'Cdtr/Pty/Nm') ?? optional(ref, ns, 'Cdtr/Nm'),
    bankName: result === 'closeMatch' ? unquote(joined) : null,
    reason: result !== 'closeMatch' && joined !== '' ? joined : null,
    iban: optional(ref, ns, 'CdtrAcct/Id/IBAN'),
    amountCents: amount ? amountOf(text(amount) ?? '', endToEndId) : null,
    currency: amount?.getAttribute('Ccy') || null,
  };
}

export function summarise(transactions: readonly Pick<VopTransaction, 'result' | 'amountCents'>[]): VopReport['summary'] {
  const summary = Object.fromEntries(VOP_RESULTS.map((r) => [r, { count: 0, amountCents: 0 }])) as VopReport['summary'];
  for (const t of transactions) {
    summary[t.result].count += 1;
    summary[t.result].amountCents += t.amountCents ?? 0;
  }
  return summary;
}

/** Reads one VoP report (pain.002 XML). */
export function parseVopReport(xml: string | Uint8Array): VopReport {
  let root: Element;
  try {
    root = parseXmlSafely(xml, 'payee verification report').documentElement as Element;
  } catch (e) {
    throw malformed(e instanceof KontorError ? e.message : 'not XML');
  }
  const ns = root.namespaceURI ?? '';
  if (root.localName !== 'Document' || !(VOP_NAMESPACES as readonly string[]).includes(ns)) {
    throw malformed(`expected a pain.002.001.10 or .14 document, found ${root.localName ?? '?'} in ${ns || 'no namespace'}`);
  }
  const report = child(root, ns, 'CstmrPmtStsRpt');
  if (!report) throw malformed('CstmrPmtStsRpt is missing');
  const transactions = childrenNamed(report, ns, 'OrgnlPmtInfAndSts').flatMap((p) => {
    const pmtInfId = optional(p, ns, 'OrgnlPmtInfId');
    return childrenNamed(p, ns, 'TxInfAndSts').map((tx) => readTransaction(tx, ns, pmtInfId));
  });
  if (transactions.length === 0) throw malformed('the report names no payment');
  return {
    messageId: required(report, ns, 'GrpHdr/MsgId'),
    createdAt: required(report, ns, 'GrpHdr/CreDtTm'),
    originalMessageId: required(report, ns, 'OrgnlGrpInfAndSts/OrgnlMsgId'),
    transactions,
    summary: summarise(transactions),
  };
}
