/**
 * A payment file of any size with flat memory (issue 21.3): the
 * transactions are not an array but a source that can be read more than
 * once (a query on the ledger, a generator), and nothing per transaction is
 * kept between the passes:
 *
 * 1. check every transaction as buildPaymentFile does (prepare.ts: amounts,
 *    IBANs, BICs, texts, identifiers) and count and sum each block, for the
 *    group header that comes first; end-to-end ids are kept as two 32-bit
 *    hashes each (ids.ts IdHashSet, 16 MB for a million);
 * 2. only when two ids had the same hashes: read the ids again to tell a
 *    real duplicate from a coincidence;
 * 3. write: each transaction's texts are prepared again (the same rules
 *    give the same text) and it is written at once, in chunks of about
 *    64 KiB with the SHA-256 on the way.
 *
 * A refused input writes nothing (all checks in pass 1 and 2). The bytes are
 * exactly those of buildPaymentFile for the same transactions (stream.test.ts).
 * A source that gives other transactions the second time is a programming
 * error: the counts and sums are compared and the build fails.
 */
import { sumCents, type Cents } from '../../shared/money';
import type { PaymentFileSummary } from './build';
import {
  isCreditTransferFormat,
  isDirectDebitFormat,
  type CreditTransferBlock,
  type CreditTransferTx,
  type DirectDebitBlock,
  type DirectDebitTx,
  type PainFormat,
  type PaymentFileInput,
} from './model';
import { FileIdChecker, StreamedIdCheck } from './ids';
import {
  addCents,
  Checker,
  checkFileFields,
  debitBlockHead,
  debitTx,
  invalid,
  preparedTexts,
  transferBlockHead,
  transferTx,
  type PreparedParty,
} from './prepare';
import { ByteOut } from './byte-out';
import { DIALECTS, renderDebitHead, renderDocumentEnd, renderDocumentHead, renderTransferHead } from './render';
import { BLOCK_END, writeDebitTx, writeTransferTx } from './render-bytes';
import { transliterated, type FileWarning } from './warnings';
import { normalizeCreditorId } from '../../shared/ids';
import { KontorError } from '../../shared/errors';
import type { BuildOptions } from './build';

/** Transactions that can be read more than once, in the same order each time. */
export type TransactionSource<T> = () => Iterable<T>;

export type StreamedTransferBlock = Omit<CreditTransferBlock, 'transactions'> & { transactions: TransactionSource<CreditTransferTx> };
export type StreamedDebitBlock = Omit<DirectDebitBlock, 'transactions'> & { transactions: TransactionSource<DirectDebitTx> };

type FileFields = Pick<PaymentFileInput, 'messageId' | 'createdAt' | 'initiatingParty'>;
export type StreamedPaymentFileInput =
  | (FileFields & { format: Extract<PainFormat, `pain.001.${string}`>; blocks: StreamedTransferBlock[] })
  | (FileFields & { format: Extract<PainFormat, `pain.008.${string}`>; blocks: StreamedDebitBlock[] });

interface BlockTotals {
  date: string;
  account: PreparedParty;
  count: number;
  sum: Cents;
}

type AnyBlock = StreamedTransferBlock | StreamedDebitBlock;

/** Pass 1 over one block: every transaction checked, counted and summed. */
function checkBlock(block: AnyBlock, b: number, transfer: boolean, c: Checker, ids: FileIdChecker, warnings: FileWarning[]): BlockTotals {
  const head = transfer
    ? transferBlockHead(block as unknown as CreditTransferBlock, b, c, warnings)
    : debitBlockHead(block as unknown as DirectDebitBlock, b, c);
  if (typeof block.transactions !== 'function') throw invalid(`blocks[${b}].transactions`, 'empty', 'a source of transactions is required');
  ids.block(block.paymentInfoId, b, []);
  const scratch = preparedTexts(1, c.german);
  const debit = { sequenceType: (block as StreamedDebitBlock).sequenceType, date: head.date };
  let count = 0;
  let sum = 0;
  for (const tx of block.transactions() as Iterable<CreditTransferTx | DirectDebitTx>) {
    const cents = transfer
      ? transferTx(tx as CreditTransferTx, b, count, c, ids, scratch, 0)
      : debitTx(tx as DirectDebitTx, debit, b, count, c, ids, scratch, 0);
    sum = addCents(sum, cents);
    count++;
  }
  if (count === 0) throw invalid(`blocks[${b}].transactions`, 'empty', 'at least one is required');
  return { ...head, count, sum };
}

/** Pass 2, only when ids shared hashes: are they real duplicates? */
function checkSuspects(blocks: readonly AnyBlock[], suspects: ReadonlySet<string>): void {
  if (suspects.size === 0) return;
  const check = new StreamedIdCheck(suspects);
  blocks.forEach((block, b) => {
    let t = 0;
    for (const tx of block.transactions() as Iterable<{ endToEndId: string }>) check.transaction(tx.endToEndId, b, t++);
  });
}

/** Pass 3 over one block: each transaction's texts prepared again and written at once. */
function writeBlock(sink: ByteOut, format: PainFormat, block: AnyBlock, b: number, totals: BlockTotals, german: boolean): void {
  const d = DIALECTS[format];
  const c = new Checker(german);
  const ids = new FileIdChecker(!isCreditTransferFormat(format), undefined, true);
  const common = {
    paymentInfoId: block.paymentInfoId,
    date: totals.date,
    batchBooking: block.batchBooking !== false,
    account: totals.account,
    controlSumCents: totals.sum,
  };
  const texts = preparedTexts(1, german);
  let count = 0;
  let sum = 0;
  if ('executionDate' in block) {
    // SEPA Instant is a property of the block (LclInstrm INST), written as buildPaymentFile writes it.
    renderTransferHead(sink, d, { kind: 'transfer', ...common, ...(block.instant === true ? { instant: true } : {}) }, totals.count);
    for (const tx of block.transactions()) {
      sum = addCents(sum, transferTx(tx, b, count, c, ids, texts, 0));
      writeTransferTx(sink, d, tx, texts, 0);
      count++;
    }
  } else {
    const debit = block;
    renderDebitHead(
      sink,
      d,
      { kind: 'debit', ...common, scheme: debit.scheme, sequenceType: debit.sequenceType, creditorId: normalizeCreditorId(debit.creditorId) },
      totals.count,
    );
    const head = { sequenceType: debit.sequenceType, date: totals.date };
    for (const tx of debit.transactions()) {
      sum = addCents(sum, debitTx(tx, head, b, count, c, ids, texts, 0));
      writeDebitTx(sink, d, tx, texts, 0);
      count++;
    }
  }
  if (count !== totals.count || sum !== totals.sum) {
    throw new KontorError('sepa.sourceChanged', `blocks[${b}]: the transactions changed between reading and writing the file`, { field: `blocks[${b}]` });
  }
  sink.markup(BLOCK_END);
}

/**
 * Builds a payment file whose transactions come from sources read more than
 * once (see the module comment), handing the bytes to `write` in chunks.
 * The result is that of writePaymentFile for the same transactions.
 */
export function streamPaymentFile(input: StreamedPaymentFileInput, write: (chunk: Buffer) => void, options: BuildOptions = {}): PaymentFileSummary {
  if (options.serializer !== undefined && options.serializer !== 'direct')
    throw new RangeError('A streamed payment file is written by the direct serialiser only');
  const format: string = input.format;
  const transfer = isCreditTransferFormat(format);
  if (!transfer && !isDirectDebitFormat(format)) throw invalid('format', 'format', `"${format}" is not a pain.001 or pain.008 format`, format);
  const blocks: readonly AnyBlock[] = input.blocks;
  if (!Array.isArray(blocks) || blocks.length === 0) throw invalid('blocks', 'empty', 'at least one is required');
  const german = options.german === true;
  const ids = new FileIdChecker(!transfer, undefined, true);
  ids.messageId(input.messageId);
  const c = new Checker(german);
  const warnings: FileWarning[] = [];
  // The creation time and the initiating party are checked as buildPaymentFile checks them.
  const file = { format: format as PainFormat, transfer, messageId: input.messageId, createdAt: '', initiatingParty: '', count: 0, controlSumCents: 0 };
  ({ createdAt: file.createdAt, initiatingParty: file.initiatingParty } = checkFileFields(input, c));
  const totals = blocks.map((block, b) => checkBlock(block, b, transfer, c, ids, warnings));
  if (!transfer && new Set((blocks as StreamedDebitBlock[]).map((b) => b.scheme)).size > 1) {
    throw new KontorError('sepa.mixedSchemes', 'CORE and B2B direct debits cannot share a file: they are separate orders (CDD / CDB)', { field: 'blocks' });
  }
  checkSuspects(blocks, ids.suspects);
  if (c.changedTexts > 0) warnings.unshift(transliterated(c.changedTexts, c.truncatedTexts, c.changes));
  file.count = totals.reduce((n, t) => n + t.count, 0);
  file.controlSumCents = sumCents(totals.map((t) => t.sum));

  const sink = new ByteOut(write);
  renderDocumentHead(sink, file);
  blocks.forEach((block, b) => writeBlock(sink, file.format, block, b, totals[b]!, german));
  renderDocumentEnd(sink, transfer);
  const stats = sink.stats();
  return { format: file.format, sha256: stats.sha256, bytes: stats.bytes, count: file.count, controlSumCents: file.controlSumCents, warnings };
}
