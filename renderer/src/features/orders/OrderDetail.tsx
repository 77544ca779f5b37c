import { useEffect } from 'react';
import type { OrderStatus } from '../../../../shared/domain';
import { routeHref } from '../../app/routing';
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
import { useOrderCommands } from './useOrderCommands';
import { RunConfirmDialog } from './RunConfirmDialog';

/** While the bank has not decided, the page reads the order again now and then: Kontor's follower asks the bank, this only shows it. */
function useFollowing(status: OrderStatus | undefined, reload: () => void): void {
  useEffect(() => {
    if (status !== 'uploaded' && status !== 'uploading') return;
    const timer = setInterval(reload, 3_000);
    return () => clearInterval(timer);
  }, [status, reload]);
}
import { VeuPanel } from '../veu/VeuPanel';

/** One payment order: its facts, transactions, warnings, and the actions its status allows. */
export function OrderDetail({ id }: { id: number }) {
  const tr = useI18n();
  const { t } = tr;
  const order = useApi('orders.get', { id });
  const runner = useOrderRun(id, order.reload);
  const { busy, failed, notice, setNotice, progress } = runner;
  const commands = useOrderCommands(id, runner);
  const { dialog, setDialog } = commands;
  useFollowing(order.data?.status, order.reload);

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
          onApprove={() => setDialog('confirmApprove')}
          onUpload={() => (o.status === 'approved' ? setDialog('confirmUpload') : void commands.upload())}
          onExport={() => void commands.exportFile()}
          onDownload={(what) => void commands.download(what)}
          onRefresh={(bankAccessId) => void commands.refresh(bankAccessId)}
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
      {o.nextCheckAt && (o.status === 'uploaded' || o.status === 'uploading') && (
        <p className="muted" data-testid="order-following">
          {t('runs.following', { time: o.nextCheckAt.slice(11, 19) })}
        </p>
      )}
      <OrderFacts order={o} />
      <OrderPayments order={o} {...(o.status === 'draft' && busy === null ? { onTakeOut: (p) => void commands.takeOut(p, o.version) } : {})} />
      <VeuPanel order={o} />
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
      {dialog === 'resend' && <ResendDialog onClose={() => setDialog(null)} onResend={commands.resend} />}
      {dialog === 'confirmApprove' && <RunConfirmDialog id={id} action="approve" onClose={() => setDialog(null)} onConfirm={commands.approveConfirmed} />}
      {dialog === 'confirmUpload' && <RunConfirmDialog id={id} action="upload" onClose={() => setDialog(null)} onConfirm={commands.uploadConfirmed} />}
    </>
  );
}
