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

const key = (accessId: number) => `vop.default.${accessId}`;

export function vopDefault(ctx: ServiceContext, accessId: number): PayeeVerification {
  return readSetting<PayeeVerification>(ctx.db, key(accessId), 'with');
}

export function setVopDefault(ctx: ServiceContext, accessId: number, choice: PayeeVerification): { bankAccessId: number; choice: PayeeVerification } {
  writeSetting(ctx.db, key(accessId), choice);
  return { bankAccessId: accessId, choice };
}

/** Records the choice for an order about to be sent (credit transfers only); `vop` undefined: the access's default. */
export function recordVopChoice(ctx: ServiceContext, order: PaymentOrderRow, accessId: number, vop: boolean | undefined): void {
  if (order.kind !== 'credit_transfer') return;
  setPayeeVerification(ctx.db, order.id, vop === undefined ? vopDefault(ctx, accessId) : vop ? 'with' : 'waived');
}

/** The EBICS purpose an order is uploaded with. */
export function uploadPurpose(ctx: ServiceContext, order: PaymentOrderRow): Purpose {
  if (order.kind === 'credit_transfer') return payeeVerificationOf(ctx.db, order.id) === 'with' ? 'credit_transfer_vop' : 'credit_transfer';
  return order.scheme === 'B2B' ? 'direct_debit_b2b' : 'direct_debit_core';
}
