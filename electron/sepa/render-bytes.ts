/**
 * The direct serialiser: the prepared file (prepare.ts) as bytes through
 * ByteOut (byte-out.ts). The heads of the document and of each block, once
 * per block, stay the `xml` templates of render.ts; the transactions, one
 * hundred thousand of them in a payroll file, are written piece by piece:
 * literal markup, then each value escaped into the buffer.
 *
 * The bytes are those of the xmlbuilder2 serialiser (render.ts
 * writeDocument), the reference: build.test.ts, instant.test.ts and
 * render-bytes.test.ts compare them on every variant. Agents without BIC as
 * render.ts explains.
 */
import type { CreditTransferTx, DirectDebitTx } from './model';
import { literal, type ByteOut, type Literal } from './byte-out';
import type { PreparedDebitBlock, PreparedFile, PreparedTexts, PreparedTransferBlock } from './prepare';
import { DIALECTS, renderDebitHead, renderDocumentEnd, renderDocumentHead, renderTransferHead, type Dialect } from './render';

// The transactions' markup as bytes, made once.
const RMT_OPEN = literal('<RmtInf><Ustrd>');
const RMT_CLOSE = literal('</Ustrd></RmtInf>');
const CT_OPEN = literal('<CdtTrfTxInf><PmtId><EndToEndId>');
const CT_AMOUNT = literal('</EndToEndId></PmtId><Amt><InstdAmt Ccy="EUR">');
const CT_AMOUNT_END = literal('</InstdAmt></Amt>');
const CT_NAME = literal('<Cdtr><Nm>');
const CT_IBAN = literal('</Nm></Cdtr><CdtrAcct><Id><IBAN>');
const CT_IBAN_END = literal('</IBAN></Id></CdtrAcct>');
const PURPOSE = literal('<Purp><Cd>');
const PURPOSE_END = literal('</Cd></Purp>');
const CT_END = literal('</CdtTrfTxInf>');
const DD_OPEN = literal('<DrctDbtTxInf><PmtId><EndToEndId>');
const DD_AMOUNT = literal('</EndToEndId></PmtId><InstdAmt Ccy="EUR">');
const DD_MANDATE = literal('</InstdAmt><DrctDbtTx><MndtRltdInf><MndtId>');
const DD_SIGNED = literal('</MndtId><DtOfSgntr>');
const DD_SIGNED_END = literal('</DtOfSgntr></MndtRltdInf></DrctDbtTx>');
const DD_NAME = literal('<Dbtr><Nm>');
const DD_IBAN = literal('</Nm></Dbtr><DbtrAcct><Id><IBAN>');
const DD_IBAN_END = literal('</IBAN></Id></DbtrAcct>');
const DD_END = literal('</DrctDbtTxInf>');
export const BLOCK_END = literal('</PmtInf>');

type Role = 'DbtrAgt' | 'CdtrAgt';

/** An agent's markup around its BIC, per role and element name (BIC in .03/.02, BICFI in .09/.08). */
function agentMarkup(role: Role, bic: 'BIC' | 'BICFI'): { open: Literal; close: Literal; none: Literal } {
  return {
    open: literal(`<${role}><FinInstnId><${bic}>`),
    close: literal(`</${bic}></FinInstnId></${role}>`),
    none: literal(`<${role}><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></${role}>`),
  };
}

const AGENTS = {
  DbtrAgt: { BIC: agentMarkup('DbtrAgt', 'BIC'), BICFI: agentMarkup('DbtrAgt', 'BICFI') },
  CdtrAgt: { BIC: agentMarkup('CdtrAgt', 'BIC'), BICFI: agentMarkup('CdtrAgt', 'BICFI') },
} as const;

function agent(out: ByteOut, role: Role, d: Dialect, bic: string | undefined, required: boolean): void {
  const m = AGENTS[role][d.bic === 'BIC' ? 'BIC' : 'BICFI'];
  if (bic === undefined) {
    if (required) out.markup(m.none);
    return;
  }
  out.markup(m.open);
  out.basic(bic);
  out.markup(m.close);
}

/** A name or remittance text: copied as it is when the first pass made it from the basic set. */
function freeText(out: ByteOut, texts: PreparedTexts, text: string): void {
  if (texts.basic) out.basic(text);
  else out.text(text);
}

function remittance(out: ByteOut, texts: PreparedTexts, text: string | undefined): void {
  if (text === undefined) return;
  out.markup(RMT_OPEN);
  freeText(out, texts, text);
  out.markup(RMT_CLOSE);
}

/** The counterparty's name and IBAN (prepared texts at `t`) inside their markup. */
function counterparty(out: ByteOut, texts: PreparedTexts, t: number, name: Literal, iban: Literal, end: Literal): void {
  out.markup(name);
  freeText(out, texts, texts.names[t] ?? '');
  out.markup(iban);
  out.basic(texts.ibans[t] ?? '');
  out.markup(end);
}

/** One credit transfer, with its prepared texts at `t`. */
export function writeTransferTx(out: ByteOut, d: Dialect, tx: CreditTransferTx, texts: PreparedTexts, t: number): void {
  out.markup(CT_OPEN);
  out.basic(tx.endToEndId);
  out.markup(CT_AMOUNT);
  out.amount(tx.amountCents);
  out.markup(CT_AMOUNT_END);
  agent(out, 'CdtrAgt', d, texts.bics[t], false);
  counterparty(out, texts, t, CT_NAME, CT_IBAN, CT_IBAN_END);
  if (tx.purposeCode !== undefined) {
    out.markup(PURPOSE);
    out.basic(tx.purposeCode);
    out.markup(PURPOSE_END);
  }
  remittance(out, texts, texts.remittances[t]);
  out.markup(CT_END);
}

/** One direct debit, with its prepared texts at `t`. */
export function writeDebitTx(out: ByteOut, d: Dialect, tx: DirectDebitTx, texts: PreparedTexts, t: number): void {
  out.markup(DD_OPEN);
  out.basic(tx.endToEndId);
  out.markup(DD_AMOUNT);
  out.amount(tx.amountCents);
  out.markup(DD_MANDATE);
  out.basic(tx.mandateId);
  out.markup(DD_SIGNED);
  out.basic(tx.mandateSignedOn);
  out.markup(DD_SIGNED_END);
  agent(out, 'DbtrAgt', d, texts.bics[t], true);
  counterparty(out, texts, t, DD_NAME, DD_IBAN, DD_IBAN_END);
  remittance(out, texts, texts.remittances[t]);
  out.markup(DD_END);
}

function transferBlock(out: ByteOut, d: Dialect, block: PreparedTransferBlock): void {
  renderTransferHead(out, d, block, block.transactions.length);
  const txs = block.transactions;
  for (let t = 0; t < txs.length; t++) {
    const tx = txs[t];
    if (tx !== undefined) writeTransferTx(out, d, tx, block.texts, t);
  }
  out.markup(BLOCK_END);
}

function debitBlock(out: ByteOut, d: Dialect, block: PreparedDebitBlock): void {
  renderDebitHead(out, d, block, block.transactions.length);
  const txs = block.transactions;
  for (let t = 0; t < txs.length; t++) {
    const tx = txs[t];
    if (tx !== undefined) writeDebitTx(out, d, tx, block.texts, t);
  }
  out.markup(BLOCK_END);
}

/** The whole document into `out`. */
export function writeDocumentBytes(out: ByteOut, file: PreparedFile): void {
  const d = DIALECTS[file.format];
  renderDocumentHead(out, file);
  for (const block of file.blocks) {
    if (block.kind === 'transfer') transferBlock(out, d, block);
    else debitBlock(out, d, block);
  }
  renderDocumentEnd(out, file.transfer);
}
