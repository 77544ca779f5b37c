import type { PaymentOrder, PaymentOrderDetail } from '../../../shared/domain';
import type { Database } from 'better-sqlite3';
import { getBankAccount } from '../../ledger/repos/bank-accounts';
import { paymentsOfOrder, type PaymentOrderRow } from '../../ledger/repos/payment-orders';

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
    warnings: JSON.parse(r.warnings) as string[],
    ebicsOrderId: r.ebicsOrderId,
    bankMessage: r.bankMessage,
    approvedBy: r.approvedBy,
    uploadedAt: r.uploadedAt,
    exportedAt: r.exportedAt,
    createdAt: r.createdAt,
  };
}

export function toPaymentOrderDetail(db: Database, r: PaymentOrderRow): PaymentOrderDetail {
  return { ...toPaymentOrder(db, r), payments: paymentsOfOrder(db, r.id) };
}
