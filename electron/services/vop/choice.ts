/**
 * With or without verification of payee, per payment order: the clerk's
 * choice at upload, else the bank access's default (with, unless set to
 * waive). Kept on the order, so a resend or an EBICS recovery sends the
 * same order type. Only credit transfers are checked.
 */
import type { Purpose } from '../../ebics/messages/catalogue';
import { payeeVerificationOf, setPayeeVerification, type PayeeVerification } from '../../ledger/repos/payee-verification';
import type { PaymentOrderRow } from '../../ledger/repos/payment-orders';
import { readSetting, writeSetting } from '../../ledger/repos/settings';
import type { ServiceContext } from '../context';
import { KontorError } from '../../../shared/errors';

const key = (accessId: number) => `vop.default.${accessId}`;

export function vopDefault(ctx: ServiceContext, accessId: number): PayeeVerification {
  return readSetting<PayeeVerification>(ctx.db, key(accessId), 'with');
}

export function setVopDefault(ctx: ServiceContext, accessId: number, choice: PayeeVerification): { bankAccessId: number; choice: PayeeVerification } {
  writeSetting(ctx.db, key(accessId), choice);
  return { bankAccessId: accessId, choice };
}

/** The choice for an order about to be sent (credit transfers only, else null); `vop` undefined: the access's default. */
export function vopChoice(ctx: ServiceContext, order: PaymentOrderRow, accessId: number, vop: boolean | undefined): PayeeVerification | null {
  if (order.kind !== 'credit_transfer') return null;
  return vop === undefined ? vopDefault(ctx, accessId) : vop ? 'with' : 'waived';
}

/**
 * What the bank would refuse, refused before it is asked: the VoP order
 * types (CTV/CIV, BTF VOI) take pain.001.001.09 only (DK; the check needs
 * the structured name fields of the newer version).
 */
export function checkVopChoice(order: PaymentOrderRow, choice: PayeeVerification | null): void {
  if (choice === 'with' && order.format === 'pain.001.001.03')
    throw new KontorError(
      'vop.needsPain09',
      'Banks check the payee only in pain.001.001.09 files; this order is pain.001.001.03. Switch the bank access to pain.001.001.09 and build the run again, or upload without verification.',
      { format: order.format },
    );
}

/** Records the choice for an order about to be sent (credit transfers only). */
export function recordVopChoice(ctx: ServiceContext, order: PaymentOrderRow, choice: PayeeVerification | null): void {
  if (choice !== null) setPayeeVerification(ctx.db, order.id, choice);
}

/** The EBICS purpose an order is uploaded with: with or without the check, instant or not. */
export function uploadPurpose(ctx: ServiceContext, order: PaymentOrderRow): Purpose {
  if (order.kind === 'credit_transfer') {
    const checked = payeeVerificationOf(ctx.db, order.id) === 'with';
    if (order.instant === 1) return checked ? 'instant_transfer_vop' : 'instant_transfer';
    return checked ? 'credit_transfer_vop' : 'credit_transfer';
  }
  return order.scheme === 'B2B' ? 'direct_debit_b2b' : 'direct_debit_core';
}

/**
 * A single payment sent without the check and refused as unreadable
 * (090004): banks that take single payments only with verification of
 * payee answer so. Said in words the clerk can act on, with the bank's own.
 */
export function explainRefusal(ctx: ServiceContext, order: PaymentOrderRow, ebicsCode: string, e: Error): Error {
  if (ebicsCode !== '090004' || order.kind !== 'credit_transfer' || order.txCount !== 1) return e;
  if (payeeVerificationOf(ctx.db, order.id) !== 'waived') return e;
  const bankText = e instanceof KontorError && typeof e.params.reportText === 'string' ? e.params.reportText : '';
  return new KontorError(
    'vop.singlePaymentRefused',
    `The bank refused this single payment sent without verification of payee${bankText ? ` (“${bankText}”)` : ''}. Some banks accept a single payment only with the check: build the run again and upload it with verification of payee.`,
    { ebicsCode, bankText },
  );
}
