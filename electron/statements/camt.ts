/**
 * camt.052 / .053 / .054 (versions .001.01 to .001.10) into the statement
 * model, streaming: the tokenizer's events build a small tree only for one
 * header element (`GrpHdr`, `Acct`, `Bal`, …) or one `Ntry` at a time; the
 * tree is read by local names — so misplaced elements (real bank output) are
 * still found — and dropped as soon as the line is emitted.
 */
import { KontorError } from '../../shared/errors';
import { amountFlags, currencyExponent, decimalToMinor } from './amount';
import { dateFlags, datePart, instant } from './dates';
import { countryOf } from './encoding';
import { malformedAt, statementError, truncatedAt } from './errors';
import type { ParseLimits, ParsedBalance, ParsedLine, ParsedParty, ParsedTransaction, ReportKind } from './model';
import type { StatementVisitor } from './parse';
import { StatementAccumulator } from './statement';
import { refusal, type WarnDeviation } from './tolerance';
import { XmlTokenizer, type XmlSink } from './xml';
import { isReturnCode, readCharges, transactionDetails, type TxContext } from './camt-tx';
import { XNode, all, attr, c, ct, p, t } from './camt-node';

const MESSAGES: Record<string, ReportKind> = {
  BkToCstmrAcctRpt: 'camt.052',
  BkToCstmrStmt: 'camt.053',
  BkToCstmrDbtCdtNtfctn: 'camt.054',
};
const STATEMENT_ELEMENTS = new Set(['Stmt', 'Rpt', 'Ntfctn']);
/** ISO 20022 messages people mistake for statements, by element name and by namespace. */
const OTHER_MESSAGES: Record<string, string> = {
  CstmrCdtTrfInitn: 'a payment order (credit transfers, pain.001)',
  CstmrDrctDbtInitn: 'a payment order (direct debits, pain.008)',
  CstmrPmtStsRpt: "a payment status report (pain.002) — the bank's answer to a payment order",
  FIToFIPmtStsRpt: 'a payment status report (pacs.002)',
  FIToFICstmrCdtTrf: 'an interbank credit transfer (pacs.008)',
  FIToFICstmrDrctDbt: 'an interbank direct debit (pacs.003)',
  PmtRtr: 'a payment return (pacs.004)',
  CstmrPmtCxlReq: 'a cancellation request (camt.055)',
  FIToFIPmtCxlReq: 'a cancellation request (camt.056)',
  RsltnOfInvstgtn: 'a resolution of investigation (camt.029)',
};
const PAIN_KINDS: Record<string, string> = {
  '001': 'a payment order (credit transfers',
  '008': 'a payment order (direct debits',
  '002': "a payment status report (the bank's answer to a payment order",
};
const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:([a-z]{4})\.(\d{3})\.(\d{3})\.(\d{2})$/;

const enum State {
  BeforeRoot,
  InDocument,
  InMessage,
  InStatement,
  AfterMessage,
}

export class CamtParser implements XmlSink {
  readonly tokenizer: XmlTokenizer;
  private state = State.BeforeRoot;
  private kind: ReportKind = 'camt.053';
  private messageName = 'camt.053';
  private messageId: string | undefined;
  private messageCreated: string | undefined;
  private cur: XNode | null = null;
  private ntryStart = 0;
  private stmt: StatementAccumulator | null = null;
  private statementIndex = 0;
  private messageSeen = false;
  private nsKind: ReportKind | undefined;
  private nsVersion: string | undefined;
  private readonly messageWarnings: WarnDeviation[] = [];

  constructor(
    private readonly visitor: StatementVisitor,
    limits: ParseLimits,
    startOffset: number,
  ) {
    this.tokenizer = new XmlTokenizer(this, limits, startOffset, true);
  }

  feed(chunk: Uint8Array): void {
    this.tokenizer.feed(chunk);
  }

  finish(): void {
    try {
      this.tokenizer.finish();
    } catch (e) {
      if (e instanceof KontorError && e.code === 'statement.truncated') throw this.cutOff();
      throw e;
    }
    if (!this.messageSeen || this.statementIndex === 0) {
      throw statementError(
        'statement.noStatement',
        this.messageSeen
          ? `The ${this.messageName} file contains no statement (no Stmt, Rpt or Ntfctn element).`
          : 'The XML file is an ISO 20022 document without a bank statement in it (no camt.052, camt.053 or camt.054 message).',
        { messageName: this.messageName },
      );
    }
  }

  /** What a file cut off inside its document lacks, in the statement's words. */
  private cutOff(): KontorError {
    const acc = this.stmt;
    const open = this.tokenizer.openElements();
    let missing: string;
    if (acc !== null) {
      const n = this.statementIndex + 1;
      const id = acc.st.statementId !== '' ? ` (${acc.st.statementId})` : '';
      missing = open.includes('Ntry')
        ? `the rest of booking ${acc.lineCount + 1} of statement ${n}${id} and the end of the statement`
        : `the end of statement ${n}${id} (its closing balance or further bookings may be missing)`;
    } else if (this.messageSeen) missing = `the end of the ${this.messageName} message`;
    else missing = open.length > 0 ? `the end of <${open[open.length - 1]}>` : 'the document';
    return truncatedAt(this.tokenizer.offset, missing);
  }

  open(local: string, attrs: string[] | null, start: number): void {
    const cur = this.cur;
    if (cur !== null) {
      const n = new XNode(local, attrs, cur);
      if (cur.children === null) cur.children = [n];
      else cur.children.push(n);
      this.cur = n;
      return;
    }
    switch (this.state) {
      case State.BeforeRoot:
        this.root(local, attrs);
        return;
      case State.InDocument: {
        const kind = MESSAGES[local] ?? MESSAGES[local.replace(/V\d\d$/, '')];
        if (kind !== undefined) {
          // The element names the message; the namespace only adds the version.
          if (this.nsKind === undefined) this.messageWarnings.push('namespaceMissing');
          else if (this.nsKind !== kind) this.messageWarnings.push('namespaceMismatch');
          this.kind = kind;
          this.messageName = this.nsVersion !== undefined && this.nsKind === kind ? `${kind}.001.${this.nsVersion}` : kind;
          this.messageSeen = true;
          this.state = State.InMessage;
          return;
        }
        const other = OTHER_MESSAGES[local];
        if (other !== undefined && this.nsKind === undefined) {
          throw refusal('otherMessage', `The file is ${other}, not a bank statement.`, { messageName: local });
        }
        break;
      }
      case State.InMessage:
        if (STATEMENT_ELEMENTS.has(local)) {
          this.stmt = new StatementAccumulator('camt', this.kind, this.messageName, 'iso20022', this.tokenizer.textEncoding);
          if (this.messageId !== undefined) this.stmt.st.messageId = this.messageId;
          if (this.messageCreated !== undefined) this.stmt.st.createdAt = this.messageCreated;
          for (const w of this.messageWarnings) this.stmt.warn(w);
          this.state = State.InStatement;
          return;
        }
        break;
      case State.InStatement:
        if (local === 'Ntry') {
          this.ntryStart = start;
          const acc = this.stmt as StatementAccumulator;
          if (!acc.started) this.start(acc);
        }
        break;
      case State.AfterMessage:
        break;
    }
    this.cur = new XNode(local, attrs, null);
  }

  close(_local: string, end: number): void {
    const cur = this.cur;
    if (cur !== null) {
      this.cur = cur.parent;
      if (this.cur === null) this.tree(cur, end);
      return;
    }
    switch (this.state) {
      case State.InStatement:
        this.endStatement();
        this.state = State.InMessage;
        return;
      case State.InMessage:
        this.state = State.AfterMessage;
        return;
      default:
        return;
    }
  }

  text(text: string): void {
    const cur = this.cur;
    if (cur !== null) cur.text = cur.text === '' ? text : cur.text + text;
  }

  private root(local: string, attrs: string[] | null): void {
    let ns: string | undefined;
    if (attrs) {
      for (let i = 0; i < attrs.length; i += 2) {
        const v = attrs[i + 1] as string;
        if ((attrs[i] as string).startsWith('xmlns') && v.startsWith('urn:iso:std:iso:20022:tech:xsd:')) {
          ns = v.trim();
          break;
        }
      }
    }
    if (local !== 'Document') {
      throw statementError('statement.notAStatement', `The XML file is not an ISO 20022 document (its root element is <${local}>, not <Document>).`, {
        root: local,
      });
    }
    if (ns !== undefined) {
      const m = NAMESPACE.exec(ns);
      const area = m?.[1];
      const num = m?.[2];
      const version = m ? Number(m[4]) : 0;
      const known = m !== null && area === 'camt' && (num === '052' || num === '053' || num === '054') && m[3] === '001' && version >= 1 && version <= 10;
      if (!known) {
        const name = m ? `${m[1]}.${m[2]}.${m[3]}.${m[4]}` : ns;
        const pain = area === 'pain' ? PAIN_KINDS[num ?? ''] : undefined;
        throw refusal(
          'otherMessage',
          pain !== undefined
            ? `The file is ${pain}, ${name}), not a bank statement.`
            : `The file is an ISO 20022 message of type ${name}, which Kontor cannot import as a statement (camt.052, camt.053 and camt.054 versions 01 to 10 are supported).`,
          { messageName: name },
        );
      }
      this.nsKind = `camt.${num}` as ReportKind;
      this.nsVersion = m[4];
      this.kind = this.nsKind;
      this.messageName = `${this.nsKind}.001.${m[4]}`;
    }
    this.state = State.InDocument;
  }

  private start(acc: StatementAccumulator): void {
    acc.started = true;
    if (acc.st.statementId === '') this.fallbackId(acc);
    this.visitor.statementStart(this.statementIndex, acc.header());
  }

  private fallbackId(acc: StatementAccumulator): void {
    acc.st.statementId = `${this.messageId ?? acc.st.messageName}#${this.statementIndex + 1}`;
    acc.warn('idMissing');
  }

  private endStatement(): void {
    const acc = this.stmt as StatementAccumulator;
    if (!acc.started) this.start(acc);
    for (const w of this.tokenizer.warnings) acc.warnCode(w);
    this.tokenizer.warnings.clear();
    acc.st.encoding = this.tokenizer.textEncoding;
    const fallback = acc.st.createdAt?.slice(0, 10) ?? this.messageCreated?.slice(0, 10);
    this.visitor.statementEnd(this.statementIndex, acc.finish(fallback));
    this.statementIndex++;
    this.stmt = null;
  }

  /** A finished top-level tree: header element, statement child or entry. */
  private tree(n: XNode, end: number): void {
    if (this.state !== State.InStatement) {
      if (this.state === State.InMessage && n.name === 'GrpHdr') {
        this.messageId = ct(n, 'MsgId');
        const cre = ct(n, 'CreDtTm');
        if (cre !== undefined) this.messageCreated = instant(cre);
      } else if (hasEntry(n)) {
        // Never drop a booking silently: an entry outside any statement cannot be placed.
        throw malformedAt(end, `a booking (Ntry) outside a statement, in <${n.name}>`);
      }
      return;
    }
    const acc = this.stmt as StatementAccumulator;
    const st = acc.st;
    switch (n.name) {
      case 'Ntry': {
        const line = this.line(n, acc, this.ntryStart, end);
        acc.addLine(line);
        this.visitor.line(this.statementIndex, line);
        return;
      }
      case 'Id':
        // After statementStart the id stays what the visitor was told (a fallback, with statement.idMissing).
        if (!acc.started) st.statementId = t(n) ?? st.statementId;
        return;
      case 'ElctrncSeqNb':
        st.sequenceNumber = t(n);
        return;
      case 'LglSeqNb':
        st.sequenceNumber ??= t(n);
        return;
      case 'CreDtTm': {
        const v = t(n);
        if (v !== undefined) {
          const at = instant(v);
          if (at !== undefined) st.createdAt = at;
          else acc.warn('timestampUnreadable');
        }
        return;
      }
      case 'FrToDt': {
        const from = datePart(ct(n, 'FrDtTm') ?? ct(n, 'FrDt') ?? '');
        const to = datePart(ct(n, 'ToDtTm') ?? ct(n, 'ToDt') ?? '');
        if (from !== undefined && to !== undefined) {
          st.periodFrom = from;
          st.periodTo = to;
          acc.periodFromFile = true;
        }
        return;
      }
      case 'Acct': {
        const id = c(n, 'Id');
        const ownr = c(n, 'Ownr');
        const a = st.account;
        a.iban = ct(id, 'IBAN');
        a.other = ct(c(id, 'Othr'), 'Id');
        a.currency = ct(n, 'Ccy');
        a.name = ct(n, 'Nm');
        a.ownerName = ct(ownr, 'Nm') ?? ct(c(ownr, 'Pty'), 'Nm');
        const fi = p(n, 'Svcr', 'FinInstnId');
        a.bic = ct(fi, 'BICFI') ?? ct(fi, 'BIC');
        for (const k of Object.keys(a) as (keyof typeof a)[]) if (a[k] === undefined) delete a[k];
        this.tokenizer.country ??= countryOf(a.iban) ?? countryOf(a.bic);
        return;
      }
      case 'Bal':
        this.balance(n, acc);
        return;
      case 'AddtlStmtInf':
      case 'AddtlRptInf':
      case 'AddtlNtfctnInf': {
        const v = t(n);
        if (v !== undefined) st.additionalInfo = st.additionalInfo === undefined ? v : `${st.additionalInfo} ${v}`;
        return;
      }
      default:
        if (hasEntry(n)) throw malformedAt(end, `a booking (Ntry) inside <${n.name}>, where no booking belongs`);
        return;
    }
  }

  private amount(n: XNode, currency: string | undefined, acc: StatementAccumulator, where: number): number {
    const v = decimalToMinor(n.text, currencyExponent(currency));
    if (Number.isNaN(v)) throw malformedAt(where, `the amount "${n.text.trim().slice(0, 40)}" is not a number`);
    if (amountFlags.lostPrecision) acc.warn('amountPrecision');
    return v;
  }

  private date(n: XNode | undefined, acc: StatementAccumulator): string | undefined {
    if (n === undefined) return undefined;
    const text = ct(n, 'Dt') ?? ct(n, 'DtTm') ?? t(n);
    if (text === undefined) return undefined;
    const d = datePart(text);
    if (d === undefined) acc.warn('dateUnreadable');
    else if (dateFlags.adjusted) acc.warn('dateAdjusted');
    return d;
  }

  private balance(n: XNode, acc: StatementAccumulator): void {
    const tp = p(n, 'Tp', 'CdOrPrtry');
    const type = ct(tp, 'Cd') ?? ct(tp, 'Prtry') ?? 'UNKNOWN';
    const amt = c(n, 'Amt');
    if (amt === undefined)
      throw refusal('balanceUnreadable', `The statement file is damaged: the ${type} balance of statement ${this.statementIndex + 1} has no amount.`, {
        byte: this.tokenizer.offset,
      });
    const role = type === 'OPBD' || type === 'PRCD' ? 'opening' : type === 'CLBD' ? 'closing' : 'other';
    let date = this.date(c(n, 'Dt'), acc);
    if (date === undefined) {
      // Not dropped: dated by the statement (its period, else its creation) and marked.
      acc.warn('balanceDateMissing');
      const st = acc.st;
      const created = st.createdAt?.slice(0, 10) ?? this.messageCreated?.slice(0, 10);
      date = (role === 'opening' ? st.periodFrom || undefined : st.periodTo || undefined) ?? created;
      if (date === undefined)
        throw refusal(
          'balanceUnreadable',
          `The statement file is damaged: the ${type} balance of statement ${this.statementIndex + 1} has no date, and neither has the statement.`,
          { byte: this.tokenizer.offset },
        );
    }
    const currency = attr(amt, 'Ccy') ?? acc.st.account.currency ?? 'XXX';
    const magnitude = this.amount(amt, currency, acc, this.tokenizer.offset);
    const amountCents = ct(n, 'CdtDbtInd') === 'DBIT' ? -magnitude : magnitude;
    const b: ParsedBalance = { type, amountCents: amountCents === 0 ? 0 : amountCents, currency, date };
    // OPBD wins over PRCD when a file carries both.
    if (role === 'opening' && type === 'OPBD' && acc.st.opening?.type === 'PRCD') acc.st.opening = b;
    acc.addBalance(b, role);
  }

  private line(n: XNode, acc: StatementAccumulator, rawStart: number, rawEnd: number): ParsedLine {
    const st = acc.st;
    const amt = c(n, 'Amt');
    if (amt === undefined) throw malformedAt(rawStart, 'an entry (Ntry) without an amount');
    const currency = attr(amt, 'Ccy') ?? st.account.currency ?? 'XXX';
    const magnitude = this.amount(amt, currency, acc, rawStart);
    const cdi = ct(n, 'CdtDbtInd');
    if (cdi !== 'CRDT' && cdi !== 'DBIT') throw malformedAt(rawStart, `an entry whose credit/debit indicator is "${cdi ?? ''}"`);
    const credit = cdi === 'CRDT';
    const rvsl = ct(n, 'RvslInd');
    const isReversal = rvsl === 'true' || rvsl === '1';
    const stsNode = c(n, 'Sts');
    const status = (t(stsNode) ?? ct(stsNode, 'Cd') ?? ct(stsNode, 'Prtry') ?? 'BOOK').toUpperCase();
    const valueDate = this.date(c(n, 'ValDt'), acc);
    let bookingDate = this.date(c(n, 'BookgDt'), acc);
    if (bookingDate === undefined) {
      bookingDate =
        valueDate ?? (st.periodTo || undefined) ?? st.createdAt?.slice(0, 10) ?? this.messageCreated?.slice(0, 10) ?? st.closing?.date ?? st.opening?.date;
      acc.warn('bookingDateMissing');
      if (bookingDate === undefined) throw malformedAt(rawStart, 'an entry without any date');
    }
    const amountCents = credit ? magnitude : -magnitude;
    const line: ParsedLine = {
      bookingDate,
      amountCents: amountCents === 0 ? 0 : amountCents,
      currency,
      isReversal,
      status,
      transactions: [],
      rawStart,
      rawEnd,
    };
    if (valueDate !== undefined) line.valueDate = valueDate;
    const ntryRef = ct(n, 'NtryRef');
    if (ntryRef !== undefined) line.entryReference = ntryRef;
    const svcrRef = ct(n, 'AcctSvcrRef');
    if (svcrRef !== undefined) line.bankReference = svcrRef;
    const info = ct(n, 'AddtlNtryInf');
    if (info !== undefined) line.bookingText = info;
    const bk = c(n, 'BkTxCd');
    this.txCode(bk, line);

    const amount = (a: XNode, ccy: string | undefined): number => this.amount(a, ccy, acc, rawStart);
    const charges = readCharges(all(n, 'Chrgs'), amount);
    if (charges !== undefined) line.chargesCents = charges.totalCents;

    let batchCount: number | undefined;
    let batchPmtInf: string | undefined;
    const txs = line.transactions;
    const ctx: TxContext = {
      credit,
      reversal: isReversal,
      isReturn: isReturnCode(bk),
      ownerIban: st.account.iban,
      ownerName: st.account.ownerName,
      amount,
    };
    const ntryDtls = all(n, 'NtryDtls');
    for (const d of ntryDtls) {
      const btch = c(d, 'Btch');
      if (btch !== undefined) {
        const nb = Number(ct(btch, 'NbOfTxs'));
        if (Number.isInteger(nb) && nb > 0) batchCount = (batchCount ?? 0) + nb;
        batchPmtInf ??= ct(btch, 'PmtInfId');
      }
      const kids = d.children;
      if (kids) for (const k of kids) if (k.name === 'TxDtls') txs.push(transactionDetails(k, ctx));
    }
    if (batchCount === undefined && txs.length > 1) batchCount = txs.length;
    if (batchCount !== undefined && batchCount > 1) line.batchCount = batchCount;
    if (txs.length > 0) this.merge(line, txs, ntryDtls, batchPmtInf);
    else if (batchPmtInf !== undefined && line.batchCount !== undefined) line.batchPaymentInfoId = batchPmtInf;
    return line;
  }

  /** One transaction → its fields on the line; a batch → the fields all its transactions share. */
  private merge(line: ParsedLine, txs: ParsedTransaction[], ntryDtls: XNode[], batchPmtInf: string | undefined): void {
    const single = txs.length === 1 ? (txs[0] as ParsedTransaction) : undefined;
    const pick = <K extends keyof ParsedTransaction>(k: K): ParsedTransaction[K] | undefined => {
      if (single) return single[k];
      const first = (txs[0] as ParsedTransaction)[k];
      if (first === undefined || typeof first === 'object') return undefined;
      for (const tx of txs) if (tx[k] !== first) return undefined;
      return first;
    };
    const e2e = pick('endToEndId');
    if (e2e !== undefined) line.endToEndId = e2e;
    const mandate = pick('mandateId');
    if (mandate !== undefined) line.mandateId = mandate;
    const cred = pick('creditorId');
    if (cred !== undefined) line.creditorId = cred;
    const ret = pick('returnReason');
    if (ret !== undefined) line.returnReason = ret;
    const retText = pick('returnReasonText');
    if (retText !== undefined) line.returnReasonText = retText;
    const rem = pick('remittance');
    if (rem !== undefined) line.remittance = rem;
    const cref = pick('creditorReference');
    if (cref !== undefined) line.creditorReference = cref;
    const bankTxId = pick('bankTransactionId');
    if (bankTxId !== undefined) line.bankTransactionId = bankTxId;
    if (line.chargesCents === undefined) {
      // Charges only in the transactions: their sum is the booking's.
      let sum = 0;
      let any = false;
      for (const tx of txs) {
        if (tx.chargesCents !== undefined) {
          sum += tx.chargesCents;
          any = true;
        }
      }
      if (any) line.chargesCents = sum;
    }
    if (single) {
      if (single.counterparty !== undefined) line.counterparty = single.counterparty;
      if (line.bankReference === undefined && single.accountServicerRef !== undefined) line.bankReference = single.accountServicerRef;
    } else {
      const cp = commonParty(txs.map((tx) => tx.counterparty));
      if (cp !== undefined) line.counterparty = cp;
    }
    if (line.batchCount !== undefined) {
      const pmtInf = batchPmtInf ?? pick('paymentInfoId');
      if (pmtInf !== undefined) line.batchPaymentInfoId = pmtInf;
    }
    if (line.bankTxCode === undefined) {
      for (const d of ntryDtls) {
        for (const k of d.children ?? []) {
          if (k.name === 'TxDtls' && line.bankTxCode === undefined) this.txCode(c(k, 'BkTxCd'), line);
        }
      }
    }
    if (line.bookingText === undefined && single) {
      const addtl = ct(firstTxDtls(ntryDtls), 'AddtlTxInf');
      if (addtl !== undefined) line.bookingText = addtl;
    }
  }

  private txCode(bk: XNode | undefined, line: ParsedLine): void {
    if (bk === undefined) return;
    const domn = c(bk, 'Domn');
    let iso: string | undefined;
    if (domn !== undefined) {
      const fmly = c(domn, 'Fmly');
      iso = [ct(domn, 'Cd'), ct(fmly, 'Cd'), ct(fmly, 'SubFmlyCd')].filter((x) => x !== undefined).join('/') || undefined;
    }
    const prtry = c(bk, 'Prtry');
    let prop: string | undefined;
    if (prtry !== undefined) {
      const code = ct(prtry, 'Cd');
      const issr = ct(prtry, 'Issr');
      if (code !== undefined) prop = issr !== undefined ? `${issr}:${code}` : code;
    }
    const code = iso ?? prop;
    if (code !== undefined) line.bankTxCode = code;
    if (prop !== undefined) line.bankTxCodeProprietary = prop;
  }
}

function hasEntry(n: XNode): boolean {
  if (n.name === 'Ntry') return true;
  const kids = n.children;
  if (kids === null) return false;
  for (const k of kids) if (hasEntry(k)) return true;
  return false;
}

function firstTxDtls(ntryDtls: XNode[]): XNode | undefined {
  for (const d of ntryDtls) {
    const tx = c(d, 'TxDtls');
    if (tx !== undefined) return tx;
  }
  return undefined;
}

function commonParty(parties: (ParsedParty | undefined)[]): ParsedParty | undefined {
  const first = parties[0];
  if (first === undefined) return undefined;
  for (const q of parties) {
    if (q === undefined || q.name !== first.name || q.iban !== first.iban || q.accountOther !== first.accountOther || q.bic !== first.bic) return undefined;
  }
  return first;
}
