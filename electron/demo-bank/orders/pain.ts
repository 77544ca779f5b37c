/**
 * Reading SEPA payment files as the demo bank receives them: pain.001
 * (credit transfer, versions .03 and .09) and pain.008 (direct debit, .02 and
 * .08), told apart by namespace. There is no schema validator on users'
 * machines, so the structure is checked in code: every element the bank needs
 * to execute and book the payments, identifiers, names, amounts as integer
 * cents, IBANs and BICs, mandates and creditor identifiers, and what the
 * schema cannot check: `NbOfTxs` and `CtrlSum` against the transactions, in
 * the group header and in every `PmtInf` that states them.
 *
 * `readPaymentFile` checks the file itself and never depends on the date;
 * `checkPaymentOrder` adds what depends on the order and the day it arrives
 * (order type, scheme, the customer's own accounts, mandate dates); both
 * throw for a file the bank refuses on upload. `dateRejection` says whether
 * a readable file asks for a date the bank does not execute: such an order
 * is received and then rejected in processing. The bank books from the file
 * it stored, read again with `readPaymentFile`.
 *
 * `BtchBookg` absent means true, as German banks treat it (DK rules: batch
 * booking unless the customer asks for single bookings).
 */
import { compareDates, isBusinessDate, nextTarget2Day, type BusinessDate } from '../../../shared/dates';
import {
  COLLECTION_LEAD_TARGET2_DAYS,
  DATE_RULE_REASON_CODES,
  PAYMENT_HORIZON_DAYS,
  paymentDateProblem,
  type PaymentDateProblem,
} from '../../../shared/payment-dates';
import { isValidBic, isValidCreditorId, isValidIban, isValidSepaId, normalizeBic, normalizeCreditorId, normalizeIban } from '../../../shared/ids';
import { parseAmount, sumCents, type Cents } from '../../../shared/money';
import { attribute, PainXmlError, readPainTree, type PainNode } from './pain-tree';
import type { PaymentKind } from '../protocol/order-types';

/** Largest payment file read unless the caller names a limit (the upload passes the bank's order data limit). */
export const MAX_PAYMENT_FILE_BYTES = 100 * 1024 * 1024;

export type PainMessage = 'pain.001' | 'pain.008';
export type DirectDebitScheme = 'CORE' | 'B2B';
export type SequenceType = 'FRST' | 'RCUR' | 'OOFF' | 'FNAL';

interface Flavour {
  message: PainMessage;
  /** `pain.001.001.09` */
  name: string;
  /** Two digits, as the BTF `MsgVersion` names it. */
  msgVersion: string;
  root: 'CstmrCdtTrfInitn' | 'CstmrDrctDbtInitn';
  /** .03/.02 write `BIC`, .09/.08 `BICFI`. */
  bicPainNode: 'BIC' | 'BICFI';
}

const ISO = 'urn:iso:std:iso:20022:tech:xsd:';
const FLAVOURS: readonly Flavour[] = [
  { message: 'pain.001', name: 'pain.001.001.03', msgVersion: '03', root: 'CstmrCdtTrfInitn', bicPainNode: 'BIC' },
  { message: 'pain.001', name: 'pain.001.001.09', msgVersion: '09', root: 'CstmrCdtTrfInitn', bicPainNode: 'BICFI' },
  { message: 'pain.008', name: 'pain.008.001.02', msgVersion: '02', root: 'CstmrDrctDbtInitn', bicPainNode: 'BIC' },
  { message: 'pain.008', name: 'pain.008.001.08', msgVersion: '08', root: 'CstmrDrctDbtInitn', bicPainNode: 'BICFI' },
];

/** The payment file namespaces the bank accepts. */
export const PAIN_NAMESPACES: readonly string[] = FLAVOURS.map((f) => `${ISO}${f.name}`);

export interface PaymentParty {
  name: string;
  iban: string;
  /** Absent when not given or given as NOTPROVIDED. */
  bic?: string;
}

export interface PaymentTransaction {
  endToEndId: string;
  /** Positive: what the payment moves. */
  amountCents: Cents;
  /** The creditor of a transfer, the debtor of a direct debit. */
  counterparty: PaymentParty;
  remittance?: string;
  /** Direct debits only. */
  mandate?: { id: string; signedOn: BusinessDate };
  /** Direct debits only: the transaction's creditor identifier, else the block's. */
  creditorId?: string;
}

export interface PaymentBlock {
  /** 1-based position of the `PmtInf` in the file. */
  position: number;
  paymentInfoId: string;
  batchBooking: boolean;
  /** `ReqdExctnDt` (transfer) or `ReqdColltnDt` (direct debit). */
  dueDate: BusinessDate;
  /** Direct debits: `LclInstrm/Cd`. */
  scheme?: DirectDebitScheme;
  /** Transfers: `LclInstrm/Cd` INST, SEPA Instant. */
  instant?: boolean;
  sequenceType?: SequenceType;
  /** The customer's own account: debtor of a transfer, creditor of a direct debit. */
  account: PaymentParty;
  /** Direct debits: `CdtrSchmeId` at block level. */
  creditorId?: string;
  transactions: PaymentTransaction[];
  totalCents: Cents;
}

export interface PaymentFile {
  message: PainMessage;
  /** `pain.001.001.09` */
  messageName: string;
  msgVersion: string;
  messageId: string;
  createdAt: string;
  numberOfTransactions: number;
  controlSumCents: Cents;
  blocks: PaymentBlock[];
}

/** The file is not a payment file the bank can execute: EBICS 090004. */
export class PaymentFileError extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'PaymentFileError';
  }
}

/** The file debits or credits an account the customer does not hold here: EBICS 091302. */
export class PaymentAccountError extends Error {
  constructor(readonly iban: string) {
    super(`account ${iban} is not an account of this customer`);
    this.name = 'PaymentAccountError';
  }
}

const MAX_AMOUNT_CENTS = 99_999_999_999;
const AMOUNT = /^[0-9]{1,9}(?:\.[0-9]{1,2})?$/;
const DECIMAL = /^[0-9]{1,18}(?:\.[0-9]{1,17})?$/;
const COUNT = /^[0-9]{1,15}$/;
const DATE_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})?$/;

function fail(problem: string): never {
  throw new PaymentFileError(problem);
}

/** PainNodes of the file's namespace, walked by name. */
class Reader {
  constructor(readonly ns: string) {}

  children(parent: PainNode, name: string): PainNode[] {
    return parent.children.filter((e) => e.local === name && e.ns === this.ns);
  }

  child(parent: PainNode, name: string): PainNode | undefined {
    const found = this.children(parent, name);
    return found[0];
  }

  /** The element at `path` below `parent`, or undefined. */
  at(parent: PainNode, path: string): PainNode | undefined {
    let el: PainNode | undefined = parent;
    for (const name of path.split('/')) el = el === undefined ? undefined : this.child(el, name);
    return el;
  }

  optionalText(parent: PainNode, path: string): string | undefined {
    const el = this.at(parent, path);
    return el === undefined ? undefined : el.text.trim();
  }

  text(parent: PainNode, path: string, where: string): string {
    const t = this.optionalText(parent, path);
    if (t === undefined || t === '') fail(`${where}/${path} is missing`);
    return t;
  }
}

function sepaId(value: string, what: string): string {
  if (!isValidSepaId(value))
    fail(`${what} "${value.slice(0, 40)}" is not a SEPA identifier (1-35 characters of the basic set, no leading, trailing or double /)`);
  return value;
}

function name(value: string, what: string): string {
  if (Array.from(value).length > 140) fail(`${what} is longer than 140 characters`);
  return value;
}

function amount(el: PainNode | undefined, what: string): Cents {
  if (el === undefined) fail(`${what} is missing`);
  const currency = attribute(el, 'Ccy');
  if (currency !== 'EUR') fail(`${what} is in ${currency ?? 'no currency'}; SEPA payments are in EUR`);
  const t = el.text.trim();
  if (!AMOUNT.test(t)) fail(`${what} "${t.slice(0, 20)}" is not an amount with at most two decimals`);
  const cents = parseAmount(t, { decimal: '.' });
  if (cents < 1 || cents > MAX_AMOUNT_CENTS) fail(`${what} ${t} is outside 0.01 to 999999999.99`);
  return cents;
}

/** A stated control sum in cents; one with more than two significant decimals can never match. */
function controlSum(t: string, what: string): Cents | 'unmatched' {
  if (!DECIMAL.test(t)) fail(`${what} "${t.slice(0, 30)}" is not a decimal number`);
  const [whole = '', fraction = ''] = t.split('.');
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > 2 || whole.replace(/^0+/, '').length > 15) return 'unmatched';
  return parseAmount(significant === '' ? whole : `${whole}.${significant}`, { decimal: '.' });
}

function checkCount(stated: string | undefined, actual: number, what: string): void {
  if (stated === undefined) return;
  if (!COUNT.test(stated)) fail(`${what} "${stated.slice(0, 20)}" is not a number`);
  if (Number(stated) !== actual) fail(`${what} says ${stated} transactions, the file has ${actual}`);
}

function checkSum(stated: string | undefined, actual: Cents, what: string): void {
  if (stated === undefined) return;
  const cents = controlSum(stated, what);
  if (cents !== actual) fail(`${what} ${stated} does not match the sum of the transactions`);
}

function date(t: string, what: string): BusinessDate {
  if (!isBusinessDate(t)) fail(`${what} "${t.slice(0, 30)}" is not a date`);
  return t;
}

function iban(r: Reader, account: PainNode | undefined, what: string): string {
  if (account === undefined) fail(`${what} is missing`);
  const value = r.optionalText(account, 'Id/IBAN');
  if (value === undefined || value === '') fail(`${what}/Id/IBAN is missing`);
  if (!isValidIban(value)) fail(`${what} IBAN "${value.slice(0, 40)}" is not valid`);
  return normalizeIban(value);
}

/** An agent's BIC, or undefined for `Othr/Id` NOTPROVIDED (or nothing, which .09/.08 allow). */
function agentBic(r: Reader, f: Flavour, agent: PainNode | undefined, what: string, required: boolean): string | undefined {
  if (agent === undefined) {
    if (required) fail(`${what} is missing`);
    return undefined;
  }
  const institution = r.child(agent, 'FinInstnId');
  if (institution === undefined) fail(`${what}/FinInstnId is missing`);
  const bic = r.optionalText(institution, f.bicPainNode);
  if (bic !== undefined) {
    if (!isValidBic(bic)) fail(`${what} BIC "${bic.slice(0, 20)}" is not valid`);
    return normalizeBic(bic);
  }
  const other = r.optionalText(institution, 'Othr/Id');
  if (other !== undefined && other !== 'NOTPROVIDED') fail(`${what}/FinInstnId/Othr/Id must be NOTPROVIDED, not "${other.slice(0, 20)}"`);
  return undefined;
}

function party(
  r: Reader,
  f: Flavour,
  holder: PainNode,
  role: 'Dbtr' | 'Cdtr',
  agent: PainNode | undefined,
  where: string,
  agentRequired: boolean,
): PaymentParty {
  const who = r.child(holder, role);
  if (who === undefined) fail(`${where}/${role} is missing`);
  const p: PaymentParty = {
    name: name(r.text(who, 'Nm', `${where}/${role}`), `${where}/${role}/Nm`),
    iban: iban(r, r.child(holder, `${role}Acct`), `${where}/${role}Acct`),
  };
  const bic = agentBic(r, f, agent, `${where}/${role}Agt`, agentRequired);
  if (bic !== undefined) p.bic = bic;
  return p;
}

/** Unstructured remittance (one `Ustrd`, as SEPA allows), else a structured creditor reference. */
function remittance(r: Reader, tx: PainNode, where: string): string | undefined {
  const info = r.child(tx, 'RmtInf');
  if (info === undefined) return undefined;
  const lines = r.children(info, 'Ustrd').map((u) => u.text.trim());
  if (lines.length > 1) fail(`${where}/RmtInf has ${lines.length} Ustrd; SEPA allows one`);
  const line = lines[0];
  if (line !== undefined) {
    if (Array.from(line).length > 140) fail(`${where}/RmtInf/Ustrd is longer than 140 characters`);
    return line === '' ? undefined : line;
  }
  const reference = r.optionalText(info, 'Strd/CdtrRefInf/Ref');
  return reference === undefined || reference === '' ? undefined : reference;
}

function creditorIdAt(r: Reader, holder: PainNode | undefined, what: string): string | undefined {
  if (holder === undefined) return undefined;
  const scheme = r.child(holder, 'CdtrSchmeId');
  if (scheme === undefined) return undefined;
  const id = r.optionalText(scheme, 'Id/PrvtId/Othr/Id');
  if (id === undefined || id === '') fail(`${what}/CdtrSchmeId/Id/PrvtId/Othr/Id is missing`);
  if (!isValidCreditorId(id)) fail(`${what} creditor identifier "${id.slice(0, 40)}" is not valid`);
  return normalizeCreditorId(id);
}

function batchBooking(t: string | undefined, where: string): boolean {
  if (t === undefined) return true;
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return fail(`${where}/BtchBookg "${t.slice(0, 10)}" is not true or false`);
}

function readTransfer(r: Reader, f: Flavour, tx: PainNode, where: string): PaymentTransaction {
  const endToEndId = sepaId(r.text(tx, 'PmtId/EndToEndId', where), `${where}/PmtId/EndToEndId`);
  const amountEl = r.at(tx, 'Amt/InstdAmt');
  if (amountEl === undefined) fail(`${where}/Amt/InstdAmt is missing (SEPA transfers state the instructed amount)`);
  const t: PaymentTransaction = {
    endToEndId,
    amountCents: amount(amountEl, `${where}/Amt/InstdAmt`),
    counterparty: party(r, f, tx, 'Cdtr', r.child(tx, 'CdtrAgt'), where, false),
  };
  const level = r.optionalText(tx, 'PmtTpInf/SvcLvl/Cd');
  if (level !== undefined && level !== 'SEPA') fail(`${where}/PmtTpInf/SvcLvl/Cd is ${level}, not SEPA`);
  const text = remittance(r, tx, where);
  if (text !== undefined) t.remittance = text;
  return t;
}

function readDebit(r: Reader, f: Flavour, tx: PainNode, where: string, blockCreditorId: string | undefined): PaymentTransaction {
  const endToEndId = sepaId(r.text(tx, 'PmtId/EndToEndId', where), `${where}/PmtId/EndToEndId`);
  const debit = r.child(tx, 'DrctDbtTx');
  if (debit === undefined) fail(`${where}/DrctDbtTx is missing (the mandate)`);
  const mandateWhere = `${where}/DrctDbtTx/MndtRltdInf`;
  const mandate = r.child(debit, 'MndtRltdInf');
  if (mandate === undefined) fail(`${mandateWhere} is missing`);
  const mandateId = sepaId(r.text(mandate, 'MndtId', mandateWhere), `${mandateWhere}/MndtId`);
  const signedOn = date(r.text(mandate, 'DtOfSgntr', mandateWhere), `${mandateWhere}/DtOfSgntr`);
  const amendment = r.optionalText(mandate, 'AmdmntInd');
  if (amendment !== undefined && !['true', 'false', '1', '0'].includes(amendment)) fail(`${mandateWhere}/AmdmntInd is not true or false`);
  const creditorId = creditorIdAt(r, debit, `${where}/DrctDbtTx`) ?? blockCreditorId;
  if (creditorId === undefined) fail(`${where}: no creditor identifier (CdtrSchmeId) in the block or the transaction`);
  const t: PaymentTransaction = {
    endToEndId,
    amountCents: amount(r.child(tx, 'InstdAmt'), `${where}/InstdAmt`),
    counterparty: party(r, f, tx, 'Dbtr', r.child(tx, 'DbtrAgt'), where, true),
    mandate: { id: mandateId, signedOn },
    creditorId,
  };
  const text = remittance(r, tx, where);
  if (text !== undefined) t.remittance = text;
  return t;
}

function readBlock(r: Reader, f: Flavour, block: PainNode, position: number): PaymentBlock {
  const where = `PmtInf[${position}]`;
  const paymentInfoId = sepaId(r.text(block, 'PmtInfId', where), `${where}/PmtInfId`);
  const method = r.text(block, 'PmtMtd', where);
  const transfer = f.message === 'pain.001';
  if (method !== (transfer ? 'TRF' : 'DD')) fail(`${where}/PmtMtd is ${method}, expected ${transfer ? 'TRF' : 'DD'}`);
  const level = r.optionalText(block, 'PmtTpInf/SvcLvl/Cd');
  if (level !== undefined && level !== 'SEPA') fail(`${where}/PmtTpInf/SvcLvl/Cd is ${level}, not SEPA`);

  let result: Omit<PaymentBlock, 'transactions' | 'totalCents'>;
  let transactions: PaymentTransaction[];
  if (transfer) {
    const due = r.child(block, 'ReqdExctnDt');
    if (due === undefined) fail(`${where}/ReqdExctnDt is missing`);
    // .03: the date itself; .09: a choice of Dt or DtTm.
    const dueText =
      f.msgVersion === '03' ? r.text(block, 'ReqdExctnDt', where) : (r.optionalText(due, 'Dt') ?? r.optionalText(due, 'DtTm')?.slice(0, 10) ?? '');
    const txs = r.children(block, 'CdtTrfTxInf');
    if (txs.length === 0) fail(`${where} has no CdtTrfTxInf`);
    result = {
      position,
      paymentInfoId,
      batchBooking: batchBooking(r.optionalText(block, 'BtchBookg'), where),
      dueDate: date(dueText, `${where}/ReqdExctnDt`),
      account: party(r, f, block, 'Dbtr', r.child(block, 'DbtrAgt'), where, true),
      ...(r.optionalText(block, 'PmtTpInf/LclInstrm/Cd') === 'INST' ? { instant: true } : {}),
    };
    transactions = txs.map((tx, i) => readTransfer(r, f, tx, `${where}/CdtTrfTxInf[${i + 1}]`));
  } else {
    const scheme = r.optionalText(block, 'PmtTpInf/LclInstrm/Cd');
    if (scheme !== 'CORE' && scheme !== 'B2B') fail(`${where}/PmtTpInf/LclInstrm/Cd must be CORE or B2B${scheme ? `, not ${scheme}` : ''}`);
    const sequence = r.optionalText(block, 'PmtTpInf/SeqTp');
    if (sequence !== 'FRST' && sequence !== 'RCUR' && sequence !== 'OOFF' && sequence !== 'FNAL')
      fail(`${where}/PmtTpInf/SeqTp must be FRST, RCUR, OOFF or FNAL`);
    const creditorId = creditorIdAt(r, block, where);
    const txs = r.children(block, 'DrctDbtTxInf');
    if (txs.length === 0) fail(`${where} has no DrctDbtTxInf`);
    result = {
      position,
      paymentInfoId,
      batchBooking: batchBooking(r.optionalText(block, 'BtchBookg'), where),
      dueDate: date(r.text(block, 'ReqdColltnDt', where), `${where}/ReqdColltnDt`),
      scheme,
      sequenceType: sequence,
      account: party(r, f, block, 'Cdtr', r.child(block, 'CdtrAgt'), where, true),
      ...(creditorId !== undefined ? { creditorId } : {}),
    };
    transactions = txs.map((tx, i) => readDebit(r, f, tx, `${where}/DrctDbtTxInf[${i + 1}]`, creditorId));
  }
  const totalCents = sumCents(transactions.map((t) => t.amountCents));
  checkCount(r.optionalText(block, 'NbOfTxs'), transactions.length, `${where}/NbOfTxs`);
  checkSum(r.optionalText(block, 'CtrlSum'), totalCents, `${where}/CtrlSum`);
  return { ...result, transactions, totalCents };
}

/**
 * Reads a pain.001 / pain.008 file and checks everything that depends on
 * the file alone. Throws PaymentFileError with the first problem found.
 */
export function readPaymentFile(data: Buffer, maxBytes: number = MAX_PAYMENT_FILE_BYTES): PaymentFile {
  let root: PainNode;
  try {
    root = readPainTree(data, maxBytes);
  } catch (e) {
    if (!(e instanceof PainXmlError)) throw e;
    if (e.problem === 'malformed') fail(`not well-formed XML: ${e.message}`);
    fail(e.message);
  }
  const ns = root.ns;
  const flavour = FLAVOURS.find((f) => `${ISO}${f.name}` === ns);
  if (root.local !== 'Document' || flavour === undefined) {
    fail(`not a payment file the bank accepts (${root.local} in ${ns || 'no namespace'}; expected pain.001.001.03/.09 or pain.008.001.02/.08)`);
  }
  const r = new Reader(ns);
  const message = r.child(root, flavour.root);
  if (message === undefined) fail(`Document/${flavour.root} is missing`);
  const header = r.child(message, 'GrpHdr');
  if (header === undefined) fail('GrpHdr is missing');
  const messageId = sepaId(r.text(header, 'MsgId', 'GrpHdr'), 'GrpHdr/MsgId');
  const createdAt = r.text(header, 'CreDtTm', 'GrpHdr');
  if (!DATE_TIME.test(createdAt)) fail(`GrpHdr/CreDtTm "${createdAt.slice(0, 40)}" is not a date and time`);
  const stated = r.text(header, 'NbOfTxs', 'GrpHdr');
  // German banks require the control sum in the group header.
  const statedSum = r.text(header, 'CtrlSum', 'GrpHdr');
  if (r.child(header, 'InitgPty') === undefined) fail('GrpHdr/InitgPty is missing');

  const blockPainNodes = r.children(message, 'PmtInf');
  if (blockPainNodes.length === 0) fail('the file has no PmtInf');
  const blocks = blockPainNodes.map((b, i) => readBlock(r, flavour, b, i + 1));
  const count = blocks.reduce((n, b) => n + b.transactions.length, 0);
  const total = sumCents(blocks.map((b) => b.totalCents));
  checkCount(stated, count, 'GrpHdr/NbOfTxs');
  checkSum(statedSum, total, 'GrpHdr/CtrlSum');
  return {
    message: flavour.message,
    messageName: flavour.name,
    msgVersion: flavour.msgVersion,
    messageId,
    createdAt,
    numberOfTransactions: count,
    controlSumCents: total,
    blocks,
  };
}

export interface PaymentOrderRules {
  /** What the order type (CCT/CDD/CDB, BTU service) says the file is. */
  payment: PaymentKind;
  /** H005: the BTF `MsgVersion` the client named, if any. */
  msgVersion?: string | undefined;
  /** The bank's business date when the upload completes. */
  today: BusinessDate;
  /** IBANs of the customer's (partner's) accounts. */
  accounts: readonly string[];
  /** An instant order (CIP/CIV, BTF SCI): every block must say INST; a plain order's none. */
  instant?: boolean;
}

/**
 * Checks the file against its order: pain.001 for transfers, pain.008 with
 * the matching scheme (CDD/COR = CORE, CDB/B2B = B2B) for direct debits, the
 * BTF message version, the customer's own accounts (PaymentAccountError),
 * mandates signed by today and not after the collection. The requested
 * dates are `dateRejection`'s: a file breaking them is readable and the
 * bank's to reject in processing, not a format error.
 */
export function checkPaymentOrder(file: PaymentFile, rules: PaymentOrderRules): void {
  const transfer = rules.payment === 'credit_transfer';
  const expected: PainMessage = transfer ? 'pain.001' : 'pain.008';
  if (file.message !== expected) fail(`the order type asks for ${expected}, the file is ${file.messageName}`);
  if (rules.msgVersion !== undefined && rules.msgVersion !== file.msgVersion) {
    fail(`the order names ${file.message} version ${rules.msgVersion}, the file is ${file.messageName}`);
  }
  const own = new Set(rules.accounts.map(normalizeIban));
  for (const block of file.blocks) {
    const where = `PmtInf[${block.position}]`;
    if (!transfer) {
      const scheme: DirectDebitScheme = rules.payment === 'direct_debit_b2b' ? 'B2B' : 'CORE';
      if (block.scheme !== scheme) fail(`${where} is a ${block.scheme ?? '?'} direct debit, but the order type is for ${scheme}`);
    }
    if (!own.has(block.account.iban)) throw new PaymentAccountError(block.account.iban);
    if (transfer && (block.instant === true) !== (rules.instant === true)) {
      fail(
        rules.instant === true
          ? `${where}/PmtTpInf/LclInstrm/Cd must be INST for an instant order`
          : `${where} is SEPA Instant (LclInstrm INST); send it with the instant order type`,
      );
    }
    if (transfer) continue;
    for (const [i, t] of block.transactions.entries()) {
      const signedOn = t.mandate?.signedOn;
      if (signedOn === undefined) continue;
      if (compareDates(signedOn, rules.today) > 0) fail(`${where}/DrctDbtTxInf[${i + 1}] mandate signed in the future (${signedOn})`);
      if (compareDates(signedOn, block.dueDate) > 0) fail(`${where}/DrctDbtTxInf[${i + 1}] mandate signed after the collection date`);
    }
  }
}

/** A requested date the bank does not execute: the order is rejected in processing with `reasonCode`. */
export interface DateRejection {
  block: PaymentBlock;
  /** The element that holds the date. */
  field: 'ReqdExctnDt' | 'ReqdColltnDt';
  problem: PaymentDateProblem;
  /** ISO 20022 status reason code (DT03, DT05, CH03). */
  reasonCode: string;
  /** The bank's words for the protocol, naming the block, the date and the rule. */
  text: string;
}

function dateRuleText(field: DateRejection['field'], p: PaymentDateProblem): string {
  const date = `${field} ${p.date}`;
  switch (p.rule) {
    case 'nonBusinessDay':
      return `${date} is not a TARGET2 business day (next ${p.next ?? nextTarget2Day(p.date)})`;
    case 'tooEarly':
      return field === 'ReqdColltnDt'
        ? `${date} is too early: a collection must reach the bank ${COLLECTION_LEAD_TARGET2_DAYS} TARGET2 day before it (earliest ${p.earliest})`
        : `${date} is in the past (earliest ${p.earliest})`;
    case 'tooFarAhead':
      return `${date} is too far ahead: at most ${PAYMENT_HORIZON_DAYS} calendar days (latest ${p.latest})`;
  }
}

/**
 * The first payment block whose requested date breaks the bank's date rules
 * (shared/payment-dates.ts) for a file arriving on `today`, or null.
 */
export function dateRejection(file: PaymentFile, today: BusinessDate): DateRejection | null {
  const kind = file.message === 'pain.001' ? 'credit_transfer' : 'direct_debit';
  const field = kind === 'credit_transfer' ? 'ReqdExctnDt' : 'ReqdColltnDt';
  for (const block of file.blocks) {
    const problem = paymentDateProblem(kind, block.dueDate, today);
    if (problem === null) continue;
    const text = `PmtInf ${block.paymentInfoId}: ${dateRuleText(field, problem)}`;
    return { block, field, problem, reasonCode: DATE_RULE_REASON_CODES[problem.rule], text };
  }
  return null;
}
