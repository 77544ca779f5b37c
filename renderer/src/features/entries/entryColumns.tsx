import { routeHref } from '../../app/routing';
import type { Entry } from '../../../../shared/domain';
import type { Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';

interface Options {
  onOpen: (entry: Entry) => void;
  /** Whether the user may approve payables (not a preparer). */
  canApprove: boolean;
  /** The entry whose approval is being decided, if any. */
  deciding: number | null;
  onDecide: (entry: Entry, decision: 'approve' | 'reject') => void;
}

/** The entries table's columns, with the approve/reject buttons of payables awaiting approval. */
export function useEntryColumns({ onOpen, canApprove, deciding, onDecide }: Options): Column<Entry>[] {
  const { t, amount, date } = useI18n();
  return [
    {
      key: 'number',
      header: t('entry.number'),
      cell: (e) => (
        <button type="button" className="link" onClick={() => onOpen(e)}>
          {e.number}
        </button>
      ),
      className: 'nowrap',
    },
    {
      key: 'type',
      header: t('entry.type'),
      cell: (e) => (
        <span className={`badge ${e.type === 'Debit' ? 'badge-in' : 'badge-out'}`}>{t(e.type === 'Debit' ? 'entry.receivable' : 'entry.payable')}</span>
      ),
    },
    {
      key: 'account',
      header: t('entry.account'),
      cell: (e) => (
        <>
          {e.accountName} <span className="muted">{e.accountNumber}</span>
        </>
      ),
    },
    { key: 'statementDate', header: t('entry.statementDate'), cell: (e) => date(e.statementDate), className: 'nowrap' },
    { key: 'dueDate', header: t('entry.dueDate'), cell: (e) => date(e.dueDate) || '—', className: 'nowrap' },
    {
      key: 'open',
      header: t('entry.openAmount'),
      align: 'right',
      cell: (e) => (
        <>
          <span className={e.openAmountCents < 0 ? 'amount negative' : 'amount'}>{amount(e.openAmountCents)}</span> <span className="muted">{e.currency}</span>
        </>
      ),
      className: 'nowrap',
    },
    { key: 'reference', header: t('entry.paymentReference'), cell: (e) => e.paymentReference ?? '', className: 'truncate' },
    {
      key: 'method',
      header: t('entry.methodShort'),
      cell: (e) => (e.requestedMethod ? t(e.requestedMethod === 'sepa' ? 'entry.methodSepa' : 'entry.methodOther') : '—'),
    },
    {
      key: 'status',
      header: t('common.status'),
      cell: (e) => (
        <>
          <span className={e.status === 'Open' ? 'badge badge-open' : 'badge badge-ok'}>
            {t(e.status === 'Open' ? 'entry.statusOpen' : 'entry.statusBalanced')}
          </span>
          {e.creditApproval === 'pending' && <span className="badge badge-warn">{t('approval.awaiting')}</span>}
          {e.status === 'Open' && e.inPayment && (
            <a className="badge badge-in" href={routeHref({ screen: 'orders', id: e.inPayment.orderId })} data-testid="entry-in-payment">
              {t('runs.inPaymentOrder', { id: e.inPayment.orderId })}
            </a>
          )}
          {e.creditApproval === 'rejected' && <span className="badge badge-danger">{t('entry.approval.rejected')}</span>}
        </>
      ),
      className: 'nowrap',
    },
    {
      key: 'approval',
      header: t('common.actions'),
      cell: (e) =>
        canApprove && e.type === 'Credit' && e.creditApproval === 'pending' ? (
          <span className="button-row">
            <button
              type="button"
              className="small"
              disabled={deciding === e.id}
              aria-label={t('approval.approveEntry', { number: e.number })}
              onClick={() => onDecide(e, 'approve')}
            >
              {t('approval.approve')}
            </button>
            <button
              type="button"
              className="small"
              disabled={deciding === e.id}
              aria-label={t('approval.rejectEntry', { number: e.number })}
              onClick={() => onDecide(e, 'reject')}
            >
              {t('approval.reject')}
            </button>
          </span>
        ) : null,
      className: 'nowrap',
    },
  ];
}
