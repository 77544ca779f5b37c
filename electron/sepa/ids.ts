/**
 * Identifiers in payment files: message id (`MsgId`), payment information id
 * (`PmtInfId`), end-to-end id (`EndToEndId`) and mandate id (`MndtId`).
 * Each is 1–35 characters of the SEPA basic set, does not start or end with
 * `/` and has no `//` (the check is shared/ids.ts `isValidSepaId`,
 * anchored). Generated ids are deterministic: prefix, date and counter, e.g.
 * `KONTOR-20261121-000001`, so the same inputs give the same file.
 */
import { isBusinessDate, type BusinessDate } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import { isValidSepaId } from '../../shared/ids';
import { isDirectDebitFormat, MAX_ID_LENGTH, type PaymentFileInput } from './model';

export type SepaIdReason = 'empty' | 'tooLong' | 'charset' | 'leadingSlash' | 'trailingSlash' | 'doubleSlash';

const ID_CHARS = /^[a-zA-Z0-9/\-?:().,'+ ]*$/;
// Valid for certain: no slash at all, so none of the slash rules can fail.
const SIMPLE_ID = /^[a-zA-Z0-9\-?:().,'+ ]{1,35}$/;

function isValidId(value: string): boolean {
  return SIMPLE_ID.test(value) || isValidSepaId(value);
}

/** Why `value` is not a valid SEPA identifier, or undefined when it is. */
export function sepaIdProblem(value: string): SepaIdReason | undefined {
  if (isValidSepaId(value)) return undefined;
  if (value.length === 0) return 'empty';
  if (value.length > MAX_ID_LENGTH) return 'tooLong';
  if (!ID_CHARS.test(value)) return 'charset';
  if (value.startsWith('/')) return 'leadingSlash';
  if (value.endsWith('/')) return 'trailingSlash';
  return 'doubleSlash';
}

const REASON_WORDS: Record<SepaIdReason, string> = {
  empty: 'is empty',
  tooLong: `is longer than ${MAX_ID_LENGTH} characters`,
  charset: "has characters outside a-z A-Z 0-9 / - ? : ( ) . , ' + and space",
  leadingSlash: 'starts with /',
  trailingSlash: 'ends with /',
  doubleSlash: 'contains //',
};

/** Returns `value` or throws `sepa.invalidInput` with params `{ field, value, reason }`. */
export function assertSepaId(value: unknown, field: string): string {
  if (typeof value !== 'string') {
    throw new KontorError('sepa.invalidInput', `${field} is missing`, { field, reason: 'empty' });
  }
  const reason = sepaIdProblem(value);
  if (reason === undefined) return value;
  throw new KontorError('sepa.invalidInput', `${field} "${value.slice(0, 40)}" is not a SEPA identifier: it ${REASON_WORDS[reason]}`, {
    field,
    value: value.slice(0, 40),
    reason,
  });
}

function checkPrefix(prefix: string): void {
  // The prefix is a fixed part of every id: it must be valid on its own.
  if (prefix !== '' && sepaIdProblem(prefix) !== undefined) assertSepaId(prefix, 'prefix');
}

/**
 * `PREFIX-YYYYMMDD-000042`: prefix, the date without dashes, and the counter
 * zero-padded to `width` digits (more digits when it outgrows them). Throws
 * `sepa.invalidInput` when the result is not a valid identifier (too long).
 */
export function sepaId(prefix: string, date: BusinessDate, counter: number, width = 6): string {
  checkPrefix(prefix);
  if (!isBusinessDate(date)) throw new RangeError(`Not a business date (YYYY-MM-DD): "${date}"`);
  if (!Number.isSafeInteger(counter) || counter < 0) throw new RangeError(`Counter must be a non-negative integer, got ${counter}`);
  const parts = [prefix, date.replaceAll('-', ''), String(counter).padStart(width, '0')].filter((p) => p !== '');
  return assertSepaId(parts.join('-'), 'id');
}

/** `PARENT-001`: an id derived from another, e.g. payment information ids from the message id. */
export function childId(parent: string, index: number, width = 3): string {
  checkPrefix(parent);
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`Index must be a non-negative integer, got ${index}`);
  return assertSepaId(`${parent}-${String(index).padStart(width, '0')}`, 'id');
}

/** Consecutive ids `PREFIX-YYYYMMDD-000001`, `…-000002`, … from a starting counter. */
export class SepaIdSequence {
  private counter: number;

  constructor(
    private readonly prefix: string,
    private readonly date: BusinessDate,
    start = 1,
    private readonly width = 6,
  ) {
    this.counter = start;
    sepaId(prefix, date, start, width); // fails now, not on first use
  }

  next(): string {
    const id = sepaId(this.prefix, this.date, this.counter, this.width);
    this.counter++;
    return id;
  }

  /** The counter the next id will carry (to persist between runs). */
  get nextCounter(): number {
    return this.counter;
  }
}

function duplicate(field: string, value: string, first: string): KontorError {
  return new KontorError('sepa.duplicateId', `${field} "${value}" is used twice in the file (first at ${first})`, { field, value, first });
}

/**
 * The identifier checks of one file, fed block by block and transaction by
 * transaction: ids valid, payment information ids and end-to-end ids unique
 * within the file (mandate ids need not be: one mandate may be collected
 * more than once). The builder calls it from its own pass over the input, so
 * that 100,000 transactions are walked once. Throws `sepa.invalidInput` or
 * `sepa.duplicateId` naming the field.
 */
export class FileIdChecker {
  private readonly blockIds = new Map<string, number>();
  private readonly endToEndIds = new Set<string>();
  /** The blocks' transactions, to find where a duplicate was first used (only then). */
  private readonly blocks: Array<ReadonlyArray<{ endToEndId: string } | null | undefined>> = [];

  constructor(private readonly debit: boolean) {}

  messageId(id: unknown): void {
    assertSepaId(id, 'messageId');
  }

  block(id: unknown, b: number, transactions: ReadonlyArray<{ endToEndId: string } | null | undefined>): void {
    this.blocks[b] = transactions;
    const field = `blocks[${b}].paymentInfoId`;
    const valid = assertSepaId(id, field);
    const first = this.blockIds.get(valid);
    if (first !== undefined) throw duplicate(field, valid, `blocks[${first}].paymentInfoId`);
    this.blockIds.set(valid, b);
  }

  transaction(tx: { endToEndId: string; mandateId?: string }, b: number, t: number): void {
    const id = tx.endToEndId;
    // Cheap check first; the path string is only built on failure.
    if (typeof id !== 'string' || !isValidId(id)) assertSepaId(id, `blocks[${b}].transactions[${t}].endToEndId`);
    if (this.debit && (typeof tx.mandateId !== 'string' || !isValidId(tx.mandateId))) {
      assertSepaId(tx.mandateId, `blocks[${b}].transactions[${t}].mandateId`);
    }
    const size = this.endToEndIds.size;
    this.endToEndIds.add(id);
    if (this.endToEndIds.size === size) throw duplicate(`blocks[${b}].transactions[${t}].endToEndId`, id, this.firstUse(id));
  }

  private firstUse(id: string): string {
    for (const [b, txs] of this.blocks.entries()) {
      const t = txs?.findIndex((tx) => tx?.endToEndId === id) ?? -1;
      if (t >= 0) return `blocks[${b}].transactions[${t}].endToEndId`;
    }
    return '?';
  }
}

/**
 * Checks every identifier of a payment file (see FileIdChecker) without
 * building it.
 */
export function checkFileIds(input: PaymentFileInput): void {
  const checker = new FileIdChecker(isDirectDebitFormat(input.format));
  checker.messageId(input.messageId);
  const blocks: ReadonlyArray<PaymentFileInput['blocks'][number]> = input.blocks;
  blocks.forEach((block, b) => {
    const txs: ReadonlyArray<{ endToEndId: string; mandateId?: string } | null | undefined> = block.transactions;
    checker.block(block.paymentInfoId, b, txs);
    for (let t = 0; t < txs.length; t++) {
      const tx = txs[t];
      if (tx !== undefined && tx !== null) checker.transaction(tx, b, t);
    }
  });
}
