/**
 * One camt `TxDtls` (a booking's transaction; a batch has many) into a
 * ParsedTransaction: references (including the German banks' own booking id
 * in `Refs/Prtry`), parties, remittance, return information and charges —
 * across versions .02 to .08 (`Cdtr/Nm` vs `Cdtr/Pty/Nm`, `BIC` vs `BICFI`,
 * charges as a list of records or one `Chrgs` with `Rcrd`s).
 *
 * The counterparty is the other side of the money: the debtor of a credit,
 * the creditor of a debit — except that a reversal or a return keeps the
 * roles of the original payment (a returned direct debit is booked as a
 * debit on the creditor's account, and its counterparty is the original
 * debtor), and our own account is never the counterparty.
 */
import type { ParsedCharge, ParsedParty, ParsedTransaction } from './model';
import { all, attr, c, ct, p, t, type XNode } from './camt-node';

export interface TxContext {
  /** Direction of the entry (`CdtDbtInd`). */
  credit: boolean;
  reversal: boolean;
  /** The entry is a return (its bank transaction code says so). */
  isReturn: boolean;
  ownerIban: string | undefined;
  ownerName: string | undefined;
  /** Text → minor units in the currency, with the parser's warnings and errors. */
  amount(n: XNode, currency: string | undefined): number;
}

/** ISO sub-families of returns and reversals (`PMNT/RDDT/UPDD`, `PMNT/RCDT/RRTN`, …). */
const RETURN_SUBFAMILIES = new Set(['RRTN', 'UPDD', 'RPCR', 'ARET', 'PRDD', 'PRCT']);
/** DK business transaction codes (GVC) of returns. */
const RETURN_GVCS = new Set(['108', '109', '111', '159', '160', '181', '182', '183', '184', '185', '189']);

/** True when a `BkTxCd` names a return: ISO sub-family or, in a DK proprietary code `NRTI+109+…`, the GVC. */
export function isReturnCode(bk: XNode | undefined): boolean {
  if (bk === undefined) return false;
  const sub = ct(p(bk, 'Domn', 'Fmly'), 'SubFmlyCd');
  if (sub !== undefined && RETURN_SUBFAMILIES.has(sub)) return true;
  const prop = ct(c(bk, 'Prtry'), 'Cd');
  const gvc = prop === undefined ? undefined : /^[A-Z]{4}\+(\d{3})/.exec(prop)?.[1];
  return gvc !== undefined && RETURN_GVCS.has(gvc);
}

function setIf<K extends keyof ParsedTransaction>(o: ParsedTransaction, k: K, v: ParsedTransaction[K] | undefined): void {
  if (v !== undefined) o[k] = v;
}

function bicOf(fi: XNode | undefined): string | undefined {
  return ct(fi, 'BICFI') ?? ct(fi, 'BIC');
}

/** A bank code without BIC: clearing-system member id, or the agent's other id. */
function bankCodeOf(fi: XNode | undefined): string | undefined {
  return ct(c(fi, 'ClrSysMmbId'), 'MmbId') ?? ct(c(fi, 'Othr'), 'Id');
}

function addressOf(adr: XNode | undefined): string | undefined {
  if (adr === undefined) return undefined;
  const lines = all(adr, 'AdrLine')
    .map(t)
    .filter((x): x is string => x !== undefined);
  if (lines.length > 0) return lines.join(', ');
  const parts = [ct(adr, 'StrtNm'), ct(adr, 'BldgNb'), ct(adr, 'PstCd'), ct(adr, 'TwnNm'), ct(adr, 'Ctry')].filter((x): x is string => x !== undefined);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** A party from `Dbtr`/`Cdtr` (v02–v07 direct, v08+ `Pty` or `Agt` wrapper), its account and agent. */
export function party(who: XNode | undefined, account: XNode | undefined, agent: XNode | undefined): ParsedParty | undefined {
  const out: ParsedParty = {};
  if (who !== undefined) {
    const pty = c(who, 'Pty') ?? who;
    const name = ct(pty, 'Nm');
    if (name !== undefined) {
      out.name = name;
      const address = addressOf(c(pty, 'PstlAdr'));
      if (address !== undefined) out.address = address;
    } else {
      const fi = p(who, 'Agt', 'FinInstnId') ?? c(who, 'FinInstnId');
      const fiName = ct(fi, 'Nm');
      if (fiName !== undefined) out.name = fiName;
      const bic = bicOf(fi);
      if (bic !== undefined) out.bic = bic;
    }
  }
  if (account !== undefined) {
    const id = c(account, 'Id');
    const iban = ct(id, 'IBAN');
    if (iban !== undefined) out.iban = iban.replace(/\s+/g, '');
    const other = ct(c(id, 'Othr'), 'Id');
    if (other !== undefined) out.accountOther = other;
  }
  if (agent !== undefined) {
    const fi = c(agent, 'FinInstnId');
    const bic = bicOf(fi);
    if (out.bic === undefined && bic !== undefined) out.bic = bic;
    // A bank code without account number is kept, not dropped.
    const code = bankCodeOf(fi);
    if (bic === undefined && code !== undefined) out.bankCode = code;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

const SEPA_CREDITOR_ID = /^[A-Z]{2}\d{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$/;

/**
 * SEPA creditor identifier: `Cdtr/Id/PrvtId/Othr/Id` (or OrgId, or under
 * `Pty`) with scheme `SEPA` — or without any scheme name, as German banks
 * write it, when the transaction is a direct debit (it has a mandate) or the
 * id has the creditor-id shape.
 */
export function creditorId(cdtr: XNode | undefined, hasMandate: boolean): string | undefined {
  if (cdtr === undefined) return undefined;
  const id = c(c(cdtr, 'Pty') ?? cdtr, 'Id');
  let unnamed: string | undefined;
  for (const kind of ['PrvtId', 'OrgId']) {
    for (const othr of all(c(id, kind), 'Othr')) {
      const scheme = c(othr, 'SchmeNm');
      const value = ct(othr, 'Id');
      if (scheme !== undefined && t(c(scheme, 'Prtry'))?.toUpperCase() === 'SEPA') return value;
      if (scheme === undefined && value !== undefined) unnamed ??= value;
    }
  }
  if (unnamed !== undefined && (hasMandate || SEPA_CREDITOR_ID.test(unnamed))) return unnamed;
  return undefined;
}

/**
 * Charges in `.02` form (a list of `Chrgs` each with `Amt`) or later form
 * (one `Chrgs` with `TtlChrgsAndTaxAmt` and `Rcrd`s). The total counts each
 * charge once: the stated total, else the sum of the records.
 */
export function readCharges(nodes: XNode[], amount: TxContext['amount']): { totalCents: number; records: ParsedCharge[] } | undefined {
  if (nodes.length === 0) return undefined;
  const records: ParsedCharge[] = [];
  let total = 0;
  let any = false;
  const record = (n: XNode, amt: XNode): ParsedCharge => {
    const currency = attr(amt, 'Ccy');
    const r: ParsedCharge = { amountCents: Math.abs(amount(amt, currency)) };
    if (currency !== undefined) r.currency = currency;
    const incl = ct(n, 'ChrgInclInd');
    if (incl !== undefined) r.included = incl === 'true' || incl === '1';
    const tp = c(n, 'Tp');
    const type = ct(tp, 'Cd') ?? ct(c(tp, 'Prtry'), 'Id') ?? t(tp);
    if (type !== undefined) r.type = type;
    return r;
  };
  for (const ch of nodes) {
    const mine: ParsedCharge[] = [];
    for (const rc of all(ch, 'Rcrd')) {
      const amt = c(rc, 'Amt');
      if (amt !== undefined) mine.push(record(rc, amt));
    }
    const own = c(ch, 'Amt');
    if (mine.length === 0 && own !== undefined) mine.push(record(ch, own));
    records.push(...mine);
    const ttl = c(ch, 'TtlChrgsAndTaxAmt');
    if (ttl !== undefined) {
      total += Math.abs(amount(ttl, attr(ttl, 'Ccy')));
      any = true;
    } else if (mine.length > 0) {
      for (const r of mine) total += r.amountCents;
      any = true;
    }
  }
  return any ? { totalCents: total, records } : undefined;
}

function references(refs: XNode | undefined, out: ParsedTransaction): void {
  if (refs === undefined) return;
  const e2e = ct(refs, 'EndToEndId');
  if (e2e !== undefined && e2e.toUpperCase() !== 'NOTPROVIDED') out.endToEndId = e2e;
  setIf(out, 'mandateId', ct(refs, 'MndtId'));
  setIf(out, 'paymentInfoId', ct(refs, 'PmtInfId'));
  setIf(out, 'instructionId', ct(refs, 'InstrId'));
  setIf(out, 'accountServicerRef', ct(refs, 'AcctSvcrRef'));
  setIf(out, 'uetr', ct(refs, 'UETR'));
  const prop: { type: string; ref: string }[] = [];
  for (const pr of all(refs, 'Prtry')) {
    const type = ct(pr, 'Tp');
    const ref = ct(pr, 'Ref');
    if (type !== undefined && ref !== undefined) prop.push({ type, ref });
  }
  if (prop.length > 0) {
    out.proprietaryRefs = prop;
    // German banks' unique booking id (`FI-UMSATZ-ID`, `UMSATZ`): AcctSvcrRef is often NONREF there.
    const id = prop.find((r) => /UMSATZ/i.test(r.type));
    if (id !== undefined) out.bankTransactionId = id.ref;
  }
}

function remittance(rmt: XNode | undefined, out: ParsedTransaction): void {
  if (rmt === undefined) return;
  let text: string | undefined;
  let prevLen = 0;
  for (const u of all(rmt, 'Ustrd')) {
    const v = t(u);
    if (v === undefined) continue;
    // A bank that splits one long text into 140-character pieces cuts anywhere; shorter pieces are separate lines.
    text = text === undefined ? v : prevLen >= 140 ? text + v : `${text} ${v}`;
    prevLen = u.text.length;
  }
  const refsStrd: string[] = [];
  for (const s of all(rmt, 'Strd')) {
    const r = ct(c(s, 'CdtrRefInf'), 'Ref');
    if (r !== undefined) refsStrd.push(r);
  }
  if (refsStrd.length > 0) {
    out.creditorReference = refsStrd[0];
    for (const r of refsStrd) if (text === undefined || !text.includes(r)) text = text === undefined ? r : `${text} ${r}`;
  }
  if (text !== undefined) out.remittance = text;
}

function returnInfo(rtr: XNode, out: ParsedTransaction): void {
  const rsn = c(rtr, 'Rsn');
  const code = ct(rsn, 'Cd') ?? ct(rsn, 'Prtry');
  if (code !== undefined) out.returnReason = code;
  const texts = all(rtr, 'AddtlInf')
    .map(t)
    .filter((x): x is string => x !== undefined);
  if (texts.length > 0) out.returnReasonText = texts.join(' ');
  const orgtr = c(rtr, 'Orgtr');
  const who = ct(orgtr, 'Nm') ?? ct(p(orgtr, 'Id', 'OrgId'), 'AnyBIC') ?? ct(p(orgtr, 'Id', 'OrgId'), 'BICOrBEI');
  if (who !== undefined) out.returnOriginator = who;
}

function isOwn(q: ParsedParty | undefined, ctx: TxContext): boolean {
  if (q === undefined) return false;
  if (ctx.ownerIban !== undefined && q.iban !== undefined) return q.iban === ctx.ownerIban;
  return q.iban === undefined && ctx.ownerName !== undefined && q.name !== undefined && q.name.toUpperCase() === ctx.ownerName.toUpperCase();
}

function counterparties(tx: XNode, credit: boolean, isReturn: boolean, ctx: TxContext, out: ParsedTransaction): void {
  const parties = c(tx, 'RltdPties');
  const agents = c(tx, 'RltdAgts');
  const debtor = party(c(parties, 'Dbtr'), c(parties, 'DbtrAcct'), c(agents, 'DbtrAgt'));
  const creditor = party(c(parties, 'Cdtr'), c(parties, 'CdtrAcct'), c(agents, 'CdtrAgt'));
  // Money in: the other side is the debtor; money out: the creditor. A
  // reversal or a return keeps the original payment's roles.
  const otherIsDebtor = credit !== (ctx.reversal || isReturn);
  let chosen = otherIsDebtor ? debtor : creditor;
  const alternative = otherIsDebtor ? creditor : debtor;
  if (chosen === undefined || (isOwn(chosen, ctx) && alternative !== undefined && !isOwn(alternative, ctx))) chosen = alternative;
  if (chosen !== undefined) out.counterparty = chosen;
  const ultimate = party(c(parties, otherIsDebtor ? 'UltmtDbtr' : 'UltmtCdtr'), undefined, undefined);
  if (ultimate !== undefined) out.ultimateCounterparty = ultimate;
}

export function transactionDetails(tx: XNode, ctx: TxContext): ParsedTransaction {
  const out: ParsedTransaction = {};
  const amt = c(tx, 'Amt') ?? p(tx, 'AmtDtls', 'TxAmt', 'Amt') ?? p(tx, 'AmtDtls', 'InstdAmt', 'Amt');
  const cdi = ct(tx, 'CdtDbtInd');
  const credit = cdi === 'CRDT' ? true : cdi === 'DBIT' ? false : ctx.credit;
  if (amt !== undefined) {
    const currency = attr(amt, 'Ccy');
    const v = ctx.amount(amt, currency);
    out.amountCents = credit ? v : v === 0 ? 0 : -v;
    if (currency !== undefined) out.currency = currency;
  }
  const instd = p(tx, 'AmtDtls', 'InstdAmt', 'Amt');
  if (instd !== undefined && instd !== amt) {
    const currency = attr(instd, 'Ccy');
    out.originalAmountCents = Math.abs(ctx.amount(instd, currency));
    if (currency !== undefined) out.originalCurrency = currency;
  }
  references(c(tx, 'Refs'), out);
  const rtr = c(tx, 'RtrInf');
  if (rtr !== undefined) returnInfo(rtr, out);
  counterparties(tx, credit, ctx.isReturn || rtr !== undefined || isReturnCode(c(tx, 'BkTxCd')), ctx, out);
  const cred = creditorId(c(c(tx, 'RltdPties'), 'Cdtr'), out.mandateId !== undefined);
  if (cred !== undefined) out.creditorId = cred;
  remittance(c(tx, 'RmtInf'), out);
  const purp = c(tx, 'Purp');
  const purpose = ct(purp, 'Cd') ?? ct(purp, 'Prtry');
  if (purpose !== undefined) out.purposeCode = purpose;
  const charges = readCharges(all(tx, 'Chrgs'), ctx.amount);
  if (charges !== undefined) {
    out.chargesCents = charges.totalCents;
    if (charges.records.length > 0) out.charges = charges.records;
  }
  const addtl = ct(tx, 'AddtlTxInf');
  if (addtl !== undefined) out.additionalInfo = addtl;
  return out;
}
