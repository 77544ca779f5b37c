/**
 * camt.052 (intraday report), camt.053 (end-of-day statement) and camt.054
 * (debit/credit notification) in versions .02 and .08, laid out as German
 * banks send them: IBAN account with servicer BIC, balances PRCD + CLBD
 * (053) or PRCD + ITBD (052), one `Ntry` per booking with ISO and DK
 * proprietary transaction codes, one `TxDtls` per payment (a batch booking
 * has `Btch` and one `TxDtls` per item). Built with xmlbuilder2, which
 * escapes all text.
 *
 * Party roles follow the payment, not the money: for a return or reversal
 * the counterparty keeps the role it had in the original payment (a returned
 * direct debit names the customer as `Dbtr` although the money goes back to
 * them).
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { formatAmountXml, sumCents, type Cents } from '../../../shared/money';
import { addTarget2Days, type BusinessDate } from '../../../shared/dates';
import { normalizeBic, normalizeIban } from '../../../shared/ids';
import type { DemoAccount, DemoBooking } from './model';
import { bookingsInPeriod, sumAmounts } from './period';
import { bookingText, chunks, dkProprietaryCode, isReturnOrReversal } from './codes';
import { assertInstant, berlinDateTime } from './berlin-time';
import { escapeAmp as escapeXml } from '../xml/write';

export type CamtKind = '052' | '053' | '054';
export type CamtVersion = '02' | '08';

export interface CamtOptions {
  account: DemoAccount;
  /** May hold other accounts' bookings and other dates: only the account's bookings in [from, to] are written. */
  bookings: readonly DemoBooking[];
  from: BusinessDate;
  to: BusinessDate;
  /** `Stmt/Id` (`Rpt/Id`, `Ntfctn/Id`), at most 35 characters. */
  statementId: string;
  /** `ElctrncSeqNb`; for camt.053 also `LglSeqNb` (the statement number). */
  sequenceNumber: number;
  /** Booked balance before `from`. Required for 052 and 053; 054 has no balances. */
  openingCents?: Cents;
  /** `GrpHdr/MsgId`, at most 35 characters. */
  messageId: string;
  /** UTC ISO instant, e.g. `2026-03-03T05:30:00Z`. */
  createdAt: string;
}

const LAYOUT: Record<CamtKind, { message: string; report: string; closing: 'CLBD' | 'ITBD' | null }> = {
  '052': { message: 'BkToCstmrAcctRpt', report: 'Rpt', closing: 'ITBD' },
  '053': { message: 'BkToCstmrStmt', report: 'Stmt', closing: 'CLBD' },
  '054': { message: 'BkToCstmrDbtCdtNtfctn', report: 'Ntfctn', closing: null },
};

export function camtNamespace(kind: CamtKind, version: CamtVersion): string {
  return `urn:iso:std:iso:20022:tech:xsd:camt.${kind}.001.${version}`;
}

interface Context {
  version: CamtVersion;
  account: DemoAccount;
}

/** One payment as written into `TxDtls`. */
interface Payment {
  amountCents: Cents;
  endToEndId?: string | undefined;
  mandateId?: string | undefined;
  creditorId?: string | undefined;
  counterpartyName?: string | undefined;
  counterpartyIban?: string | undefined;
  counterpartyBic?: string | undefined;
  remittance?: string | undefined;
  returnReason?: string | undefined;
  /** Return or reversal: the counterparty keeps its role from the original payment. */
  rolesInverted: boolean;
}

/** A complete camt document as a string (UTF-8 declared; the caller encodes). */
export function buildCamt(kind: CamtKind, version: CamtVersion, options: CamtOptions): string {
  const { account, from, to } = options;
  const layout = LAYOUT[kind];
  const lines = bookingsInPeriod(account, options.bookings, from, to);
  assertInstant(options.createdAt);
  if (!Number.isSafeInteger(options.sequenceNumber) || options.sequenceNumber < 0) {
    throw new RangeError(`Sequence number must be a whole number ≥ 0, got ${options.sequenceNumber}`);
  }
  const ctx: Context = { version, account };

  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const message = doc.ele(camtNamespace(kind, version), 'Document').ele(layout.message);
  const header = message.ele('GrpHdr');
  leaf(header, 'MsgId', max35(options.messageId, 'MsgId'));
  leaf(header, 'CreDtTm', options.createdAt);
  const pages = header.ele('MsgPgntn');
  leaf(pages, 'PgNb', '1');
  leaf(pages, 'LastPgInd', 'true');

  const report = message.ele(layout.report);
  leaf(report, 'Id', max35(options.statementId, 'statement id'));
  leaf(report, 'ElctrncSeqNb', String(options.sequenceNumber));
  if (kind === '053') leaf(report, 'LglSeqNb', String(options.sequenceNumber));
  leaf(report, 'CreDtTm', options.createdAt);
  const period = report.ele('FrToDt');
  leaf(period, 'FrDtTm', berlinDateTime(from, '00:00:00'));
  leaf(period, 'ToDtTm', berlinDateTime(to, '23:59:59'));
  writeAccount(report, ctx);

  if (layout.closing !== null) {
    const opening = options.openingCents;
    if (opening === undefined) throw new RangeError(`camt.${kind} needs openingCents`);
    const closing = sumCents([opening, sumAmounts(lines)]);
    writeBalance(report, 'PRCD', opening, account.currency, addTarget2Days(from, -1));
    writeBalance(report, layout.closing, closing, account.currency, to);
  }
  writeSummary(report, lines, version);
  for (const booking of lines) writeEntry(report, booking, ctx);
  return doc.end({ prettyPrint: true });
}

function writeAccount(parent: XMLBuilder, ctx: Context): void {
  const acct = parent.ele('Acct');
  leaf(acct.ele('Id'), 'IBAN', normalizeIban(ctx.account.iban));
  leaf(acct, 'Ccy', ctx.account.currency);
  leaf(acct.ele('Ownr'), 'Nm', max140(ctx.account.ownerName));
  leaf(acct.ele('Svcr').ele('FinInstnId'), bicElement(ctx), normalizeBic(ctx.account.bic));
}

function writeBalance(parent: XMLBuilder, code: string, cents: Cents, currency: string, date: BusinessDate): void {
  const bal = parent.ele('Bal');
  leaf(bal.ele('Tp').ele('CdOrPrtry'), 'Cd', code);
  amount(bal, 'Amt', cents, currency);
  leaf(bal, 'CdtDbtInd', direction(cents));
  leaf(bal.ele('Dt'), 'Dt', date);
}

function writeSummary(parent: XMLBuilder, lines: readonly DemoBooking[], version: CamtVersion): void {
  const credits = lines.filter((b) => b.amountCents > 0).map((b) => b.amountCents);
  const debits = lines.filter((b) => b.amountCents < 0).map((b) => -b.amountCents);
  const net = sumCents([...credits, ...debits.map((d) => -d)]);
  const summary = parent.ele('TxsSummry');
  const all = summary.ele('TtlNtries');
  leaf(all, 'NbOfNtries', String(lines.length));
  leaf(all, 'Sum', formatAmountXml(sumCents([...credits, ...debits])));
  if (version === '02') {
    leaf(all, 'TtlNetNtryAmt', formatAmountXml(Math.abs(net)));
    leaf(all, 'CdtDbtInd', direction(net));
  } else {
    const netEntry = all.ele('TtlNetNtry');
    leaf(netEntry, 'Amt', formatAmountXml(Math.abs(net)));
    leaf(netEntry, 'CdtDbtInd', direction(net));
  }
  for (const [name, values] of [
    ['TtlCdtNtries', credits],
    ['TtlDbtNtries', debits],
  ] as const) {
    const el = summary.ele(name);
    leaf(el, 'NbOfNtries', String(values.length));
    leaf(el, 'Sum', formatAmountXml(sumCents(values)));
  }
}

function writeEntry(parent: XMLBuilder, b: DemoBooking, ctx: Context): void {
  const currency = ctx.account.currency;
  const ntry = parent.ele('Ntry');
  amount(ntry, 'Amt', b.amountCents, currency);
  leaf(ntry, 'CdtDbtInd', direction(b.amountCents));
  if (b.reversal === true) leaf(ntry, 'RvslInd', 'true');
  if (ctx.version === '02') leaf(ntry, 'Sts', 'BOOK');
  else leaf(ntry.ele('Sts'), 'Cd', 'BOOK');
  leaf(ntry.ele('BookgDt'), 'Dt', b.bookingDate);
  leaf(ntry.ele('ValDt'), 'Dt', b.valueDate);
  leaf(ntry, 'AcctSvcrRef', max35(b.bankReference, 'bank reference'));

  const code = ntry.ele('BkTxCd');
  const domain = code.ele('Domn');
  leaf(domain, 'Cd', b.bankTxCode.domain);
  const family = domain.ele('Fmly');
  leaf(family, 'Cd', b.bankTxCode.family);
  leaf(family, 'SubFmlyCd', b.bankTxCode.subFamily);
  const proprietary = code.ele('Prtry');
  leaf(proprietary, 'Cd', dkProprietaryCode(b));
  leaf(proprietary, 'Issr', 'DK');

  const details = ntry.ele('NtryDtls');
  const rolesInverted = isReturnOrReversal(b);
  const shared = { creditorId: b.creditorId, returnReason: b.returnReason, rolesInverted };
  if (b.batch !== undefined) {
    const batch = details.ele('Btch');
    if (b.batch.messageId !== undefined) leaf(batch, 'MsgId', max35(b.batch.messageId, 'batch MsgId'));
    if (b.batch.paymentInfoId !== undefined) leaf(batch, 'PmtInfId', max35(b.batch.paymentInfoId, 'PmtInfId'));
    leaf(batch, 'NbOfTxs', String(b.batch.count));
    amount(batch, 'TtlAmt', b.amountCents, currency);
    leaf(batch, 'CdtDbtInd', direction(b.amountCents));
    for (const item of b.batch.items) writeTransaction(details, { ...item, ...shared }, ctx);
  } else {
    writeTransaction(details, { ...b, ...shared }, ctx);
  }
  // The booking text; for a batch also its summary, which has no other place in camt.
  const info = b.batch !== undefined && b.remittance !== undefined ? `${bookingText(b.bankTxCode.gvc)} ${b.remittance}` : bookingText(b.bankTxCode.gvc);
  leaf(ntry, 'AddtlNtryInf', Array.from(info).slice(0, 500).join(''));
}

function writeTransaction(parent: XMLBuilder, p: Payment, ctx: Context): void {
  const tx = parent.ele('TxDtls');
  if (present(p.endToEndId) || present(p.mandateId)) {
    const refs = tx.ele('Refs');
    if (present(p.endToEndId)) leaf(refs, 'EndToEndId', max35(p.endToEndId, 'EndToEndId'));
    if (present(p.mandateId)) leaf(refs, 'MndtId', max35(p.mandateId, 'MndtId'));
  }
  if (ctx.version === '08') {
    amount(tx, 'Amt', p.amountCents, ctx.account.currency);
    leaf(tx, 'CdtDbtInd', direction(p.amountCents));
  } else {
    amount(tx.ele('AmtDtls').ele('TxAmt'), 'Amt', p.amountCents, ctx.account.currency);
  }

  // Money in: the counterparty paid (Dbtr). Returns and reversals keep the original roles.
  const counterpartyIsDebtor = p.amountCents > 0 !== p.rolesInverted;
  const name = present(p.counterpartyName) ? max140(p.counterpartyName) : undefined;
  const iban = present(p.counterpartyIban) ? normalizeIban(p.counterpartyIban) : undefined;
  const creditorId = present(p.creditorId) ? max35(p.creditorId, 'creditor id') : undefined;
  if (name !== undefined || iban !== undefined || creditorId !== undefined) {
    const parties = tx.ele('RltdPties');
    if (counterpartyIsDebtor) {
      if (name !== undefined) writeParty(parties, 'Dbtr', name, undefined, ctx);
      if (iban !== undefined) leaf(parties.ele('DbtrAcct').ele('Id'), 'IBAN', iban);
      // We collected: our creditor identifier goes with our name.
      if (creditorId !== undefined) writeParty(parties, 'Cdtr', max140(ctx.account.ownerName), creditorId, ctx);
    } else {
      if (name !== undefined || creditorId !== undefined) writeParty(parties, 'Cdtr', name, creditorId, ctx);
      if (iban !== undefined) leaf(parties.ele('CdtrAcct').ele('Id'), 'IBAN', iban);
    }
  }
  if (present(p.counterpartyBic)) {
    const agent = tx.ele('RltdAgts').ele(counterpartyIsDebtor ? 'DbtrAgt' : 'CdtrAgt');
    leaf(agent.ele('FinInstnId'), bicElement(ctx), normalizeBic(p.counterpartyBic));
  }
  if (present(p.remittance)) {
    const rmt = tx.ele('RmtInf');
    for (const part of chunks(xmlCharacters(p.remittance), 140)) leaf(rmt, 'Ustrd', part);
  }
  if (present(p.returnReason)) leaf(tx.ele('RtrInf').ele('Rsn'), 'Cd', p.returnReason);
}

/** v02: `Dbtr/Nm`; v08: `Dbtr/Pty/Nm`. A creditor identifier goes to `Id/PrvtId/Othr` with scheme `SEPA`. */
function writeParty(parent: XMLBuilder, role: 'Dbtr' | 'Cdtr', name: string | undefined, creditorId: string | undefined, ctx: Context): void {
  const roleEl = parent.ele(role);
  const party = ctx.version === '02' ? roleEl : roleEl.ele('Pty');
  if (name !== undefined) leaf(party, 'Nm', name);
  if (creditorId !== undefined) {
    const other = party.ele('Id').ele('PrvtId').ele('Othr');
    leaf(other, 'Id', creditorId);
    leaf(other.ele('SchmeNm'), 'Prtry', 'SEPA');
  }
}

function bicElement(ctx: Context): 'BIC' | 'BICFI' {
  return ctx.version === '02' ? 'BIC' : 'BICFI';
}

function leaf(parent: XMLBuilder, name: string, text: string): void {
  // xmlbuilder2 leaves an entity-looking `&` (`R&D;`, `&amp;`) alone: escape every `&` first (xml/write.ts's convention).
  parent.ele(name).txt(escapeXml(xmlCharacters(text)));
}

function amount(parent: XMLBuilder, name: string, cents: Cents, currency: string): void {
  parent.ele(name, { Ccy: currency }).txt(formatAmountXml(Math.abs(cents)));
}

function direction(cents: Cents): 'CRDT' | 'DBIT' {
  return cents < 0 ? 'DBIT' : 'CRDT';
}

function present(s: string | undefined): s is string {
  return s !== undefined && s !== '';
}

function max35(s: string, what: string): string {
  if (s.length < 1 || s.length > 35) throw new RangeError(`${what} must have 1 to 35 characters: "${s}"`);
  return s;
}

/** Names are `Max140Text`: longer ones are cut. */
function max140(s: string): string {
  return Array.from(s).slice(0, 140).join('');
}

/** Drops characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/FFFF). */
function xmlCharacters(s: string): string {
  return s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}
