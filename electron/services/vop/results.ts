/**
 * The payee verification results of a payment order: the bank's reports
 * are fetched (VPZ; EBICS 3.0 BTD REP pain.002 VOP, often in a ZIP) and
 * kept as received before the receipt tells the bank they arrived; the
 * latest report about the order's pain.001 message is read per payment.
 * A close match may correct the supplier's bank details: only on request,
 * with an audit record.
 */
import { KontorError } from '../../../shared/errors';
import type { VopOrderResults } from '../../../shared/api/vop';
import { parseVopReport, type VopReport } from '../../ebics/vop/report';
import { appendAudit } from '../../ledger/repos/audit-log';
import { latestVopReport, payeeOfPayment, payeeVerificationOf, renameInstrumentHolder, saveVopReport } from '../../ledger/repos/payee-verification';
import { getPaymentOrder } from '../../ledger/repos/payment-orders';
import { touchVersion } from '../../ledger/repos/versions';
import { withBankClient } from '../bank-access/lifecycle';
import type { ServiceContext } from '../context';
import { isZip, unpackZip } from '../statements/container';

/** More than this many reports in one go means something is wrong at the bank: stop and let the user look. */
const MAX_REPORTS_PER_FETCH = 50;

function reportsIn(data: Buffer): Array<{ xml: string; report: VopReport }> {
  const files = isZip(data) ? unpackZip(data, { maxFiles: 1000 }).map((f) => Buffer.from(f.bytes)) : [data];
  return files.map((f) => ({ xml: f.toString('utf8'), report: parseVopReport(f) }));
}

/** Downloads every report the bank holds for this access and keeps it; returns how many were new. */
export async function fetchVopReports(ctx: ServiceContext, bankAccessId: number): Promise<number> {
  return withBankClient(ctx, bankAccessId, async (client) => {
    let added = 0;
    for (let i = 0; i < MAX_REPORTS_PER_FETCH; i++) {
      const r = await client.download('vop_report', {
        // Stored before the receipt: a crash in between makes the bank offer the report again.
        process: (data) => {
          for (const { xml, report } of reportsIn(data)) {
            const fresh = saveVopReport(ctx.db, {
              bankAccessId,
              originalMessageId: report.originalMessageId,
              messageId: report.messageId,
              content: xml,
              receivedAt: ctx.now(),
            });
            if (fresh) added++;
          }
        },
      });
      if (r.data === null) break;
    }
    return added;
  });
}

export async function vopResults(ctx: ServiceContext, id: number): Promise<VopOrderResults> {
  const order = getPaymentOrder(ctx.db, id);
  const verification = payeeVerificationOf(ctx.db, id);
  const base = { orderId: id, ebicsOrderId: order.ebicsOrderId ?? null, verification };
  if (verification !== 'with') return { ...base, status: 'notChecked', receivedAt: null, payments: [], summary: null };
  if (!latestVopReport(ctx.db, order.messageId) && order.bankAccessId !== null) await fetchVopReports(ctx, order.bankAccessId);
  const stored = latestVopReport(ctx.db, order.messageId);
  if (!stored) return { ...base, status: 'notYet', receivedAt: null, payments: [], summary: null };
  const report = parseVopReport(stored.content);
  return {
    ...base,
    status: 'ready',
    receivedAt: stored.receivedAt,
    payments: report.transactions.map((t) => {
      const payee = t.result === 'closeMatch' ? payeeOfPayment(ctx.db, id, t.endToEndId) : undefined;
      return {
        endToEndId: t.endToEndId,
        result: t.result,
        code: t.code,
        submittedName: t.submittedName,
        bankName: t.bankName,
        reason: t.reason,
        iban: t.iban,
        amountCents: t.amountCents,
        canTakeName: !!payee?.instrumentId && payee.holderName !== t.bankName,
      };
    }),
    summary: report.summary,
  };
}

export async function takeBankName(ctx: ServiceContext, id: number, endToEndId: string): Promise<{ instrumentId: number; holderName: string }> {
  const results = await vopResults(ctx, id);
  const payment = results.payments.find((p) => p.endToEndId === endToEndId);
  if (!payment || payment.result !== 'closeMatch' || !payment.bankName) {
    throw new KontorError('vop.notCloseMatch', 'Only after a close match can the name the payee’s bank holds be taken over.', { endToEndId });
  }
  const payee = payeeOfPayment(ctx.db, id, endToEndId);
  if (!payee?.instrumentId) throw new KontorError('vop.noBankDetails', 'This payment was not made to stored bank details of a supplier.', { endToEndId });
  const holderName = payment.bankName.slice(0, 70);
  ctx.db.transaction(() => {
    renameInstrumentHolder(ctx.db, payee.instrumentId!, holderName, ctx.now());
    touchVersion(ctx.db, 'payment_instrument', payee.instrumentId!, ctx.actor(), ctx.now());
    appendAudit(ctx.db, ctx.now(), {
      actor: ctx.actor(),
      action: 'vop.bankNameTaken',
      subjectType: 'payment_instrument',
      subjectId: payee.instrumentId!,
      details: { paymentOrderId: id, endToEndId, from: payee.holderName, to: holderName },
    });
  })();
  return { instrumentId: payee.instrumentId, holderName };
}
