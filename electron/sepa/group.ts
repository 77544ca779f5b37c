/**
 * From flat payment lines to payment blocks (`PmtInf`) and files (docs/sepa.md):
 * a block has one execution/collection date, one batch-booking choice and
 * one of our accounts; direct-debit blocks also one scheme and one sequence
 * type. CORE and B2B never share a file: they go to the bank as separate
 * EBICS orders (CDD / CDB), so direct debits come back as one file per scheme.
 * Some banks accept one block per file (a bank access setting):
 * `oneBlockPerFile` then gives every block its own file.
 *
 * The result is deterministic: blocks are ordered by date, (scheme, sequence
 * type,) account and batch booking, transactions keep their input order.
 * The lines themselves become the blocks' transactions (a line is a
 * transaction with its block's fields; the builder reads only the
 * transaction's): 100,000 lines are grouped without being copied.
 */
import type { BusinessDate } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import { normalizeBic, normalizeIban } from '../../shared/ids';
import {
  SEQUENCE_TYPES,
  type CreditTransferBlock,
  type CreditTransferTx,
  type DirectDebitBlock,
  type DirectDebitScheme,
  type DirectDebitTx,
  type Party,
} from './model';

/** One credit transfer with what decides its block. */
export interface CreditTransferLine extends CreditTransferTx {
  executionDate: BusinessDate;
  batchBooking: boolean;
  /** Our account, debited. */
  debtor: Party;
}

/** One direct debit with what decides its block. */
export interface DirectDebitLine extends DirectDebitTx {
  collectionDate: BusinessDate;
  batchBooking: boolean;
  scheme: DirectDebitScheme;
  /** Our account, credited. */
  creditor: Party;
  creditorId: string;
}

export interface GroupOptions {
  /** Called once per block, in output order: its `PmtInfId` (e.g. `() => sequence.next()`). */
  nextPaymentInfoId: () => string;
  /** One block per file, for banks that accept no more. */
  oneBlockPerFile?: boolean;
}

export interface CreditTransferFileBlocks {
  blocks: CreditTransferBlock[];
}

export interface DirectDebitFileBlocks {
  /** Every block of the file has this scheme. */
  scheme: DirectDebitScheme;
  blocks: DirectDebitBlock[];
}

/**
 * Our account as a grouping key: normalised IBAN, BIC and name. Normalising
 * is done once per distinct account as written (looked up by its raw IBAN,
 * BIC and name, strings that need no new key built per line).
 */
function accountKeys(): (p: Party) => string {
  const known = new Map<string, Map<string, Map<string, string>>>();
  return (p) => {
    const bicRaw = p.bic ?? '';
    let byBic = known.get(p.iban);
    if (byBic === undefined) known.set(p.iban, (byBic = new Map()));
    let byName = byBic.get(bicRaw);
    if (byName === undefined) byBic.set(bicRaw, (byName = new Map()));
    let key = byName.get(p.name);
    if (key === undefined) {
      key = `${normalizeIban(p.iban)}|${p.bic ? normalizeBic(p.bic) : ''}|${p.name}`;
      byName.set(p.name, key);
    }
    return key;
  };
}

interface Group<L> {
  /** Position of the group's first line, the last tie-breaker. */
  first: number;
  lines: L[];
}

type Level<L> = Map<string, Level<L> | Group<L>>;

/**
 * Lines grouped by the values of `keys` (in nested maps: no composite key
 * string is built per line), in the order of their first line.
 */
function collect<L>(lines: readonly L[], keys: ReadonlyArray<(line: L) => string>): Group<L>[] {
  const root: Level<L> = new Map();
  const groups: Group<L>[] = [];
  const last = keys.length - 1;
  lines.forEach((line, i) => {
    let level = root;
    for (let k = 0; k < last; k++) {
      const key = keys[k]?.(line) ?? '';
      let next = level.get(key) as Level<L> | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(key, next);
      }
      level = next;
    }
    const key = keys[last]?.(line) ?? '';
    const g = level.get(key) as Group<L> | undefined;
    if (g === undefined) {
      const group = { first: i, lines: [line] };
      level.set(key, group);
      groups.push(group);
    } else {
      g.lines.push(line);
    }
  });
  return groups;
}

// Dates are compared as text (YYYY-MM-DD sorts correctly); the builder
// refuses a malformed one with a message naming the field.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function intoFiles<B>(blocks: B[], oneBlockPerFile: boolean | undefined): B[][] {
  if (blocks.length === 0) return [];
  return oneBlockPerFile === true ? blocks.map((b) => [b]) : [blocks];
}

/** Credit transfers into blocks by execution date, our account and batch booking; one file unless `oneBlockPerFile`. */
export function groupCreditTransfers(lines: readonly CreditTransferLine[], o: GroupOptions): CreditTransferFileBlocks[] {
  const accountKey = accountKeys();
  const groups = collect(lines, [(l) => l.executionDate, (l) => accountKey(l.debtor), (l) => String(l.batchBooking)]);
  groups.sort((a, b) => {
    const x = a.lines[0];
    const y = b.lines[0];
    if (x === undefined || y === undefined) return 0;
    return (
      compareText(x.executionDate, y.executionDate) ||
      compareText(normalizeIban(x.debtor.iban), normalizeIban(y.debtor.iban)) ||
      Number(y.batchBooking) - Number(x.batchBooking) ||
      a.first - b.first
    );
  });
  const blocks: CreditTransferBlock[] = [];
  for (const g of groups) {
    const head = g.lines[0];
    if (head === undefined) continue;
    blocks.push({
      paymentInfoId: o.nextPaymentInfoId(),
      executionDate: head.executionDate,
      batchBooking: head.batchBooking,
      debtor: head.debtor,
      transactions: g.lines,
    });
  }
  return intoFiles(blocks, o.oneBlockPerFile).map((b) => ({ blocks: b }));
}

const SCHEMES: readonly DirectDebitScheme[] = ['CORE', 'B2B'];

/**
 * Direct debits into blocks by collection date, scheme, sequence type, our
 * account (with creditor identifier) and batch booking. Files are separated
 * by scheme, CORE first: CORE and B2B never share a file.
 */
export function groupDirectDebits(lines: readonly DirectDebitLine[], o: GroupOptions): DirectDebitFileBlocks[] {
  // A line of an unknown scheme or sequence type would belong to no file: refuse, never drop.
  lines.forEach((l, i) => {
    if (!SCHEMES.includes(l.scheme)) {
      throw new KontorError('sepa.invalidInput', `lines[${i}].scheme "${String(l.scheme)}" is not CORE or B2B`, {
        field: `lines[${i}].scheme`,
        value: String(l.scheme),
      });
    }
    if (!SEQUENCE_TYPES.includes(l.sequenceType)) {
      throw new KontorError('sepa.invalidInput', `lines[${i}].sequenceType "${String(l.sequenceType)}" is not FRST, RCUR, OOFF or FNAL`, {
        field: `lines[${i}].sequenceType`,
        value: String(l.sequenceType),
      });
    }
  });
  const files: DirectDebitFileBlocks[] = [];
  for (const scheme of SCHEMES) {
    const ofScheme = lines.filter((l) => l.scheme === scheme);
    const accountKey = accountKeys();
    const groups = collect(ofScheme, [
      (l) => l.collectionDate,
      (l) => l.sequenceType,
      (l) => accountKey(l.creditor),
      (l) => l.creditorId,
      (l) => String(l.batchBooking),
    ]);
    groups.sort((a, b) => {
      const x = a.lines[0];
      const y = b.lines[0];
      if (x === undefined || y === undefined) return 0;
      return (
        compareText(x.collectionDate, y.collectionDate) ||
        SEQUENCE_TYPES.indexOf(x.sequenceType) - SEQUENCE_TYPES.indexOf(y.sequenceType) ||
        compareText(normalizeIban(x.creditor.iban), normalizeIban(y.creditor.iban)) ||
        Number(y.batchBooking) - Number(x.batchBooking) ||
        a.first - b.first
      );
    });
    const blocks: DirectDebitBlock[] = [];
    for (const g of groups) {
      const head = g.lines[0];
      if (head === undefined) continue;
      blocks.push({
        paymentInfoId: o.nextPaymentInfoId(),
        collectionDate: head.collectionDate,
        batchBooking: head.batchBooking,
        scheme,
        sequenceType: head.sequenceType,
        creditor: head.creditor,
        creditorId: head.creditorId,
        transactions: g.lines,
      });
    }
    for (const file of intoFiles(blocks, o.oneBlockPerFile)) files.push({ scheme, blocks: file });
  }
  return files;
}
