/**
 * Test support: SEPA payment files as a customer's software writes them,
 * built with xmlbuilder2 in all four versions the bank accepts
 * (pain.001.001.03/.09, pain.008.001.02/.08), valid against the ISO schemas.
 * Overrides write wrong `NbOfTxs` / `CtrlSum` and the like on purpose: files
 * a schema accepts and a bank must still refuse.
 */
import { randomBytes } from 'node:crypto';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { formatAmountXml, sumCents, type Cents } from '../../shared/money';
import type { BusinessDate } from '../../shared/dates';
import { xmlSafe } from '../../electron/ebics/messages/xml-write';

export interface TestParty {
  name: string;
  iban: string;
  bic?: string;
}

export interface TestTransfer {
  endToEndId: string;
  amountCents: Cents;
  creditor: TestParty;
  remittance?: string;
}

export interface TestDebit {
  endToEndId: string;
  amountCents: Cents;
  debtor: TestParty;
  mandateId: string;
  signedOn: BusinessDate;
  remittance?: string;
}

interface Common {
  messageId?: string;
  createdAt?: string;
  paymentInfoId?: string;
  /** Written only when given (absent means true). */
  batchBooking?: boolean;
  /** Wrong on purpose: written instead of the right values. */
  override?: { nbOfTxs?: string; ctrlSum?: string; blockNbOfTxs?: string; blockCtrlSum?: string };
}

export interface TestPain001 extends Common {
  version: '03' | '09';
  debtor: TestParty;
  executionDate: BusinessDate;
  transactions: readonly TestTransfer[];
  /** SEPA Instant: `PmtTpInf/LclInstrm/Cd` INST. */
  instant?: boolean;
}

export interface TestPain008 extends Common {
  version: '02' | '08';
  scheme: 'CORE' | 'B2B';
  sequenceType?: 'FRST' | 'RCUR' | 'OOFF' | 'FNAL';
  creditor: TestParty;
  creditorId: string;
  collectionDate: BusinessDate;
  transactions: readonly TestDebit[];
}

function leaf(parent: XMLBuilder, name: string, text: string, attributes?: Record<string, string>): XMLBuilder {
  return parent.ele(name, attributes).txt(xmlSafe(text));
}

function agent(parent: XMLBuilder, name: string, bic: string | undefined, v: '03' | '09' | '02' | '08'): void {
  const institution = parent.ele(name).ele('FinInstnId');
  if (bic !== undefined) leaf(institution, v === '03' || v === '02' ? 'BIC' : 'BICFI', bic);
  else leaf(institution.ele('Othr'), 'Id', 'NOTPROVIDED');
}

function account(parent: XMLBuilder, name: string, iban: string): void {
  leaf(parent.ele(name).ele('Id'), 'IBAN', iban);
}

function header(root: XMLBuilder, o: Common, count: number, total: Cents, initiator: string): void {
  const h = root.ele('GrpHdr');
  leaf(h, 'MsgId', o.messageId ?? `MSG-${randomBytes(6).toString('hex').toUpperCase()}`);
  leaf(h, 'CreDtTm', o.createdAt ?? '2026-03-02T09:30:00');
  leaf(h, 'NbOfTxs', o.override?.nbOfTxs ?? String(count));
  leaf(h, 'CtrlSum', o.override?.ctrlSum ?? formatAmountXml(total));
  leaf(h.ele('InitgPty'), 'Nm', initiator);
}

function blockHead(block: XMLBuilder, o: Common, method: 'TRF' | 'DD', count: number, total: Cents): void {
  leaf(block, 'PmtInfId', o.paymentInfoId ?? `PMT-${randomBytes(5).toString('hex').toUpperCase()}`);
  leaf(block, 'PmtMtd', method);
  if (o.batchBooking !== undefined) leaf(block, 'BtchBookg', String(o.batchBooking));
  leaf(block, 'NbOfTxs', o.override?.blockNbOfTxs ?? String(count));
  leaf(block, 'CtrlSum', o.override?.blockCtrlSum ?? formatAmountXml(total));
}

function document(message: string): { doc: XMLBuilder; root: (name: string) => XMLBuilder } {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  return { doc, root: (name) => doc.ele(`urn:iso:std:iso:20022:tech:xsd:${message}`, 'Document').ele(name) };
}

export function buildPain001(o: TestPain001): string {
  const { doc, root } = document(`pain.001.001.${o.version}`);
  const message = root('CstmrCdtTrfInitn');
  const total = sumCents(o.transactions.map((t) => t.amountCents));
  header(message, o, o.transactions.length, total, o.debtor.name);
  const block = message.ele('PmtInf');
  blockHead(block, o, 'TRF', o.transactions.length, total);
  const type = block.ele('PmtTpInf');
  leaf(type.ele('SvcLvl'), 'Cd', 'SEPA');
  if (o.instant === true) leaf(type.ele('LclInstrm'), 'Cd', 'INST');
  if (o.version === '03') leaf(block, 'ReqdExctnDt', o.executionDate);
  else leaf(block.ele('ReqdExctnDt'), 'Dt', o.executionDate);
  leaf(block.ele('Dbtr'), 'Nm', o.debtor.name);
  account(block, 'DbtrAcct', o.debtor.iban);
  agent(block, 'DbtrAgt', o.debtor.bic, o.version);
  leaf(block, 'ChrgBr', 'SLEV');
  for (const t of o.transactions) {
    const tx = block.ele('CdtTrfTxInf');
    leaf(tx.ele('PmtId'), 'EndToEndId', t.endToEndId);
    leaf(tx.ele('Amt'), 'InstdAmt', formatAmountXml(t.amountCents), { Ccy: 'EUR' });
    if (t.creditor.bic !== undefined) agent(tx, 'CdtrAgt', t.creditor.bic, o.version);
    leaf(tx.ele('Cdtr'), 'Nm', t.creditor.name);
    account(tx, 'CdtrAcct', t.creditor.iban);
    if (t.remittance !== undefined) leaf(tx.ele('RmtInf'), 'Ustrd', t.remittance);
  }
  return doc.end({ prettyPrint: true });
}

export function buildPain008(o: TestPain008): string {
  const { doc, root } = document(`pain.008.001.${o.version}`);
  const message = root('CstmrDrctDbtInitn');
  const total = sumCents(o.transactions.map((t) => t.amountCents));
  header(message, o, o.transactions.length, total, o.creditor.name);
  const block = message.ele('PmtInf');
  blockHead(block, o, 'DD', o.transactions.length, total);
  const type = block.ele('PmtTpInf');
  leaf(type.ele('SvcLvl'), 'Cd', 'SEPA');
  leaf(type.ele('LclInstrm'), 'Cd', o.scheme);
  leaf(type, 'SeqTp', o.sequenceType ?? 'RCUR');
  leaf(block, 'ReqdColltnDt', o.collectionDate);
  leaf(block.ele('Cdtr'), 'Nm', o.creditor.name);
  account(block, 'CdtrAcct', o.creditor.iban);
  agent(block, 'CdtrAgt', o.creditor.bic, o.version);
  leaf(block, 'ChrgBr', 'SLEV');
  const scheme = block.ele('CdtrSchmeId').ele('Id').ele('PrvtId').ele('Othr');
  leaf(scheme, 'Id', o.creditorId);
  leaf(scheme.ele('SchmeNm'), 'Prtry', 'SEPA');
  for (const t of o.transactions) {
    const tx = block.ele('DrctDbtTxInf');
    leaf(tx.ele('PmtId'), 'EndToEndId', t.endToEndId);
    leaf(tx, 'InstdAmt', formatAmountXml(t.amountCents), { Ccy: 'EUR' });
    const mandate = tx.ele('DrctDbtTx').ele('MndtRltdInf');
    leaf(mandate, 'MndtId', t.mandateId);
    leaf(mandate, 'DtOfSgntr', t.signedOn);
    agent(tx, 'DbtrAgt', t.debtor.bic, o.version);
    leaf(tx.ele('Dbtr'), 'Nm', t.debtor.name);
    account(tx, 'DbtrAcct', t.debtor.iban);
    if (t.remittance !== undefined) leaf(tx.ele('RmtInf'), 'Ustrd', t.remittance);
  }
  return doc.end({ prettyPrint: true });
}

/** Customers and suppliers with valid IBANs (made-up names). */
export const PARTIES: readonly TestParty[] = [
  { name: 'Müller & Söhne GmbH', iban: 'DE44500105175407324931', bic: 'INGDDEFFXXX' },
  { name: 'Bäckerei Weiß OHG', iban: 'DE77100100100123456789', bic: 'PBNKDEFFXXX' },
  { name: 'Schröder Maschinenbau AG', iban: 'DE34200505501234567890' },
  { name: 'Van der Berg Trading B.V.', iban: 'NL20INGB0001234567', bic: 'INGBNL2A' },
  { name: 'Wiener Feinkost GmbH', iban: 'AT871200052066543301', bic: 'BKAUATWW' },
];

export const TEST_CREDITOR_ID = 'DE98ZZZ09999999999';

/**
 * A valid file of `count` payments for protocol tests that need real order
 * data (random references and remittance make it compress like real files).
 */
export function samplePain(
  kind: 'credit_transfer' | 'direct_debit_core' | 'direct_debit_b2b',
  o: { ownIban: string; date: BusinessDate; count?: number; version?: 'old' | 'new' },
): Buffer {
  const count = o.count ?? 3;
  const random = () => randomBytes(8).toString('hex').toUpperCase();
  if (kind === 'credit_transfer') {
    return Buffer.from(
      buildPain001({
        version: o.version === 'old' ? '03' : '09',
        debtor: { name: 'Kontor Demo GmbH', iban: o.ownIban },
        executionDate: o.date,
        transactions: Array.from({ length: count }, (_, i) => ({
          endToEndId: `E2E-${random()}`,
          amountCents: 1_000 + ((i * 7_919) % 500_000),
          creditor: PARTIES[i % PARTIES.length] ?? { name: 'X', iban: 'DE44500105175407324931' },
          remittance: `Rechnung R-${1000 + i} ${random()} ${random()}`,
        })),
      }),
      'utf8',
    );
  }
  return Buffer.from(
    buildPain008({
      version: o.version === 'old' ? '02' : '08',
      scheme: kind === 'direct_debit_b2b' ? 'B2B' : 'CORE',
      creditor: { name: 'Kontor Demo GmbH', iban: o.ownIban },
      creditorId: TEST_CREDITOR_ID,
      collectionDate: o.date,
      transactions: Array.from({ length: count }, (_, i) => ({
        endToEndId: `DD-${random()}`,
        amountCents: 2_500 + ((i * 6_151) % 300_000),
        debtor: PARTIES[i % PARTIES.length] ?? { name: 'X', iban: 'DE44500105175407324931' },
        mandateId: `M-${10_000 + i}`,
        signedOn: '2024-01-15',
        remittance: `Rechnung R-${2000 + i} ${random()}`,
      })),
    }),
    'utf8',
  );
}
