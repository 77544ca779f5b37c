import { useId, useState } from 'react';
import { OrderStatus, type PaymentOrder } from '../../../../shared/domain';
import { routeHref } from '../../app/routing';
import { useApi } from '../../api/useApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import { kindLabel, ORDER_STATUSES, signaturesText, STATUS_LABEL, statusBadgeClass, warningText } from './labels';
import { PreparePanel } from './PreparePanel';
import { SentFiles } from './SentFiles';
import { shownOrderCents } from '../../../../shared/direction';
import { Amount } from '../../components/Amount';

/** The queue: every payment order with its account, kind, dates, sums and status. */
export function OrdersScreen() {
  const tr = useI18n();
  const { t, date, plural } = tr;
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const orders = useApi('orders.list', status ? { status } : {});
  const [built, setBuilt] = useState<number>();
  const filterId = useId();

  const columns: Column<PaymentOrder>[] = [
    {
      key: 'id',
      header: t('orders.order'),
      cell: (o) => <a href={routeHref({ screen: 'orders', id: o.id })}>{t('orders.orderTitle', { id: o.id })}</a>,
      className: 'nowrap',
    },
    {
      key: 'account',
      header: t('orders.bankAccount'),
      cell: (o) => (
        <>
          {o.bankAccountName} <span className="muted mono">{o.bankAccountIban}</span>
        </>
      ),
    },
    { key: 'kind', header: t('orders.kind'), cell: (o) => kindLabel(t, o), className: 'nowrap' },
    { key: 'format', header: t('orders.format'), cell: (o) => o.format, className: 'mono nowrap' },
    { key: 'date', header: t('orders.executionDate'), cell: (o) => date(o.executionDate), className: 'nowrap' },
    { key: 'count', header: t('orders.count'), cell: (o) => String(o.txCount), align: 'right' },
    {
      key: 'sum',
      header: t('orders.controlSum'),
      cell: (o) => <Amount cents={shownOrderCents(o.kind, o.controlSumCents)} currency="EUR" />,
      align: 'right',
      className: 'nowrap',
    },
    {
      key: 'status',
      header: t('common.status'),
      cell: (o) => (
        <>
          <span className={statusBadgeClass(o.status)}>{t(STATUS_LABEL[o.status])}</span>
          {o.status === 'uploaded' && o.signatures && (
            <span className="muted" data-testid="order-signatures">
              {' '}
              {signaturesText(t, o.signatures)}
            </span>
          )}
        </>
      ),
      className: 'nowrap',
    },
    {
      key: 'warnings',
      header: t('orders.warnings'),
      cell: (o) =>
        o.warnings.length === 0 ? (
          ''
        ) : (
          <details className="order-warnings">
            <summary className="warn-text">{t('orders.warningsCount', { count: o.warnings.length })}</summary>
            <ul>
              {o.warnings.map((w, i) => (
                <li key={i}>{warningText(tr, w)}</li>
              ))}
            </ul>
          </details>
        ),
    },
  ];

  const filter = (
    <div className="field">
      <label htmlFor={filterId}>{t('orders.filterStatus')}</label>
      <select id={filterId} value={status} onChange={(e) => setStatus(e.target.value === '' ? '' : OrderStatus.parse(e.target.value))}>
        <option value="">{t('orders.allStatuses')}</option>
        {ORDER_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(STATUS_LABEL[s])}
          </option>
        ))}
      </select>
    </div>
  );

  let body;
  if (!orders.data) body = orders.error ? null : <Loading />;
  else if (orders.data.length === 0)
    body = status ? (
      <p className="muted">{t('orders.queueEmptyFiltered')}</p>
    ) : (
      <EmptyState title={t('orders.queueEmpty')}>
        <p>{t('orders.firstStep')}</p>
      </EmptyState>
    );
  else body = <Table caption={t('orders.queueTitle')} columns={columns} rows={orders.data} rowKey={(o) => o.id} testId="orders-table" />;

  return (
    <>
      <PageHeader title={t('nav.orders')} />
      <div role="status">
        {built !== undefined && (
          <p className="banner banner-ok" data-testid="build-result">
            {built > 0 ? t('orders.buildingDone', { count: built }) : t('orders.buildNothing')}
          </p>
        )}
      </div>
      <PreparePanel
        onBuilt={(count) => {
          setBuilt(count);
          orders.reload();
        }}
      />
      <Section title={t('orders.queueTitle')}>
        <div className="filters">{filter}</div>
        {orders.data && <p className="muted">{plural(orders.data.length, 'orders.countOne', 'orders.countOther')}</p>}
        <ErrorBanner problems={[orders.error && problemFromError(orders.error)]} onRetry={orders.reload} />
        {body}
      </Section>
      <SentFiles />
    </>
  );
}
