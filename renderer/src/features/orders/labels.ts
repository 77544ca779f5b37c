import type { OrderStatus, PaymentOrder } from '../../../../shared/domain';
import { ApiCallError } from '../../api/client';
import type { MessageKey } from '../../i18n/en';
import { problemFromError, type Problem } from '../../i18n/problems';
import { isMessageKey, type Translator } from '../../i18n/translator';

export const ORDER_STATUSES: readonly OrderStatus[] = ['draft', 'approved', 'uploading', 'uploaded', 'released', 'rejected', 'exported', 'canceled'];

export const STATUS_LABEL: Record<OrderStatus, MessageKey> = {
  draft: 'orders.status.draft',
  approved: 'orders.status.approved',
  uploading: 'orders.status.uploading',
  uploaded: 'orders.status.uploaded',
  released: 'orders.status.released',
  rejected: 'orders.status.rejected',
  exported: 'orders.status.exported',
  canceled: 'orders.status.canceled',
};

const STATUS_BADGE: Record<OrderStatus, string> = {
  draft: 'badge badge-open',
  approved: 'badge badge-in',
  uploading: 'badge badge-warn',
  uploaded: 'badge badge-warn',
  released: 'badge badge-ok',
  rejected: 'badge badge-danger',
  exported: 'badge badge-ok',
  canceled: 'badge',
};

export function statusBadgeClass(status: OrderStatus): string {
  return STATUS_BADGE[status];
}

/** "Credit transfer" or "Direct debit CORE". */
export function kindLabel(t: Translator['t'], order: Pick<PaymentOrder, 'kind' | 'scheme'>): string {
  return order.kind === 'credit_transfer' ? t('orders.kind.credit_transfer') : t('orders.kind.direct_debit', { scheme: order.scheme ?? '' }).trim();
}

/** The eligibility reason code in the user's words; the server's English words if the code is new. */
export function reasonText(t: Translator['t'], code: string, fallback: string | undefined): string {
  const key = `eligibility.${code}`;
  return isMessageKey(key) ? t(key) : (fallback ?? code);
}

/** An order error with its parameters in words (amounts formatted, the status translated). */
export function orderProblem(e: unknown, tr: Pick<Translator, 't' | 'amount'>): Problem {
  const p = problemFromError(e);
  if (!(e instanceof ApiCallError)) return p;
  const params: Record<string, string | number> = { ...e.params };
  if (typeof params.controlSumCents === 'number') params.controlSum = tr.amount(params.controlSumCents, 'EUR');
  if (typeof params.limitCents === 'number') params.limit = tr.amount(params.limitCents, 'EUR');
  const status = params.status;
  if (typeof status === 'string' && status in STATUS_LABEL) params.status = tr.t(STATUS_LABEL[status as OrderStatus]);
  return { ...p, params };
}
