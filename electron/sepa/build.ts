/**
 * SEPA payment files: pain.001.001.09 / .03 (credit transfer) and
 * pain.008.001.08 / .02 (direct debit, CORE or B2B), from the model in
 * model.ts to UTF-8 bytes with their SHA-256.
 *
 * Two passes: prepare.ts checks everything and prepares the values (a
 * refused input never writes a byte), render.ts writes the XML, streamed:
 * no tree is ever held. `writePaymentFile` hands the bytes out in chunks of
 * about 64 KiB; `buildPaymentFile` computes the file's exact size first and
 * writes it once into a buffer of that size.
 */
import type { Cents } from '../../shared/money';
import {
  isCreditTransferFormat,
  MAX_NAME_LENGTH,
  MAX_REMITTANCE_LENGTH,
  type CreditTransferBlock,
  type DirectDebitBlock,
  type Party,
  type PainFormat,
  type PaymentFileInput,
} from './model';
import { prepare, type PreparedFile } from './prepare';
import { ByteOut } from './byte-out';
import { fileBytes, namespaceOf, writeDocument } from './render';
import { writeDocumentBytes } from './render-bytes';
import { previewTransliteration, type TransliterationItem, type TransliterationPreview } from './transliterate';
import type { FileWarning } from './warnings';
import { BufferSink, StreamSink, Xmlbuilder2Out, type OutputStats, type XmlSerializer } from './xml-out';

/**
 * The serialiser used when none is given: `direct`. xmlbuilder2 is the
 * project's XML library (docs/architecture.md, Conventions) and stays the
 * reference: every variant is built with both and must give the same bytes
 * (build.test.ts). But xmlbuilder2
 * takes 35–45 s for the 100,000 transactions of a payroll file, and a
 * treasury user waits for that; `direct` writes the same file in about a
 * quarter of a second with the same escaping guarantees (see xml-out.ts).
 */
export const DEFAULT_SERIALIZER: XmlSerializer = 'direct';

export interface BuildOptions {
  /** Keep the German banks' extra characters `Ä Ö Ü ä ö ü ß & * $ %` (a bank access setting); default off. */
  german?: boolean;
  /** Default DEFAULT_SERIALIZER; both write the same bytes. */
  serializer?: XmlSerializer;
}

export interface PaymentFileSummary {
  format: PainFormat;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
  bytes: number;
  /** Transactions in the file (`GrpHdr/NbOfTxs`). */
  count: number;
  /** Their sum (`GrpHdr/CtrlSum`). */
  controlSumCents: Cents;
  /** Things the user should know, as codes with parameters (texts changed or cut, with the first ones before and after; non-TARGET2 execution dates). */
  warnings: FileWarning[];
}

export interface BuiltPaymentFile extends PaymentFileSummary {
  xml: Buffer;
}

function summary(file: PreparedFile, stats: OutputStats): PaymentFileSummary {
  return {
    format: file.format,
    sha256: stats.sha256,
    bytes: stats.bytes,
    count: file.count,
    controlSumCents: file.controlSumCents,
    warnings: file.warnings,
  };
}

/**
 * Builds the file and hands its bytes to `write` in chunks of about 64 KiB
 * (to a file, a hash, a socket): the output is never held whole. Nothing is
 * written when the input is refused: all checks run before the first chunk.
 */
export function writePaymentFile(input: PaymentFileInput, write: (chunk: Buffer) => void, options: BuildOptions = {}): PaymentFileSummary {
  const file = prepare(input, options.german === true);
  if ((options.serializer ?? DEFAULT_SERIALIZER) === 'direct') {
    const out = new ByteOut(write);
    writeDocumentBytes(out, file);
    return summary(file, out.stats());
  }
  const sink = new StreamSink(write);
  writeDocument(new Xmlbuilder2Out(sink, namespaceOf(file.format)), file);
  return summary(file, sink.stats());
}

/**
 * Builds the whole file in memory: the bytes, never a tree. Its size is
 * computed first, so the bytes are written once into a buffer of that size.
 */
export function buildPaymentFile(input: PaymentFileInput, options: BuildOptions = {}): BuiltPaymentFile {
  const file = prepare(input, options.german === true);
  let result: { bytes: Buffer; stats: OutputStats };
  if ((options.serializer ?? DEFAULT_SERIALIZER) === 'direct') {
    const out = new ByteOut(undefined, fileBytes(file));
    writeDocumentBytes(out, file);
    result = out.result();
  } else {
    const sink = new BufferSink(fileBytes(file));
    writeDocument(new Xmlbuilder2Out(sink, namespaceOf(file.format)), file);
    result = sink.result();
  }
  const { bytes, stats } = result;
  return { ...summary(file, stats), xml: bytes };
}

/** Every free text the builder writes for `input`, with its field path and maximum length. */
export function* paymentFileTexts(input: PaymentFileInput): Generator<TransliterationItem> {
  const name = (field: string, party: Party | undefined): TransliterationItem[] =>
    party === undefined ? [] : [{ field: `${field}.name`, text: party.name, maxLength: MAX_NAME_LENGTH }];
  const remittance = (field: string, text: string | null | undefined): TransliterationItem[] =>
    typeof text === 'string' ? [{ field: `${field}.remittance`, text, maxLength: MAX_REMITTANCE_LENGTH }] : [];
  yield { field: 'initiatingParty', text: input.initiatingParty, maxLength: MAX_NAME_LENGTH };
  // Transfers: our account is the debtor, the counterparty the creditor; direct debits the other way round.
  if (isCreditTransferFormat(input.format)) {
    const blocks = input.blocks as readonly CreditTransferBlock[];
    for (const [b, block] of blocks.entries()) {
      yield* name(`blocks[${b}].debtor`, block.debtor);
      for (const [t, tx] of block.transactions.entries()) {
        yield* name(`blocks[${b}].transactions[${t}].creditor`, tx.creditor);
        yield* remittance(`blocks[${b}].transactions[${t}]`, tx.remittance);
      }
    }
  } else {
    const blocks = input.blocks as readonly DirectDebitBlock[];
    for (const [b, block] of blocks.entries()) {
      yield* name(`blocks[${b}].creditor`, block.creditor);
      for (const [t, tx] of block.transactions.entries()) {
        yield* name(`blocks[${b}].transactions[${t}].debtor`, tx.debtor);
        yield* remittance(`blocks[${b}].transactions[${t}]`, tx.remittance);
      }
    }
  }
}

/** What the builder will change in the file's texts: the preview to show before building. */
export function previewPaymentFileText(input: PaymentFileInput, options: { german?: boolean } = {}): TransliterationPreview[] {
  return previewTransliteration(paymentFileTexts(input), options);
}
