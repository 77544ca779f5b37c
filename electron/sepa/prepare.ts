/**
 * The first pass of building a payment file: checks everything (identifiers,
 * amounts, IBANs, BICs, creditor identifier, dates, names) and prepares what
 * is written (texts transliterated and cut, IBANs and BICs normalised). A file with a problem is refused here with a
 * KontorError naming the field, before a single byte is written; and the
 * group header gets its `NbOfTxs` and `CtrlSum` (German banks require it),
 * which come before the transactions.
 *
 * What is kept per transaction is four references (name, IBAN, BIC,
 * remittance; mostly the input's own strings) in arrays, not objects:
 * 100,000 transactions cost about 3 MB.
 */
import { isBusinessDate, isTarget2Day, nextTarget2Day, type BusinessDate } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import { isValidCreditorId, normalizeCreditorId } from '../../shared/ids';
import { sumCents, type Cents } from '../../shared/money';
import { BicChecker, IbanChecker } from './iban';
import { FileIdChecker, IdHashSet } from './ids';
import {
  isCreditTransferFormat,
  isDirectDebitFormat,
  MAX_AMOUNT_CENTS,
  MAX_NAME_LENGTH,
  MAX_REMITTANCE_LENGTH,
  MIN_AMOUNT_CENTS,
  SEQUENCE_TYPES,
  type CreditTransferBlock,
  type CreditTransferTx,
  type DirectDebitBlock,
  type DirectDebitScheme,
  type DirectDebitTx,
  type Party,
  type PaymentFileInput,
  type PainFormat,
  type SequenceType,
} from './model';
import { sepaText, type SepaTextOutcome } from './transliterate';
import { executionNotTarget2Day, MAX_LISTED_CHANGES, transliterated, type FileWarning, type TextChangePreview } from './warnings';

const INSTANT = /^([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?Z$/;
const PURPOSE_CODE = /^[A-Z0-9]{4}$/;
const HAS_ALPHANUMERIC = /[A-Za-z0-9]/;
/** Bounds the per-build caches of names and IBANs (a million distinct payees must not keep a million entries). */
const CACHED_NAMES = 50_000;
const REMITTANCE_KEYS = ['remittance'] as const;
const NAME_KEYS: Readonly<Record<string, readonly string[]>> = { creditor: ['creditor', 'name'], debtor: ['debtor', 'name'] };

// ---------------------------------------------------------------- checks

export function invalid(field: string, reason: string, message: string, value?: string): KontorError {
  const params: Record<string, string> = { field, reason };
  if (value !== undefined) params.value = value.slice(0, 140);
  return new KontorError('sepa.invalidInput', `${field}: ${message}`, params);
}

/** `blocks[2].transactions[7].creditor.iban`: built only when there is a problem to report. */
function path(block: number, tx: number, ...keys: string[]): string {
  const parts = [block < 0 ? '' : `blocks[${block}]`, tx < 0 ? '' : `transactions[${tx}]`, ...keys];
  return parts.filter((p) => p !== '').join('.');
}

/** sum + cents, exact: refuses (like sumCents) once the sum leaves the safe integers. */
export function addCents(sum: Cents, cents: Cents): Cents {
  const next = sum + cents;
  if (next > Number.MAX_SAFE_INTEGER) throw new KontorError('amount.outOfRange', 'Sum of amounts is too large');
  return next;
}

function checkAmount(cents: unknown, block: number, tx: number): Cents {
  if (typeof cents !== 'number' || !Number.isSafeInteger(cents) || cents < MIN_AMOUNT_CENTS || cents > MAX_AMOUNT_CENTS) {
    const field = path(block, tx, 'amountCents');
    throw invalid(
      field,
      'amount',
      `${String(cents)} is not a whole number of cents from 1 (0.01 EUR) to ${MAX_AMOUNT_CENTS} (999,999,999.99 EUR)`,
      String(cents),
    );
  }
  return cents;
}

function checkDate(value: unknown, field: () => string): BusinessDate {
  if (typeof value !== 'string' || !isBusinessDate(value)) throw invalid(field(), 'date', `"${String(value)}" is not a date (YYYY-MM-DD)`, String(value));
  return value;
}

/** `2026-11-21T09:30:00Z`: the UTC instant to the second. */
function creationTime(value: unknown): string {
  const m = typeof value === 'string' ? INSTANT.exec(value) : null;
  if (m === null || !isBusinessDate(m[1] ?? '') || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4]) > 59) {
    throw invalid('createdAt', 'instant', `"${String(value)}" is not a UTC instant (YYYY-MM-DDThh:mm:ssZ)`, String(value));
  }
  return `${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`;
}

function nonEmpty<T>(list: unknown, field: string): T[] {
  if (!Array.isArray(list) || list.length === 0) throw invalid(field, 'empty', 'at least one is required');
  return list as T[];
}

/** Name, IBAN and BIC of a party, as written. */
export interface PreparedParty {
  name: string;
  iban: string;
  bic: string | undefined;
}

/** The first pass's state: the German option, the BIC cache, counters for the warnings. */
export class Checker {
  changedTexts = 0;
  truncatedTexts = 0;
  /** The first changed texts, for the preview of what changed (the counters cover all). */
  readonly changes: TextChangePreview[] = [];
  private readonly bics = new BicChecker();
  private readonly ibans = new IbanChecker();
  /** Payees come back (suppliers, members): their names are transliterated once per build. */
  private readonly names = new Map<string, SepaTextOutcome>();

  constructor(readonly german: boolean) {}

  private transliterate(value: string, maxLength: number): SepaTextOutcome {
    if (maxLength !== MAX_NAME_LENGTH) return sepaText(value, maxLength, this.german);
    let r = this.names.get(value);
    if (r === undefined) {
      r = sepaText(value, maxLength, this.german);
      if (this.names.size < CACHED_NAMES) this.names.set(value, r);
    }
    return r;
  }

  /** `field` is the path of the text (`block`, `tx`, then `keys`), built only when it is listed. */
  private text(value: string, maxLength: number, block: number, tx: number, keys: readonly string[]): string {
    const r = this.transliterate(value, maxLength);
    if (r.changed) {
      this.changedTexts++;
      if (r.truncated) this.truncatedTexts++;
      if (this.changes.length < MAX_LISTED_CHANGES)
        this.changes.push({ field: path(block, tx, ...keys), before: value, after: r.text, truncated: r.truncated });
    }
    return r.text;
  }

  name(value: unknown, block: number, tx: number, keys: readonly string[]): string {
    if (typeof value !== 'string') throw invalid(path(block, tx, ...keys), 'missing', 'a name is required');
    const name = this.text(value, MAX_NAME_LENGTH, block, tx, keys);
    if (!HAS_ALPHANUMERIC.test(name)) {
      throw invalid(path(block, tx, ...keys), 'empty', `"${value.slice(0, 70)}" has no letters or digits left in the SEPA character set`, value);
    }
    return name;
  }

  remittance(value: unknown, block: number, tx: number): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw invalid(path(block, tx, 'remittance'), 'type', 'remittance must be text');
    const r = this.text(value, MAX_REMITTANCE_LENGTH, block, tx, REMITTANCE_KEYS);
    return r === '' ? undefined : r;
  }

  /** Checks a party and stores what is written into `into` at `index`. */
  party(p: Party | undefined | null, block: number, tx: number, role: string, into: PreparedTexts, index: number): void {
    if (p === undefined || p === null || typeof p !== 'object') throw invalid(path(block, tx, role), 'missing', 'name and IBAN are required');
    into.names[index] = this.name(p.name, block, tx, NAME_KEYS[role] ?? [role, 'name']);
    const iban = typeof p.iban === 'string' ? this.ibans.check(p.iban) : undefined;
    if (iban === undefined) throw invalid(path(block, tx, role, 'iban'), 'iban', `"${String(p.iban)}" is not a valid IBAN`, String(p.iban));
    into.ibans[index] = iban;
    let bic: string | undefined;
    const given: unknown = p.bic;
    if (given !== undefined && given !== null && !(typeof given === 'string' && given.trim() === '')) {
      bic = typeof given === 'string' ? this.bics.check(given) : undefined;
      if (bic === undefined) throw invalid(path(block, tx, role, 'bic'), 'bic', `"${String(given)}" is not a valid BIC`, String(given));
    }
    into.bics[index] = bic;
  }
}

// ---------------------------------------------------------------- prepared model

/** Per transaction, by index: what the first pass changed or normalised. */
export interface PreparedTexts {
  /**
   * The names and remittance texts are from the SEPA basic character set
   * (transliterated without the German extension): the writer copies them
   * without escaping (ByteOut.basic).
   */
  basic: boolean;
  names: string[];
  ibans: string[];
  bics: Array<string | undefined>;
  remittances: Array<string | undefined>;
}

export function preparedTexts(n: number, german: boolean): PreparedTexts {
  return {
    basic: !german,
    names: new Array<string>(n),
    ibans: new Array<string>(n),
    bics: new Array<string | undefined>(n),
    remittances: new Array<string | undefined>(n),
  };
}

export interface BlockCommon {
  paymentInfoId: string;
  date: BusinessDate;
  batchBooking: boolean;
  account: PreparedParty;
  texts: PreparedTexts;
  controlSumCents: Cents;
}

/** The input's transactions (checked) plus the prepared texts. */
export interface PreparedTransferBlock extends BlockCommon {
  kind: 'transfer';
  /** SEPA Instant (LclInstrm INST); absent: a plain SEPA transfer. */
  instant?: boolean;
  transactions: readonly CreditTransferTx[];
}

export interface PreparedDebitBlock extends BlockCommon {
  kind: 'debit';
  scheme: DirectDebitScheme;
  sequenceType: SequenceType;
  creditorId: string;
  transactions: readonly DirectDebitTx[];
}

export type PreparedBlock = PreparedTransferBlock | PreparedDebitBlock;

export interface PreparedFile {
  format: PainFormat;
  transfer: boolean;
  messageId: string;
  createdAt: string;
  initiatingParty: string;
  blocks: PreparedBlock[];
  count: number;
  controlSumCents: Cents;
  warnings: FileWarning[];
}

function account(c: Checker, p: Party, b: number, role: string): PreparedParty {
  const one = preparedTexts(1, c.german);
  c.party(p, b, -1, role, one, 0);
  return { name: one.names[0] ?? '', iban: one.ibans[0] ?? '', bic: one.bics[0] };
}

/** A credit transfer block's own fields, checked: its date (a warning when not a TARGET2 day) and our account. */
export function transferBlockHead(block: CreditTransferBlock, b: number, c: Checker, warnings: FileWarning[]): { date: BusinessDate; account: PreparedParty } {
  const where = `blocks[${b}]`;
  if (block === null || typeof block !== 'object' || !('executionDate' in block)) {
    throw invalid(where, 'blockKind', 'a credit transfer file needs credit transfer blocks (with executionDate)');
  }
  const date = checkDate(block.executionDate, () => `${where}.executionDate`);
  if (!isTarget2Day(date)) {
    warnings.push(executionNotTarget2Day(block.paymentInfoId, date, nextTarget2Day(date)));
  }
  return { date, account: account(c, block.debtor, b, 'debtor') };
}

/** One credit transfer checked, its texts stored into `into` at `index`; returns its amount. */
export function transferTx(
  tx: CreditTransferTx | null | undefined,
  b: number,
  t: number,
  c: Checker,
  ids: FileIdChecker,
  into: PreparedTexts,
  index: number,
): Cents {
  if (tx === undefined || tx === null || typeof tx !== 'object') throw invalid(path(b, t), 'missing', 'transaction missing');
  ids.transaction(tx, b, t);
  if (tx.purposeCode !== undefined && (typeof tx.purposeCode !== 'string' || !PURPOSE_CODE.test(tx.purposeCode))) {
    throw invalid(
      path(b, t, 'purposeCode'),
      'purposeCode',
      `"${String(tx.purposeCode)}" is not an ISO purpose code (four capitals, e.g. SALA)`,
      String(tx.purposeCode),
    );
  }
  const cents = checkAmount(tx.amountCents, b, t);
  c.party(tx.creditor, b, t, 'creditor', into, index);
  into.remittances[index] = c.remittance(tx.remittance, b, t);
  return cents;
}

function prepareTransferBlock(block: CreditTransferBlock, b: number, c: Checker, ids: FileIdChecker, warnings: FileWarning[]): PreparedTransferBlock {
  const { date, account: debtor } = transferBlockHead(block, b, c, warnings);
  const txs = nonEmpty<CreditTransferTx | undefined | null>(block.transactions, `blocks[${b}].transactions`);
  ids.block(block.paymentInfoId, b, txs);
  const texts = preparedTexts(txs.length, c.german);
  let sum = 0;
  for (let t = 0; t < txs.length; t++) sum = addCents(sum, transferTx(txs[t], b, t, c, ids, texts, t));
  return {
    kind: 'transfer',
    paymentInfoId: block.paymentInfoId,
    date,
    batchBooking: block.batchBooking !== false,
    ...(block.instant === true ? { instant: true } : {}),
    account: debtor,
    texts,
    controlSumCents: sum,
    transactions: txs as CreditTransferTx[],
  };
}

/** A direct debit block's own fields, checked: date (a TARGET2 day), scheme, sequence type, creditor identifier and our account. */
export function debitBlockHead(block: DirectDebitBlock, b: number, c: Checker): { date: BusinessDate; account: PreparedParty } {
  const where = `blocks[${b}]`;
  if (block === null || typeof block !== 'object' || !('collectionDate' in block)) {
    throw invalid(where, 'blockKind', 'a direct debit file needs direct debit blocks (with collectionDate)');
  }
  const date = checkDate(block.collectionDate, () => `${where}.collectionDate`);
  if (!isTarget2Day(date)) {
    const next = nextTarget2Day(date);
    throw new KontorError('sepa.notTarget2Day', `${where}.collectionDate ${date} is not a TARGET2 business day; the next one is ${next}`, {
      field: `${where}.collectionDate`,
      date,
      next,
    });
  }
  if (block.scheme !== 'CORE' && block.scheme !== 'B2B')
    throw invalid(`${where}.scheme`, 'scheme', `"${String(block.scheme)}" is not CORE or B2B`, String(block.scheme));
  if (!SEQUENCE_TYPES.includes(block.sequenceType)) {
    throw invalid(`${where}.sequenceType`, 'sequenceType', `"${String(block.sequenceType)}" is not FRST, RCUR, OOFF or FNAL`, String(block.sequenceType));
  }
  if (typeof block.creditorId !== 'string' || !isValidCreditorId(block.creditorId)) {
    throw invalid(`${where}.creditorId`, 'creditorId', `"${String(block.creditorId)}" is not a valid SEPA creditor identifier`, String(block.creditorId));
  }
  return { date, account: account(c, block.creditor, b, 'creditor') };
}

/** One direct debit of a block collected on `date` checked, its texts stored into `into` at `index`; returns its amount. */
export function debitTx(
  tx: DirectDebitTx | null | undefined,
  block: { sequenceType: SequenceType; date: BusinessDate },
  b: number,
  t: number,
  c: Checker,
  ids: FileIdChecker,
  into: PreparedTexts,
  index: number,
): Cents {
  if (tx === undefined || tx === null || typeof tx !== 'object') throw invalid(path(b, t), 'missing', 'transaction missing');
  ids.transaction(tx, b, t);
  if (tx.sequenceType !== block.sequenceType) {
    throw invalid(path(b, t, 'sequenceType'), 'sequenceTypeMismatch', `${String(tx.sequenceType)} in a ${block.sequenceType} block`, String(tx.sequenceType));
  }
  const signedOn = tx.mandateSignedOn;
  if (typeof signedOn !== 'string' || !isBusinessDate(signedOn)) checkDate(signedOn, () => path(b, t, 'mandateSignedOn'));
  if (signedOn > block.date) {
    throw invalid(path(b, t, 'mandateSignedOn'), 'afterCollection', `mandate signed on ${signedOn}, after the collection date ${block.date}`, signedOn);
  }
  const cents = checkAmount(tx.amountCents, b, t);
  c.party(tx.debtor, b, t, 'debtor', into, index);
  into.remittances[index] = c.remittance(tx.remittance, b, t);
  return cents;
}

function prepareDebitBlock(block: DirectDebitBlock, b: number, c: Checker, ids: FileIdChecker): PreparedDebitBlock {
  const { date, account: creditor } = debitBlockHead(block, b, c);
  const txs = nonEmpty<DirectDebitTx | undefined | null>(block.transactions, `blocks[${b}].transactions`);
  ids.block(block.paymentInfoId, b, txs);
  const texts = preparedTexts(txs.length, c.german);
  let sum = 0;
  const head = { sequenceType: block.sequenceType, date };
  for (let t = 0; t < txs.length; t++) sum = addCents(sum, debitTx(txs[t], head, b, t, c, ids, texts, t));
  return {
    kind: 'debit',
    paymentInfoId: block.paymentInfoId,
    date,
    batchBooking: block.batchBooking !== false,
    account: creditor,
    texts,
    controlSumCents: sum,
    scheme: block.scheme,
    sequenceType: block.sequenceType,
    creditorId: normalizeCreditorId(block.creditorId),
    transactions: txs as DirectDebitTx[],
  };
}

/** The file's own fields: the creation instant and the initiating party's name. */
export function checkFileFields(input: { createdAt: unknown; initiatingParty: unknown }, c: Checker): { createdAt: string; initiatingParty: string } {
  const createdAt = creationTime(input.createdAt);
  return { createdAt, initiatingParty: c.name(input.initiatingParty, -1, -1, ['initiatingParty']) };
}

export function prepare(input: PaymentFileInput, german: boolean): PreparedFile {
  if (input === null || typeof input !== 'object') throw invalid('input', 'missing', 'no payment file input');
  const format: string = input.format;
  const transfer = isCreditTransferFormat(format);
  if (!transfer && !isDirectDebitFormat(format)) {
    throw invalid('format', 'format', `"${String(format)}" is not pain.001.001.09, pain.001.001.03, pain.008.001.08 or pain.008.001.02`, String(format));
  }
  nonEmpty(input.blocks, 'blocks');
  const expected = (input.blocks as ReadonlyArray<{ transactions?: unknown } | null>).reduce(
    (n, b) => n + (Array.isArray(b?.transactions) ? b.transactions.length : 0),
    0,
  );
  const ids = new FileIdChecker(!transfer, new IdHashSet(expected));
  ids.messageId(input.messageId);
  const c = new Checker(german);
  const warnings: FileWarning[] = [];
  const { createdAt, initiatingParty } = checkFileFields(input, c);
  let blocks: PreparedBlock[];
  if (transfer) {
    blocks = (input.blocks as CreditTransferBlock[]).map((block, b) => prepareTransferBlock(block, b, c, ids, warnings));
  } else {
    const debits = (input.blocks as DirectDebitBlock[]).map((block, b) => prepareDebitBlock(block, b, c, ids));
    if (new Set(debits.map((b) => b.scheme)).size > 1) {
      throw new KontorError('sepa.mixedSchemes', 'CORE and B2B direct debits cannot share a file: they are separate orders (CDD / CDB)', {
        field: 'blocks',
      });
    }
    blocks = debits;
  }
  if (c.changedTexts > 0) warnings.unshift(transliterated(c.changedTexts, c.truncatedTexts, c.changes));
  return {
    format: format as PainFormat,
    transfer,
    messageId: input.messageId,
    createdAt,
    initiatingParty,
    blocks,
    count: blocks.reduce((n, b) => n + b.transactions.length, 0),
    controlSumCents: sumCents(blocks.map((b) => b.controlSumCents)),
    warnings,
  };
}
