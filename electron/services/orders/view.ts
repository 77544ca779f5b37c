import { OrderWarning, type PaymentOrder, type PaymentOrderDetail } from '../../../shared/domain';
import type { Database } from 'better-sqlite3';
import { getBankAccount } from '../../ledger/repos/bank-accounts';
import { paymentsOfOrder, type PaymentOrderRow } from '../../ledger/repos/payment-orders';
import { bankRejectionOf } from './rejection';

/**
 * The stored warnings: structured ones as they are; orders built before
 * warnings had codes hold English sentences, shown as code `text`.
 */
export function readWarnings(json: string): OrderWarning[] {
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((w): OrderWarning[] => {
    if (typeof w === 'string') return [{ code: 'text', params: {}, message: w }];
    const parsed = OrderWarning.safeParse(w);
    return parsed.success ? [parsed.data] : [];
  });
}

export function toPaymentOrder(db: Database, r: PaymentOrderRow): PaymentOrder {
  const account = getBankAccount(db, r.bankAccountId);
  return {
    id: r.id,
    bankAccessId: r.bankAccessId,
    bankAccountId: r.bankAccountId,
    bankAccountName: account.name,
    bankAccountIban: account.iban,
    kind: r.kind,
    format: r.format,
    scheme: r.scheme,
    sha256: r.sha256,
    messageId: r.messageId,
    txCount: r.txCount,
    controlSumCents: r.controlSumCents,
    executionDate: r.executionDate,
    status: r.status,
    instant: r.instant === 1,
    warnings: readWarnings(r.warnings),
    signatures:
      r.signaturesRequired === null || r.signaturesDone === null || r.signaturesCheckedAt === null
        ? null
        : { done: r.signaturesDone, required: r.signaturesRequired, checkedAt: r.signaturesCheckedAt },
    ebicsOrderId: r.ebicsOrderId,
    bankMessage: r.bankMessage,
    bankRejection: r.status === 'rejected' ? bankRejectionOf(r) : null,
    approvedBy: r.approvedBy,
    builtBy: r.builtBy,
    nextCheckAt: r.nextCheckAt,
    uploadedAt: r.uploadedAt,
    exportedAt: r.exportedAt,
    createdAt: r.createdAt,
    version: r.version,
  };
}

export function toPaymentOrderDetail(db: Database, r: PaymentOrderRow): PaymentOrderDetail {
  return { ...toPaymentOrder(db, r), payments: paymentsOfOrder(db, r.id) };
}
