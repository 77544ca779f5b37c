/**
 * The second pass: the prepared file (prepare.ts) as XML, two ways that give
 * the same bytes (the tests compare them on every variant):
 * - `writeDocument` describes it element by element to an `XmlOut`: the
 *   xmlbuilder2 serialiser, and the byte counter;
 * - the heads of the document and of each block rendered with the `xml`
 *   tagged templates of xml-out.ts (every value escaped by the tag), for
 *   the direct serialiser, which writes the transactions themselves
 *   (render-bytes.ts).
 * And `fileBytes`: the exact size of the file, before it is written.
 *
 * Agents without BIC (optional inside SEPA since 2016): a mandatory agent
 * (`DbtrAgt` of a transfer block, `CdtrAgt` of a direct-debit block,
 * `DbtrAgt` of a direct debit) is written as `FinInstnId/Othr/Id` =
 * `NOTPROVIDED` in every version (.03/.02 require it; .09/.08 allow it, and
 * an agent with an empty `FinInstnId` would say nothing); the optional
 * creditor agent of a transfer is left out.
 */
import { formatAmountXml } from '../../shared/money';
import { isCreditTransferFormat, type PainFormat } from './model';
import { preparedTexts, type PreparedBlock, type PreparedDebitBlock, type PreparedFile, type PreparedTransferBlock } from './prepare';
import { CountingOut, Markup, NO_MARKUP, textBytes, xml, XML_DECLARATION, type Sink, type Tag, type XmlOut } from './xml-out';

const ISO_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:';
const NOT_PROVIDED = 'NOTPROVIDED';

export function namespaceOf(format: PainFormat): string {
  return `${ISO_NAMESPACE}${format}`;
}

// ---------------------------------------------------------------- element by element

export interface Dialect {
  /** `BIC` (.03/.02) or `BICFI` (.09/.08). */
  bic: Tag;
  /** .09 wraps the execution date in `Dt`. */
  executionDateChoice: boolean;
}

export const DIALECTS: Record<PainFormat, Dialect> = {
  'pain.001.001.09': { bic: 'BICFI', executionDateChoice: true },
  'pain.001.001.03': { bic: 'BIC', executionDateChoice: false },
  'pain.008.001.08': { bic: 'BICFI', executionDateChoice: false },
  'pain.008.001.02': { bic: 'BIC', executionDateChoice: false },
};

const EUR = ['Ccy', 'EUR'] as const;
/** SEPA Instant's local instrument (DK: with service level SEPA, in .03 and .09 alike). */
const INSTANT = 'INST';

function writeAgent(out: XmlOut, d: Dialect, tag: Tag, bic: string | undefined, required: boolean): void {
  if (bic === undefined && !required) return;
  out.open(tag);
  out.open('FinInstnId');
  if (bic !== undefined) {
    out.leaf(d.bic, bic);
  } else {
    out.open('Othr');
    out.leaf('Id', NOT_PROVIDED);
    out.close();
  }
  out.close();
  out.close();
}

function writeAccount(out: XmlOut, tag: Tag, iban: string): void {
  out.open(tag);
  out.open('Id');
  out.leaf('IBAN', iban);
  out.close();
  out.close();
}

function writeName(out: XmlOut, tag: Tag, name: string): void {
  out.open(tag);
  out.leaf('Nm', name);
  out.close();
}

function writeRemittance(out: XmlOut, remittance: string | undefined): void {
  if (remittance === undefined) return;
  out.open('RmtInf');
  out.leaf('Ustrd', remittance);
  out.close();
}

/** `PmtInfId` … `CtrlSum`, shared by both kinds of block. */
function writeBlockHeader(out: XmlOut, block: PreparedBlock, method: 'TRF' | 'DD'): void {
  out.open('PmtInf');
  out.leaf('PmtInfId', block.paymentInfoId);
  out.leaf('PmtMtd', method);
  out.leaf('BtchBookg', String(block.batchBooking));
  out.leaf('NbOfTxs', String(block.transactions.length));
  out.leaf('CtrlSum', formatAmountXml(block.controlSumCents));
}

function writeTransferBlock(out: XmlOut, d: Dialect, block: PreparedTransferBlock): void {
  writeBlockHeader(out, block, 'TRF');
  out.open('PmtTpInf');
  out.open('SvcLvl');
  out.leaf('Cd', 'SEPA');
  out.close();
  if (block.instant === true) {
    out.open('LclInstrm');
    out.leaf('Cd', INSTANT);
    out.close();
  }
  out.close();
  if (d.executionDateChoice) {
    out.open('ReqdExctnDt');
    out.leaf('Dt', block.date);
    out.close();
  } else {
    out.leaf('ReqdExctnDt', block.date);
  }
  writeName(out, 'Dbtr', block.account.name);
  writeAccount(out, 'DbtrAcct', block.account.iban);
  writeAgent(out, d, 'DbtrAgt', block.account.bic, true);
  out.leaf('ChrgBr', 'SLEV');
  const { names, ibans, bics, remittances } = block.texts;
  const txs = block.transactions;
  for (let t = 0; t < txs.length; t++) {
    const tx = txs[t];
    if (tx === undefined) continue;
    out.open('CdtTrfTxInf');
    out.open('PmtId');
    out.leaf('EndToEndId', tx.endToEndId);
    out.close();
    out.open('Amt');
    out.leaf('InstdAmt', formatAmountXml(tx.amountCents), EUR);
    out.close();
    writeAgent(out, d, 'CdtrAgt', bics[t], false);
    writeName(out, 'Cdtr', names[t] ?? '');
    writeAccount(out, 'CdtrAcct', ibans[t] ?? '');
    if (tx.purposeCode !== undefined) {
      out.open('Purp');
      out.leaf('Cd', tx.purposeCode);
      out.close();
    }
    writeRemittance(out, remittances[t]);
    out.close();
  }
  out.close();
}

function writeDebitBlock(out: XmlOut, d: Dialect, block: PreparedDebitBlock): void {
  writeBlockHeader(out, block, 'DD');
  out.open('PmtTpInf');
  out.open('SvcLvl');
  out.leaf('Cd', 'SEPA');
  out.close();
  out.open('LclInstrm');
  out.leaf('Cd', block.scheme);
  out.close();
  out.leaf('SeqTp', block.sequenceType);
  out.close();
  out.leaf('ReqdColltnDt', block.date);
  writeName(out, 'Cdtr', block.account.name);
  writeAccount(out, 'CdtrAcct', block.account.iban);
  writeAgent(out, d, 'CdtrAgt', block.account.bic, true);
  out.leaf('ChrgBr', 'SLEV');
  out.open('CdtrSchmeId');
  out.open('Id');
  out.open('PrvtId');
  out.open('Othr');
  out.leaf('Id', block.creditorId);
  out.open('SchmeNm');
  out.leaf('Prtry', 'SEPA');
  out.close();
  out.close();
  out.close();
  out.close();
  out.close();
  const { names, ibans, bics, remittances } = block.texts;
  const txs = block.transactions;
  for (let t = 0; t < txs.length; t++) {
    const tx = txs[t];
    if (tx === undefined) continue;
    out.open('DrctDbtTxInf');
    out.open('PmtId');
    out.leaf('EndToEndId', tx.endToEndId);
    out.close();
    out.leaf('InstdAmt', formatAmountXml(tx.amountCents), EUR);
    out.open('DrctDbtTx');
    out.open('MndtRltdInf');
    out.leaf('MndtId', tx.mandateId);
    out.leaf('DtOfSgntr', tx.mandateSignedOn);
    out.close();
    out.close();
    writeAgent(out, d, 'DbtrAgt', bics[t], true);
    writeName(out, 'Dbtr', names[t] ?? '');
    writeAccount(out, 'DbtrAcct', ibans[t] ?? '');
    writeRemittance(out, remittances[t]);
    out.close();
  }
  out.close();
}

export function writeDocument(out: XmlOut, file: PreparedFile): void {
  const d = DIALECTS[file.format];
  out.open(file.transfer ? 'CstmrCdtTrfInitn' : 'CstmrDrctDbtInitn');
  out.open('GrpHdr');
  out.leaf('MsgId', file.messageId);
  out.leaf('CreDtTm', file.createdAt);
  out.leaf('NbOfTxs', String(file.count));
  out.leaf('CtrlSum', formatAmountXml(file.controlSumCents));
  writeName(out, 'InitgPty', file.initiatingParty);
  out.close();
  for (const block of file.blocks) {
    if (block.kind === 'transfer') writeTransferBlock(out, d, block);
    else writeDebitBlock(out, d, block);
  }
  out.end();
}

// ---------------------------------------------------------------- templates

/** An agent with a BIC, or with Othr/Id NOTPROVIDED; the element names spelt out per role and version. */
const AGENTS = {
  DbtrAgt: {
    BIC: (bic: string) => xml`<DbtrAgt><FinInstnId><BIC>${bic}</BIC></FinInstnId></DbtrAgt>`,
    BICFI: (bic: string) => xml`<DbtrAgt><FinInstnId><BICFI>${bic}</BICFI></FinInstnId></DbtrAgt>`,
    none: xml`<DbtrAgt><FinInstnId><Othr><Id>${NOT_PROVIDED}</Id></Othr></FinInstnId></DbtrAgt>`,
  },
  CdtrAgt: {
    BIC: (bic: string) => xml`<CdtrAgt><FinInstnId><BIC>${bic}</BIC></FinInstnId></CdtrAgt>`,
    BICFI: (bic: string) => xml`<CdtrAgt><FinInstnId><BICFI>${bic}</BICFI></FinInstnId></CdtrAgt>`,
    none: xml`<CdtrAgt><FinInstnId><Othr><Id>${NOT_PROVIDED}</Id></Othr></FinInstnId></CdtrAgt>`,
  },
} as const;

function agent(role: 'DbtrAgt' | 'CdtrAgt', d: Dialect, bic: string | undefined, required: boolean): Markup {
  if (bic === undefined) return required ? AGENTS[role].none : NO_MARKUP;
  return d.bic === 'BIC' ? AGENTS[role].BIC(bic) : AGENTS[role].BICFI(bic);
}

function blockHeader(block: Pick<PreparedBlock, 'paymentInfoId' | 'batchBooking' | 'controlSumCents'>, method: 'TRF' | 'DD', count: number): Markup {
  return xml`<PmtInf><PmtInfId>${block.paymentInfoId}</PmtInfId><PmtMtd>${method}</PmtMtd><BtchBookg>${String(block.batchBooking)}</BtchBookg><NbOfTxs>${String(count)}</NbOfTxs><CtrlSum>${formatAmountXml(block.controlSumCents)}</CtrlSum>`;
}

const PLAIN_TYPE = xml`<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>`;
const INSTANT_TYPE = xml`<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl><LclInstrm><Cd>${INSTANT}</Cd></LclInstrm></PmtTpInf>`;

/** A transfer block up to its first transaction. */
export function renderTransferHead(sink: Sink, d: Dialect, block: Omit<PreparedTransferBlock, 'texts' | 'transactions'>, count: number): void {
  const date = d.executionDateChoice ? xml`<ReqdExctnDt><Dt>${block.date}</Dt></ReqdExctnDt>` : xml`<ReqdExctnDt>${block.date}</ReqdExctnDt>`;
  const a = block.account;
  sink.pushMarkup(
    xml`${blockHeader(block, 'TRF', count)}${block.instant === true ? INSTANT_TYPE : PLAIN_TYPE}${date}<Dbtr><Nm>${a.name}</Nm></Dbtr><DbtrAcct><Id><IBAN>${a.iban}</IBAN></Id></DbtrAcct>${agent('DbtrAgt', d, a.bic, true)}<ChrgBr>SLEV</ChrgBr>`,
  );
}

/** A direct debit block up to its first transaction. */
export function renderDebitHead(sink: Sink, d: Dialect, block: Omit<PreparedDebitBlock, 'texts' | 'transactions'>, count: number): void {
  const a = block.account;
  sink.pushMarkup(
    xml`${blockHeader(block, 'DD', count)}<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl><LclInstrm><Cd>${block.scheme}</Cd></LclInstrm><SeqTp>${block.sequenceType}</SeqTp></PmtTpInf><ReqdColltnDt>${block.date}</ReqdColltnDt><Cdtr><Nm>${a.name}</Nm></Cdtr><CdtrAcct><Id><IBAN>${a.iban}</IBAN></Id></CdtrAcct>${agent('CdtrAgt', d, a.bic, true)}<ChrgBr>SLEV</ChrgBr><CdtrSchmeId><Id><PrvtId><Othr><Id>${block.creditorId}</Id><SchmeNm><Prtry>SEPA</Prtry></SchmeNm></Othr></PrvtId></Id></CdtrSchmeId>`,
  );
}

/** The document's start: declaration, root and group header. */
export function renderDocumentHead(sink: Sink, file: Omit<PreparedFile, 'blocks' | 'warnings'>): void {
  // The namespace is one of four constants (the format was checked).
  sink.push(`${XML_DECLARATION}<Document xmlns="${namespaceOf(file.format)}">`);
  const header = xml`<GrpHdr><MsgId>${file.messageId}</MsgId><CreDtTm>${file.createdAt}</CreDtTm><NbOfTxs>${String(file.count)}</NbOfTxs><CtrlSum>${formatAmountXml(file.controlSumCents)}</CtrlSum><InitgPty><Nm>${file.initiatingParty}</Nm></InitgPty></GrpHdr>`;
  sink.pushMarkup(file.transfer ? xml`<CstmrCdtTrfInitn>${header}` : xml`<CstmrDrctDbtInitn>${header}`);
}

/** The document's end, after the last block. */
export function renderDocumentEnd(sink: Sink, transfer: boolean): void {
  sink.push(transfer ? '</CstmrCdtTrfInitn></Document>' : '</CstmrDrctDbtInitn></Document>');
  sink.flush();
}

// ---------------------------------------------------------------- size

/**
 * The markup of one transaction, without its values, for each combination of
 * the optional parts: counted once per format by writing a transaction of
 * empty values with the real writer.
 */
const markupCache = new Map<string, number>();

function transactionMarkup(format: PainFormat, bic: boolean, purpose: boolean, remittance: boolean): number {
  const key = `${format}|${bic}|${purpose}|${remittance}`;
  let bytes = markupCache.get(key);
  if (bytes === undefined) {
    const texts = preparedTexts(1, false);
    texts.names[0] = '';
    texts.ibans[0] = '';
    texts.bics[0] = bic ? '' : undefined;
    texts.remittances[0] = remittance ? '' : undefined;
    const common = { paymentInfoId: '', date: '', batchBooking: true, account: { name: '', iban: '', bic: undefined }, controlSumCents: 0 };
    const block: PreparedBlock = isCreditTransferFormat(format)
      ? {
          ...common,
          kind: 'transfer',
          texts,
          transactions: [{ endToEndId: '', amountCents: 0, creditor: { name: '', iban: '' }, ...(purpose ? { purposeCode: '' } : {}) }],
        }
      : {
          ...common,
          kind: 'debit',
          texts,
          scheme: 'CORE',
          sequenceType: 'RCUR',
          creditorId: '',
          transactions: [{ endToEndId: '', amountCents: 0, debtor: { name: '', iban: '' }, mandateId: '', mandateSignedOn: '', sequenceType: 'RCUR' }],
        };
    const d = DIALECTS[format];
    const one = new CountingOut('');
    const none = new CountingOut('');
    if (block.kind === 'transfer') {
      writeTransferBlock(one, d, block);
      writeTransferBlock(none, d, { ...block, transactions: [] });
    } else {
      writeDebitBlock(one, d, block);
      writeDebitBlock(none, d, { ...block, transactions: [] });
    }
    // The block's NbOfTxs says 1 in one and 0 in the other: same length. The
    // amount was written as 0.00: its length is the value's, not markup.
    bytes = one.bytes - none.bytes - formatAmountXml(0).length;
    markupCache.set(key, bytes);
  }
  return bytes;
}

/**
 * The exact size of the file, so that its buffer is allocated once: the
 * file without transactions counted by the writer, plus per transaction its
 * markup and its values. The values listed here are the ones the writers
 * above write; were one missed, the buffer would grow (a copy) and the test
 * of exact allocation would fail.
 */
/** The length of formatAmountXml(cents) for a positive amount: the digits (at least three) and the point. */
function amountLength(cents: number): number {
  let digits = 1;
  for (let c = cents; c >= 10; c = Math.floor(c / 10)) digits++;
  return Math.max(digits, 3) + 1;
}

export function fileBytes(file: PreparedFile): number {
  const skeleton = new CountingOut(namespaceOf(file.format));
  writeDocument(skeleton, { ...file, blocks: file.blocks.map((b) => ({ ...b, transactions: [] }) as PreparedBlock) });
  let bytes = skeleton.bytes;
  // NbOfTxs of the blocks were counted as 0.
  for (const block of file.blocks) bytes += String(block.transactions.length).length - 1;
  for (const block of file.blocks) {
    const { names, ibans, bics, remittances } = block.texts;
    const n = block.transactions.length;
    for (let t = 0; t < n; t++) {
      const tx = block.transactions[t];
      if (tx === undefined) continue;
      const bic = bics[t];
      const remittance = remittances[t];
      const purpose = block.kind === 'transfer' ? block.transactions[t]?.purposeCode : undefined;
      bytes +=
        transactionMarkup(file.format, bic !== undefined, purpose !== undefined, remittance !== undefined) +
        textBytes(tx.endToEndId) +
        amountLength(tx.amountCents) +
        textBytes(names[t] ?? '') +
        (ibans[t]?.length ?? 0) +
        (bic?.length ?? 0) +
        (purpose?.length ?? 0) +
        (remittance === undefined ? 0 : textBytes(remittance));
      if (block.kind === 'debit') {
        const debit = block.transactions[t];
        if (debit !== undefined) bytes += textBytes(debit.mandateId) + debit.mandateSignedOn.length;
      }
    }
  }
  return bytes;
}
