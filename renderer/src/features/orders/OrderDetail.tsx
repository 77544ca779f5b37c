import { useEffect, useId, useState } from 'react';
import type { OrderStatus, PaymentOrderDetail } from '../../../../shared/domain';
import { routeHref } from '../../app/routing';
import { ApiCallError, call, subscribe } from '../../api/client';
import { saveDownload } from '../../api/files';
import { useApi } from '../../api/useApi';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ProgressBar } from '../../components/ProgressBar';
import { Section } from '../../components/Section';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import type { Problem } from '../../i18n/problems';
import { changeFieldText, isUploadProgressOf, kindLabel, orderProblem, rejectionText, signaturesText, STATUS_LABEL, statusBadgeClass, warningText } from './labels';

type Payment = PaymentOrderDetail['payments'][number];

const CANCELABLE: readonly OrderStatus[] = ['draft', 'approved', 'exported'];
const EXPORTABLE: readonly OrderStatus[] = ['draft', 'approved', 'exported'];
/** The file went (or may have gone) out before: uploading it again needs the warning and an override. */
const SENT: readonly OrderStatus[] = ['uploading', 'uploaded', 'released', 'exported'];

/** A short reason is refused before the call, with words for it. */
class ReasonTooShort extends Error {}

/** One payment order: its facts, transactions, warnings, and the actions its status allows. */
export function OrderDetail({ id }: { id: number }) {
  const tr = useI18n();
  const { t, amount, date } = tr;
  const order = useApi('orders.get', { id });
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<Problem>();
  const [notice, setNotice] = useState<string>();
  const [dialog, setDialog] = useState<'cancel' | 'resend' | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [reason, setReason] = useState('');
  const reasonId = useId();

  useEffect(() => {
    if (busy !== 'upload') return;
    return subscribe('progress', (p) => {
      if (isUploadProgressOf(p, id)) setProgress({ done: p.done, total: p.total });
    });
  }, [busy, id]);

  const back = <a href={routeHref({ screen: 'orders' })}>{t('orders.back')}</a>;
  if (order.error && !order.data) {
    return (
      <>
        <PageHeader title={order.error.code === 'notFound' ? t('orders.notFound') : t('orders.orderTitle', { id })} back={back} />
        <ErrorBanner problems={[orderProblem(order.error, tr)]} onRetry={order.reload} />
      </>
    );
  }
  if (!order.data) {
    return (
      <>
        <PageHeader title={t('orders.orderTitle', { id })} back={back} />
        <Loading />
      </>
    );
  }
  const o = order.data;

  async function run(name: string, work: () => Promise<string | undefined>) {
    setBusy(name);
    setFailed(undefined);
    setNotice(undefined);
    try {
      const text = await work();
      if (text) setNotice(text);
    } catch (e) {
      setFailed(orderProblem(e, tr));
    } finally {
      setBusy(null);
      setProgress(null);
      order.reload();
    }
  }

  const approve = () =>
    run('approve', async () => {
      await call('orders.approve', { id });
      return t('orders.approved');
    });

  const upload = () =>
    run('upload', async () => {
      setProgress({ done: 0, total: 0 });
      try {
        await call('orders.upload', { id });
      } catch (e) {
        if (e instanceof ApiCallError && e.code === 'order.alreadySent') {
          setReason('');
          setDialog('resend');
          return undefined;
        }
        throw e;
      }
      return t('orders.uploaded');
    });

  const resend = async () => {
    const text = reason.trim();
    if (text.length < 5) throw new ReasonTooShort();
    setDialog(null);
    await run('upload', async () => {
      setProgress({ done: 0, total: 0 });
      await call('orders.upload', { id, override: { confirm: true, reason: text } });
      return t('orders.uploaded');
    });
  };

  const exportFile = () =>
    run('export', async () => {
      saveDownload(await call('orders.export', { id }));
      return t('orders.exported');
    });

  const refresh = (bankAccessId: number) =>
    run('refresh', async () => {
      const { updated } = await call('orders.refreshStatus', { bankAccessId });
      return t('orders.refreshed', { count: updated });
    });

  const columns: Column<Payment>[] = [
    {
      key: 'entry',
      header: t('orders.entry'),
      cell: (p) => <a href={routeHref({ screen: 'entries', id: p.entryId })}>{p.entryNumber}</a>,
      className: 'nowrap',
    },
    { key: 'counterparty', header: t('orders.counterparty'), cell: (p) => p.counterpartyName },
    { key: 'iban', header: t('orders.iban'), cell: (p) => p.counterpartyIban, className: 'mono nowrap' },
    {
      key: 'amount',
      header: t('orders.amount'),
      align: 'right',
      cell: (p) => <span className={p.amountCents < 0 ? 'amount negative' : 'amount'}>{amount(p.amountCents, 'EUR')}</span>,
      className: 'nowrap',
    },
    { key: 'e2e', header: t('orders.endToEndId'), cell: (p) => p.endToEndId, className: 'mono' },
    ...(o.kind === 'direct_debit'
      ? [
          { key: 'mandate', header: t('orders.mandate'), cell: (p: Payment) => p.mandateId ?? '—', className: 'mono' },
          { key: 'seq', header: t('orders.sequenceType'), cell: (p: Payment) => p.sequenceType ?? '—', className: 'mono' },
        ]
      : []),
    { key: 'remittance', header: t('orders.remittance'), cell: (p) => p.remittance ?? '', className: 'truncate' },
    { key: 'status', header: t('orders.paymentStatus'), cell: (p) => p.status },
  ];

  const working = busy !== null;
  const rejection = rejectionText(tr, o);
  const actions = (
    <>
      {o.status === 'draft' && (
        <button type="button" className="primary" disabled={working} onClick={() => void approve()}>
          {t('orders.approve')}
        </button>
      )}
      {o.bankAccessId !== null && (o.status === 'approved' || SENT.includes(o.status)) && (
        <button type="button" className={o.status === 'approved' ? 'primary' : undefined} disabled={working} onClick={() => void upload()}>
          {o.status === 'approved' ? t('orders.upload') : t('orders.uploadAgain')}
        </button>
      )}
      {EXPORTABLE.includes(o.status) && (
        <button type="button" disabled={working} onClick={() => void exportFile()}>
          {t('orders.export')}
        </button>
      )}
      {o.bankAccessId !== null && (o.status === 'uploaded' || o.status === 'uploading') && (
        <button type="button" disabled={working} onClick={() => void refresh(o.bankAccessId!)}>
          {t('orders.refresh')}
        </button>
      )}
      {CANCELABLE.includes(o.status) && (
        <button type="button" className="danger" disabled={working} onClick={() => setDialog('cancel')}>
          {t('orders.cancel')}
        </button>
      )}
    </>
  );

  return (
    <>
      <PageHeader
        back={back}
        title={
          <>
            {t('orders.orderTitle', { id })}{' '}
            <span className={statusBadgeClass(o.status)} data-testid="order-status">
              {t(STATUS_LABEL[o.status])}
            </span>
          </>
        }
      >
        {actions}
      </PageHeader>
      {progress && busy === 'upload' && (
        <div className="banner banner-info">
          <p>{t('orders.uploading')}</p>
          <ProgressBar label={t('orders.uploadProgress')} done={progress.done} total={progress.total} />
        </div>
      )}
      <div role="status">
        {notice && (
          <p className="banner banner-ok" data-testid="order-notice">
            {notice}
          </p>
        )}
      </div>
      <ErrorBanner problems={[failed, order.error && orderProblem(order.error, tr)]} />
      {o.bankAccessId === null && o.status !== 'canceled' && <p className="banner banner-info">{t('orders.noBankAccessHint')}</p>}
      {o.warnings.length > 0 && (
        <div className="banner banner-warn" data-testid="order-warnings">
          <p>{t('orders.warnings')}</p>
          <ul>
            {o.warnings.map((w, i) => (
              <li key={i}>{warningText(tr, w)}</li>
            ))}
          </ul>
          {o.warnings.map((w, i) =>
            w.changes && w.changes.length > 0 ? (
              <table key={i} className="text-changes" data-testid="order-text-changes">
                <caption>{t('sepa.changesTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('sepa.where')}</th>
                    <th scope="col">{t('sepa.before')}</th>
                    <th scope="col">{t('sepa.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {w.changes.map((c, j) => (
                    <tr key={j}>
                      <td>{changeFieldText(t, c.field)}</td>
                      <td>{c.before}</td>
                      <td>
                        {c.after}
                        {c.truncated && <span className="muted"> ({t('sepa.truncated')})</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
                {typeof w.params.count === 'number' && w.params.count > w.changes.length && (
                  <tfoot>
                    <tr>
                      <td colSpan={3} className="muted">
                        {t('sepa.changesMore', { count: w.params.count - w.changes.length })}
                      </td>
                    </tr>
                  </tfoot>
                )}
              </table>
            ) : null,
          )}
        </div>
      )}
      <Section title={t('orders.facts')}>
        <dl className="facts" data-testid="order-facts">
          <dt>{t('orders.bankAccount')}</dt>
          <dd>
            {o.bankAccountName} <span className="mono">{o.bankAccountIban}</span>
          </dd>
          <dt>{t('orders.kind')}</dt>
          <dd>{kindLabel(t, o)}</dd>
          <dt>{t('orders.format')}</dt>
          <dd className="mono">{o.format}</dd>
          <dt>{o.kind === 'direct_debit' ? t('orders.collectionDate') : t('orders.executionDate')}</dt>
          <dd>{date(o.executionDate)}</dd>
          <dt>{t('orders.count')}</dt>
          <dd>{o.txCount}</dd>
          <dt>{t('orders.controlSum')}</dt>
          <dd className="amount">{amount(o.controlSumCents, 'EUR')}</dd>
          <dt>{t('orders.messageId')}</dt>
          <dd className="mono">{o.messageId}</dd>
          <dt>{t('orders.sha256')}</dt>
          <dd className="mono hash" data-testid="order-sha256">
            {o.sha256}
          </dd>
          <dt>{t('orders.createdAt')}</dt>
          <dd>{date(o.createdAt.slice(0, 10))}</dd>
          {o.approvedBy && (
            <>
              <dt>{t('orders.approvedBy')}</dt>
              <dd>{o.approvedBy}</dd>
            </>
          )}
          {o.signatures && (o.status === 'uploaded' || o.status === 'released') && (
            <>
              <dt>{t('orders.signatures')}</dt>
              <dd data-testid="order-signatures" title={o.status === 'uploaded' ? t('orders.signaturesHint') : undefined}>
                {signaturesText(t, o.signatures)} <span className="muted">({t('orders.signaturesCheckedAt', { date: date(o.signatures.checkedAt.slice(0, 10)) })})</span>
              </dd>
            </>
          )}
          {o.ebicsOrderId && (
            <>
              <dt>{t('orders.ebicsOrderId')}</dt>
              <dd className="mono">{o.ebicsOrderId}</dd>
            </>
          )}
          {o.uploadedAt && (
            <>
              <dt>{t('orders.uploadedAt')}</dt>
              <dd>{date(o.uploadedAt.slice(0, 10))}</dd>
            </>
          )}
          {o.exportedAt && (
            <>
              <dt>{t('orders.exportedAt')}</dt>
              <dd>{date(o.exportedAt.slice(0, 10))}</dd>
            </>
          )}
          {rejection && (
            <>
              <dt>{t('orders.rejectionReason')}</dt>
              <dd data-testid="order-rejection">{rejection}</dd>
            </>
          )}
          {o.bankMessage && o.bankRejection?.source !== 'ebics' && (
            <>
              <dt>{t('orders.bankMessage')}</dt>
              <dd>{o.bankMessage}</dd>
            </>
          )}
        </dl>
      </Section>
      <Section title={t('orders.transactions')}>
        <Table caption={t('orders.transactions')} columns={columns} rows={o.payments} rowKey={(p) => p.id} testId="order-payments" />
      </Section>
      {dialog === 'cancel' && (
        <ConfirmDialog
          title={t('orders.cancelTitle', { id })}
          confirmLabel={t('orders.cancel')}
          danger
          onClose={() => setDialog(null)}
          describeError={(e) => orderProblem(e, tr)}
          onConfirm={async () => {
            await call('orders.cancel', { id });
            setDialog(null);
            setNotice(t('orders.canceled'));
            order.reload();
          }}
        >
          <p>{t('orders.cancelText')}</p>
          {o.status === 'exported' && <p className="warn-text">{t('orders.cancelExportedText')}</p>}
        </ConfirmDialog>
      )}
      {dialog === 'resend' && (
        <ConfirmDialog
          title={t('orders.resendTitle')}
          confirmLabel={t('orders.resendConfirm')}
          danger
          onClose={() => setDialog(null)}
          describeError={(e) => (e instanceof ReasonTooShort ? { code: 'orders.resendReasonShort', fallback: t('orders.resendReasonShort') } : orderProblem(e, tr))}
          onConfirm={resend}
        >
          <p className="warn-text" data-testid="resend-warning">
            {t('orders.resendText')}
          </p>
          <div className="field">
            <label htmlFor={reasonId}>{t('orders.resendReason')}</label>
            <input id={reasonId} type="text" maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby={`${reasonId}-hint`} />
            <p id={`${reasonId}-hint`} className="field-hint">
              {t('orders.resendReasonHint')}
            </p>
          </div>
        </ConfirmDialog>
      )}
    </>
  );
}
