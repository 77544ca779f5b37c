import { useState } from 'react';
import type { PaymentStatus, PaymentView } from '../../../../shared/reconcile';
import { useApi } from '../../api/useApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import { mayLinkRefund, RefundLinkDialog } from './RefundLinkDialog';

const STATUSES: readonly PaymentStatus[] = ['Open', 'Issued', 'Collected', 'Final', 'Rejected', 'Reversed', 'Refunded', 'Canceled'];

function usePaymentColumns(onLink: (p: PaymentView) => void): Column<PaymentView>[] {
  const { t, amount, date } = useI18n();
  const money = (key: string, header: string, cents: (p: PaymentView) => number): Column<PaymentView> => ({
    key,
    header,
    align: 'right',
    className: 'amount nowrap',
    cell: (p) => amount(cents(p), p.currency),
  });
  return [
    { key: 'id', header: t('payments.id'), cell: (p) => p.id },
    { key: 'kind', header: t('payments.kind'), cell: (p) => t(p.kind === 'direct_debit' ? 'payments.kind.dd' : 'payments.kind.ct') },
    { key: 'who', header: t('payments.counterparty'), cell: (p) => p.counterpartyName ?? '—' },
    { key: 'status', header: t('payments.status'), cell: (p) => t(`payments.status.${p.status}`) },
    money('amount', t('payments.amount'), (p) => p.amountCents),
    money('open', t('payments.open'), (p) => p.openCents),
    money('settled', t('payments.settled'), (p) => p.settledCents),
    money('assigned', t('payments.assigned'), (p) => p.assignedCents),
    money('available', t('payments.available'), (p) => p.availableCents),
    { key: 'settledOn', header: t('payments.settledOn'), cell: (p) => date(p.settledOn), className: 'nowrap' },
    { key: 'finalFrom', header: t('payments.finalFrom'), cell: (p) => date(p.finalFrom), className: 'nowrap' },
    { key: 'refundOf', header: t('refundLink.column'), cell: (p) => (p.refundOfPaymentId ? t('refundLink.of', { id: p.refundOfPaymentId }) : '') },
    {
      key: 'actions',
      header: '',
      cell: (p) =>
        mayLinkRefund(p) && (
          <button type="button" className="small" onClick={() => onLink(p)}>
            {t('refundLink.open')}
          </button>
        ),
    },
  ];
}

/**
 * Every payment Kontor built, with its status and its Open, Settled,
 * Assigned and Available amounts (Available = Settled − Assigned); settled
 * payments become Final at the end of their scheme's return window.
 */
export function PaymentsScreen() {
  const { t } = useI18n();
  const [status, setStatus] = useState<PaymentStatus | ''>('');
  const payments = useApi('payments.list', { ...(status ? { status } : {}), limit: 500 });
  const [linking, setLinking] = useState<PaymentView>();
  const columns = usePaymentColumns(setLinking);
  return (
    <>
      <PageHeader title={t('nav.payments')} />
      <p className="muted section-intro">{t('payments.intro')}</p>
      <label className="inline-field">
        {t('payments.status')}{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value as PaymentStatus | '')}>
          <option value="">{t('payments.allStatuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`payments.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <ErrorBanner problems={[payments.error && problemFromError(payments.error)]} onRetry={payments.reload} />
      {!payments.data ? (
        payments.error ? null : (
          <Loading />
        )
      ) : payments.data.rows.length === 0 ? (
        <EmptyState title={t('payments.emptyTitle')}>
          <p>{t('payments.emptyText')}</p>
        </EmptyState>
      ) : (
        <Table caption={t('nav.payments')} columns={columns} rows={payments.data.rows} rowKey={(p) => p.id} testId="payments-table" />
      )}
      {linking && (
        <RefundLinkDialog
          refund={linking}
          onClose={() => setLinking(undefined)}
          onLinked={() => {
            setLinking(undefined);
            payments.reload();
          }}
        />
      )}
    </>
  );
}
