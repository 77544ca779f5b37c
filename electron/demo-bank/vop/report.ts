/**
 * The VoP result report the bank writes for an order uploaded with the
 * check (CTV, CIV, BTU SCT|SCI + VOI): pain.002.001.10 as the DK describes
 * it (docs/vop.md): one `TxInfAndSts` per payment with the result in
 * `TxSts` (RCVC, RVMC, RVNM, RVNA), the held name of a close match and the
 * reason a check was not possible in `StsRsnInf/AddtlInf`, and what was
 * submitted in `OrgnlTxRef`.
 */
import { formatAmountXml } from '../../../shared/money';
import type { PaymentFile } from '../orders/pain';
import type { Holder } from '../store/payee-register';
import { serialize, startDocument, textChild } from '../xml/write';
import { checkPayee, type PayeeCheck } from './matching';

const NS = 'urn:iso:std:iso:20022:tech:xsd:pain.002.001.10';

export interface CheckedPayment {
  paymentInfoId: string;
  endToEndId: string;
  name: string;
  iban: string;
  amountCents: number;
  check: PayeeCheck;
}

export function checkPayments(file: PaymentFile, register: readonly Holder[]): CheckedPayment[] {
  return file.blocks.flatMap((b) =>
    b.transactions.map((t) => ({
      paymentInfoId: b.paymentInfoId,
      endToEndId: t.endToEndId,
      name: t.counterparty.name,
      iban: t.counterparty.iban,
      amountCents: t.amountCents,
      check: checkPayee(register, t.counterparty.iban, t.counterparty.name),
    })),
  );
}

export function buildVopReport(o: { orderId: string; createdAt: string; file: PaymentFile; checked: readonly CheckedPayment[] }): string {
  const root = startDocument(NS, 'Document');
  const rpt = root.ele('CstmrPmtStsRpt');
  const hdr = rpt.ele('GrpHdr');
  textChild(hdr, 'MsgId', `VOP${o.orderId}${o.createdAt.replace(/\D/g, '').slice(0, 14)}`);
  textChild(hdr, 'CreDtTm', o.createdAt);
  const grp = rpt.ele('OrgnlGrpInfAndSts');
  textChild(grp, 'OrgnlMsgId', o.file.messageId);
  textChild(grp, 'OrgnlMsgNmId', o.file.messageName);
  textChild(grp, 'OrgnlNbOfTxs', String(o.file.numberOfTransactions));
  textChild(grp, 'OrgnlCtrlSum', formatAmountXml(o.file.controlSumCents));
  for (const block of o.file.blocks) {
    const pmt = rpt.ele('OrgnlPmtInfAndSts');
    textChild(pmt, 'OrgnlPmtInfId', block.paymentInfoId);
    for (const c of o.checked.filter((x) => x.paymentInfoId === block.paymentInfoId)) {
      const tx = pmt.ele('TxInfAndSts');
      textChild(tx, 'OrgnlEndToEndId', c.endToEndId);
      textChild(tx, 'TxSts', c.check.code);
      if (c.check.code === 'RVMC') textChild(tx.ele('StsRsnInf'), 'AddtlInf', c.check.bankName.slice(0, 105));
      if (c.check.code === 'RVNA') textChild(tx.ele('StsRsnInf'), 'AddtlInf', c.check.reason.slice(0, 105));
      const ref = tx.ele('OrgnlTxRef');
      textChild(ref.ele('Amt'), 'InstdAmt', formatAmountXml(c.amountCents), { Ccy: 'EUR' });
      textChild(ref.ele('Cdtr').ele('Pty'), 'Nm', c.name);
      textChild(ref.ele('CdtrAcct').ele('Id'), 'IBAN', c.iban);
    }
  }
  return serialize(root);
}
