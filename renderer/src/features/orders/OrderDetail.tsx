import { useState } from 'react';
import { routeHref } from '../../app/routing';
import { ApiCallError, call } from '../../api/client';
import { saveDownload } from '../../api/files';
import { useApi } from '../../api/useApi';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ProgressBar } from '../../components/ProgressBar';
import { useI18n } from '../../i18n/I18nProvider';
import { orderProblem, STATUS_LABEL, statusBadgeClass } from './labels';
import { DemoSignerPointer } from './DemoSignerPointer';
import { CancelDialog, OrderActions } from './OrderActions';
import { OrderFacts, OrderPayments } from './OrderFacts';
import { OrderWarnings } from './OrderWarnings';
import { ResendDialog } from './ResendDialog';
import { useOrderRun } from './useOrderRun';

/** One payment order: its facts, transactions, warnings, and the actions its status allows. */
export function OrderDetail({ id }: { id: number }) {
  const tr = useI18n();
  const { t } = tr;
  const order = useApi('orders.get', { id });
  const { busy, failed, notice, setNotice, progress, setProgress, run } = useOrderRun(id, order.reload);
  const [dialog, setDialog] = useState<'cancel' | 'resend' | null>(null);

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
          setDialog('resend');
          return undefined;
        }
        throw e;
      }
      return t('orders.uploaded');
    });

  const resend = async (reason: string) => {
    setDialog(null);
    await run('upload', async () => {
      setProgress({ done: 0, total: 0 });
      await call('orders.upload', { id, override: { confirm: true, reason } });
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
        <OrderActions
          order={o}
          working={busy !== null}
          onApprove={() => void approve()}
          onUpload={() => void upload()}
          onExport={() => void exportFile()}
          onRefresh={(bankAccessId) => void refresh(bankAccessId)}
          onCancel={() => setDialog('cancel')}
        />
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
      <DemoSignerPointer order={o} />
      {o.warnings.length > 0 && <OrderWarnings warnings={o.warnings} />}
      <OrderFacts order={o} />
      <OrderPayments order={o} />
      {dialog === 'cancel' && (
        <CancelDialog
          order={o}
          onClose={() => setDialog(null)}
          onCanceled={() => {
            setDialog(null);
            setNotice(t('orders.canceled'));
            order.reload();
          }}
        />
      )}
      {dialog === 'resend' && <ResendDialog onClose={() => setDialog(null)} onResend={resend} />}
    </>
  );
}
