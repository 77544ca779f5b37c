/**
 * The distributed signature (VEU) of a bank access, as the signer uses it:
 * the orders waiting (HVZ), one order's signers and transactions (HVD, HVT),
 * and the signer's signature (HVE) or cancellation (HVS).
 *
 * Signing is never a side effect: only `sign` and `cancel` send HVE/HVS,
 * each only after the signer's confirmation for this very order (the total
 * typed by hand, or the signing PIN), and each writes an audit record. The
 * signature covers the digest the bank reports for the order, so what is
 * signed is what the bank holds. Sending a signature again is harmless: the
 * bank refuses a signer's second signature (091306), which is reported as
 * "already signed"; a lost answer is resolved the same way by signing again.
 */
import { KontorError } from '../../../shared/errors';
import { parseAmount, type Cents } from '../../../shared/money';
import type { VeuConfirmation, VeuDecision, VeuOrder, VeuOrderDetail } from '../../../shared/api/veu';
import type { EbicsClient } from '../../ebics/client';
import { isEbicsError } from '../../ebics/messages/return-codes';
import { parseHvd, parseHvt, parseVeuList, type VeuListedOrder } from '../../ebics/messages/veu-order-data';
import type { VeuOrderRef } from '../../ebics/messages/veu';
import { appendAudit } from '../../ledger/repos/audit-log';
import { withBankClient } from '../bank-access/lifecycle';
import type { ServiceContext } from '../context';
import { pinMatches } from './pin';

async function waiting(client: EbicsClient): Promise<VeuListedOrder[]> {
  const data = (await client.download('veu_overview_details')).data;
  return data ? parseVeuList(data) : [];
}

function view(o: VeuListedOrder): VeuOrder {
  return {
    orderId: o.orderId,
    label: o.label,
    submittedBy: { partnerId: o.originator.partnerId, userId: o.originator.userId, name: o.originator.name, at: o.originator.timestamp },
    signatures: { required: o.signing.required, done: o.signing.done, readyToBeSigned: o.signing.readyToBeSigned },
    signers: o.signers,
    transactions: o.totals?.transactions ?? null,
    totalCents: o.totals?.amountCents ?? null,
    currency: o.totals?.currency ?? null,
  };
}

const refOf = (o: VeuListedOrder): VeuOrderRef => ({
  partnerId: o.originator.partnerId,
  orderId: o.orderId,
  ...(o.orderType ? { orderType: o.orderType } : {}),
  ...(o.service ? { service: o.service } : {}),
});

function notWaiting(orderId: string): KontorError {
  return new KontorError('veu.orderNotWaiting', `Order ${orderId} is not waiting for signatures at the bank (any more).`, { orderId });
}

async function findOrder(client: EbicsClient, orderId: string): Promise<VeuListedOrder> {
  const o = (await waiting(client)).find((x) => x.orderId === orderId);
  if (!o) throw notWaiting(orderId);
  return o;
}

export function listVeu(ctx: ServiceContext, accessId: number): Promise<VeuOrder[]> {
  return withBankClient(ctx, accessId, async (client) => (await waiting(client)).map(view));
}

export function showVeu(ctx: ServiceContext, accessId: number, orderId: string): Promise<VeuOrderDetail> {
  return withBankClient(ctx, accessId, async (client) => {
    const o = await findOrder(client, orderId);
    const hvd = parseHvd((await client.veuDownload('HVD', refOf(o))).data ?? Buffer.alloc(0));
    const hvt = parseHvt((await client.veuDownload('HVT', refOf(o))).data ?? Buffer.alloc(0));
    const items = hvt.transactions.map((t) => ({
      payee: t.recipient.holder,
      iban: t.recipient.iban,
      bic: t.recipient.bic,
      amountCents: t.amountCents,
      currency: t.currency,
      executionDate: t.executionDate,
      purpose: t.purpose.join(' '),
    }));
    const base = view(o);
    return {
      ...base,
      signers: hvd.signers,
      transactions: base.transactions ?? hvt.total,
      totalCents: base.totalCents ?? items.reduce((n, t) => n + t.amountCents, 0),
      displayFile: hvd.displayFile,
      items,
    };
  });
}

/** The order's total: what HVZ states, else the sum of its transactions (HVT). */
async function totalOf(client: EbicsClient, o: VeuListedOrder): Promise<Cents> {
  if (o.totals?.amountCents !== null && o.totals?.amountCents !== undefined) return o.totals.amountCents;
  const hvt = parseHvt((await client.veuDownload('HVT', refOf(o))).data ?? Buffer.alloc(0));
  return hvt.transactions.reduce((n, t) => n + t.amountCents, 0);
}

async function checkConfirmation(ctx: ServiceContext, accessId: number, client: EbicsClient, o: VeuListedOrder, c: VeuConfirmation): Promise<void> {
  if (c.kind === 'pin') {
    if (!pinMatches(ctx, accessId, c.pin)) throw new KontorError('veu.pinWrong', 'The signing PIN is not correct.');
    return;
  }
  let typed: Cents;
  try {
    typed = parseAmount(c.typed);
  } catch {
    throw new KontorError('veu.totalMismatch', 'Type the order’s total exactly as shown to confirm.', { orderId: o.orderId });
  }
  if (typed !== (await totalOf(client, o)))
    throw new KontorError('veu.totalMismatch', 'Type the order’s total exactly as shown to confirm.', { orderId: o.orderId });
}

async function decide(
  ctx: ServiceContext,
  input: { accessId: number; orderId: string; confirmation: VeuConfirmation },
  action: 'HVE' | 'HVS',
): Promise<VeuDecision> {
  return withBankClient(ctx, input.accessId, async (client) => {
    const o = await findOrder(client, input.orderId);
    await checkConfirmation(ctx, input.accessId, client, o, input.confirmation);
    const digest = o.dataDigest;
    if (!digest) throw new KontorError('ebics.responseMalformed', 'The bank did not report the digest of the order to sign.');
    let duplicate = false;
    try {
      await client.veuSignature(action, refOf(o), Buffer.from(digest.digest, 'base64'));
    } catch (e) {
      // The bank already holds this signer's signature (an earlier attempt whose answer got lost, or a second click).
      if (!(action === 'HVE' && isEbicsError(e) && e.ebicsCode === '091306')) throw e;
      duplicate = true;
    }
    const after = (await waiting(client)).find((x) => x.orderId === o.orderId) ?? null;
    const outcome: VeuDecision['outcome'] = action === 'HVS' ? 'cancelled' : duplicate ? 'alreadySigned' : after ? 'signed' : 'released';
    appendAudit(ctx.db, ctx.now(), {
      actor: ctx.actor(),
      action: action === 'HVE' ? 'veu.sign' : 'veu.cancel',
      subjectType: 'bank_access',
      subjectId: input.accessId,
      details: { orderId: o.orderId, label: o.label, digest: digest.digest, confirmedBy: input.confirmation.kind, outcome },
    });
    return { orderId: o.orderId, outcome, order: after ? view(after) : null };
  });
}

export const signVeu = (ctx: ServiceContext, input: { accessId: number; orderId: string; confirmation: VeuConfirmation }) => decide(ctx, input, 'HVE');
export const cancelVeu = (ctx: ServiceContext, input: { accessId: number; orderId: string; confirmation: VeuConfirmation }) => decide(ctx, input, 'HVS');
