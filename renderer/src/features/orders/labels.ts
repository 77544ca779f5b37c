import type { OrderStatus, OrderWarning, PaymentOrder, Progress, RejectedDateRule, TextChangePreview } from '../../../../shared/domain';
import { ApiCallError } from '../../api/client';
import type { MessageKey } from '../../i18n/en';
import { problemFromError, type Problem } from '../../i18n/problems';
import { isMessageKey, type Translator } from '../../i18n/translator';

export const ORDER_STATUSES: readonly OrderStatus[] = ['draft', 'approved', 'uploading', 'uploaded', 'released', 'rejected', 'expired', 'exported', 'canceled'];

export const STATUS_LABEL: Record<OrderStatus, MessageKey> = {
  draft: 'orders.status.draft',
  approved: 'orders.status.approved',
  uploading: 'orders.status.uploading',
  uploaded: 'orders.status.uploaded',
  released: 'orders.status.released',
  rejected: 'orders.status.rejected',
  expired: 'orders.status.expired',
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
  expired: 'badge badge-danger',
  exported: 'badge badge-ok',
  canceled: 'badge',
};

export function statusBadgeClass(status: OrderStatus): string {
  return STATUS_BADGE[status];
}

/** "Credit transfer" or "Direct debit CORE". */
export function kindLabel(t: Translator['t'], order: Pick<PaymentOrder, 'kind' | 'scheme'> & { instant?: boolean }): string {
  if (order.kind === 'credit_transfer') return order.instant === true ? t('instant.kindLabel') : t('orders.kind.credit_transfer');
  return t('orders.kind.direct_debit', { scheme: order.scheme ?? '' }).trim();
}

/**
 * The eligibility reason code in the user's words; the server's English words if the code is new.
 * `params` carries the rule's numbers (`days`: the horizon the check ran with).
 */
export function reasonText(t: Translator['t'], code: string, fallback: string | undefined, params?: Record<string, string | number>): string {
  const key = `eligibility.${code}`;
  return isMessageKey(key) ? t(key, params) : (fallback ?? code);
}

/** A build warning in the user's words; the server's English words for a code the renderer does not know (and for old orders). */
export function warningText(tr: Pick<Translator, 't' | 'plural' | 'date'>, w: OrderWarning): string {
  const p = w.params;
  if (w.code === 'sepa.transliterated' && typeof p.count === 'number') {
    const text = tr.plural(p.count, 'sepa.transliteratedOne', 'sepa.transliteratedOther');
    return typeof p.cut === 'number' && p.cut > 0 ? `${text} ${tr.t('sepa.transliteratedCut', { cut: p.cut })}` : text;
  }
  if (w.code === 'sepa.executionNotTarget2Day') {
    return tr.t('sepa.executionNotTarget2Day', { ...p, date: tr.date(String(p.date)), next: tr.date(String(p.next)) });
  }
  return w.message;
}

function dateRuleKey(rule: RejectedDateRule, kind: PaymentOrder['kind']): MessageKey {
  if (rule === 'tooEarly') return kind === 'direct_debit' ? 'orders.rejection.date.tooEarly.direct_debit' : 'orders.rejection.date.tooEarly.credit_transfer';
  return `orders.rejection.date.${rule}`;
}

/**
 * Why the bank rejected the order, in the user's words: the reason code,
 * then for a date the rule with the date and the limit the bank named; for
 * an upload the bank refused, the EBICS code's own words. Null when the bank
 * gave no reason.
 */
export function rejectionText(tr: Pick<Translator, 't' | 'date'>, o: Pick<PaymentOrder, 'kind' | 'bankRejection'>): string | null {
  const r = o.bankRejection;
  if (r === null) return null;
  const { t } = tr;
  if (r.source === 'ebics') {
    const key = `code.ebics.${r.name ?? ''}`;
    return isMessageKey(key) ? `${t(key)} ${t('orders.rejection.ebics', { code: r.ebicsCode })}` : t('orders.rejection.ebics', { code: r.ebicsCode });
  }
  const sentences = [t('orders.rejection.code', { code: r.reasonCode })];
  if (r.dateRule !== null) {
    const field = t(o.kind === 'direct_debit' ? 'orders.rejection.field.direct_debit' : 'orders.rejection.field.credit_transfer');
    sentences.push(t(dateRuleKey(r.dateRule, o.kind), { field, date: r.date === null ? '' : tr.date(r.date) }));
    if (r.next !== null) sentences.push(t('orders.rejection.next', { next: tr.date(r.next) }));
    if (r.earliest !== null && r.dateRule === 'tooEarly') sentences.push(t('orders.rejection.earliest', { earliest: tr.date(r.earliest) }));
    if (r.latest !== null && r.dateRule === 'tooFarAhead') sentences.push(t('orders.rejection.latest', { latest: tr.date(r.latest) }));
    sentences.push(t('orders.rejection.fix'));
  } else {
    const key = `orders.rejection.reason.${r.reasonCode}`;
    if (isMessageKey(key)) sentences.push(t(key));
  }
  return sentences.join(' ');
}

/** Where a changed text sits, in words: `blocks[0].transactions[3].creditor.name` → "Payment 4: name". */
export function changeFieldText(t: Translator['t'], field: TextChangePreview['field']): string {
  const tx = /transactions\[(\d+)\]\.(?:[a-z]+\.)?(name|remittance)$/.exec(field);
  if (tx) return t(tx[2] === 'name' ? 'sepa.field.name' : 'sepa.field.remittance', { n: Number(tx[1]) + 1 });
  if (field === 'initiatingParty') return t('sepa.field.initiatingParty');
  if (/^blocks\[\d+\]\.[a-z]+\.name$/.test(field)) return t('sepa.field.account');
  return field;
}

/** "0 of 1 signature", "1 of 2 signatures". */
export function signaturesText(t: Translator['t'], s: NonNullable<PaymentOrder['signatures']>): string {
  return s.required === 1 ? t('orders.signaturesDoneOne', { done: s.done }) : t('orders.signaturesDone', { done: s.done, required: s.required });
}

/** Whether a progress event is the upload of order `id` (by its subject; hosts that name none: by the upload's task id). */
export function isUploadProgressOf(p: Progress, id: number): boolean {
  if (p.subject) return p.subject.type === 'payment_order' && p.subject.id === id;
  return p.label === 'orders.upload' && p.taskId.startsWith(`order-upload-${id}-`);
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
