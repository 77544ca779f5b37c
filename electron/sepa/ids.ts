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
const SLASH = 47;
// The identifier character set by code (all below 128): a lookup per character.
const ID_CHAR = new Uint8Array(128);
for (const ch of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-?:().,'+ ") ID_CHAR[ch.charCodeAt(0)] = 1;

/** The two 32-bit hashes of the identifier last accepted by scanId (module state: no object per id). */
let hashA = 0;
let hashB = 0;

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * Whether `value` is a valid SEPA identifier (exactly shared/ids.ts
 * `isValidSepaId`, ids.test.ts compares them), and its hashes into
 * hashA/hashB, in one pass over the characters.
 */
function scanId(value: string): boolean {
  const n = value.length;
  if (n === 0 || n > MAX_ID_LENGTH || value.charCodeAt(0) === SLASH || value.charCodeAt(n - 1) === SLASH) return false;
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128 || ID_CHAR[c] === 0 || (c === SLASH && previous === SLASH)) return false;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
    previous = c;
  }
  hashA = mix(a ^ n) || 1; // 0 marks a free slot
  hashB = mix(b);
  return true;
}

/** scanId without the hashes, for the tests: must agree with isValidSepaId. */
export function isValidIdFast(value: string): boolean {
  return scanId(value);
}

/**
 * A set of identifiers kept as two 32-bit hashes each (8 bytes, open
 * addressing), not as strings: a million end-to-end ids cost 16 MB instead
 * of the strings and a Set's entries. Equal hashes say "maybe seen"; the
 * caller then compares the strings themselves.
 */
export class IdHashSet {
  private slots: Int32Array;
  private size = 0;

  /** `expected`: how many ids will come, when known, so that the table is made once instead of growing (rehashing) a dozen times. */
  constructor(expected = 0) {
    let capacity = 1024;
    while (capacity < 2 * expected) capacity *= 2;
    this.slots = new Int32Array(2 * capacity);
  }

  /** Adds an id by its hashes (from scanId); false when they were there already. */
  add(a: number, b: number): boolean {
    if (2 * (this.size + 1) > this.slots.length / 2) this.grow();
    const added = this.insert(this.slots, a, b);
    if (added) this.size++;
    return added;
  }

  private insert(slots: Int32Array, a: number, b: number): boolean {
    const mask = slots.length / 2 - 1;
    for (let i = (a ^ b) & mask; ; i = (i + 1) & mask) {
      const at = slots[2 * i];
      if (at === 0) {
        slots[2 * i] = a;
        slots[2 * i + 1] = b;
        return true;
      }
      if (at === a && slots[2 * i + 1] === b) return false;
    }
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0) this.insert(slots, old[i]!, old[i + 1]!);
    this.slots = slots;
  }
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

export function duplicate(field: string, value: string, first: string): KontorError {
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

  /** The blocks' transactions, to find where a duplicate was first used (only then). */
  private readonly blocks: Array<ReadonlyArray<{ endToEndId: string } | null | undefined>> = [];

  /**
   * End-to-end ids whose hashes were seen before, when the transactions are
   * not kept (a streamed file): the caller finds out in another pass whether
   * they really repeat (`StreamedIdCheck`).
   */
  readonly suspects = new Set<string>();

  /**
   * `deferCollisions`: the transactions are not kept (a streamed file), so
   * ids with hashes seen before are collected in `suspects` instead of being
   * looked up. `endToEndIds` only for the tests, to make every pair of ids
   * share hashes.
   */
  constructor(
    private readonly debit: boolean,
    private readonly endToEndIds: Pick<IdHashSet, 'add'> = new IdHashSet(),
    private readonly deferCollisions = false,
  ) {}

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
    if (typeof id !== 'string' || !scanId(id)) assertSepaId(id, `blocks[${b}].transactions[${t}].endToEndId`);
    const a = hashA;
    const h = hashB;
    if (this.debit && (typeof tx.mandateId !== 'string' || !scanId(tx.mandateId))) {
      assertSepaId(tx.mandateId, `blocks[${b}].transactions[${t}].mandateId`);
    }
    if (this.endToEndIds.add(a, h)) return;
    if (this.deferCollisions) {
      this.suspects.add(id);
      return;
    }
    // Same hashes: used before, or (rarely) another id with the same hashes.
    const here = `blocks[${b}].transactions[${t}].endToEndId`;
    const first = this.firstUse(id);
    if (first !== here) throw duplicate(here, id, first);
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

/**
 * The second look at suspected duplicates of a streamed file (FileIdChecker
 * with deferCollisions): fed every end-to-end id again in order, throws
 * `sepa.duplicateId` at the second use of a suspect, naming the first.
 */
export class StreamedIdCheck {
  private readonly firstUse = new Map<string, string>();

  constructor(private readonly suspects: ReadonlySet<string>) {}

  transaction(id: string, b: number, t: number): void {
    if (!this.suspects.has(id)) return;
    const here = `blocks[${b}].transactions[${t}].endToEndId`;
    const first = this.firstUse.get(id);
    if (first !== undefined) throw duplicate(here, id, first);
    this.firstUse.set(id, here);
  }
}
