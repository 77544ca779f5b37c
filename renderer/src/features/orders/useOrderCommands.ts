import { useState } from 'react';
import type { PaymentOrderDetail } from '../../../../shared/domain';
import { navigate } from '../../app/routing';
import { ApiCallError, call } from '../../api/client';
import { saveDownload } from '../../api/files';
import { useI18n } from '../../i18n/I18nProvider';
import type { useOrderRun } from './useOrderRun';

export type OrderDialog = 'cancel' | 'resend' | 'confirmApprove' | 'confirmUpload' | null;

/** What the order page's buttons do; each runs through useOrderRun (one at a time, a notice or a problem, then a reload). */
export function useOrderCommands(id: number, runner: ReturnType<typeof useOrderRun>) {
  const { t } = useI18n();
  const { run, setProgress } = runner;
  const [dialog, setDialog] = useState<OrderDialog>(null);

  /** `vop`: with (true) or without (false) verification of payee; absent: the bank access's default. */
  const upload = (vop?: boolean) =>
    run('upload', async () => {
      setProgress({ done: 0, total: 0 });
      try {
        await call('orders.upload', { id, ...(vop !== undefined ? { vop } : {}) });
      } catch (e) {
        if (e instanceof ApiCallError && e.code === 'order.alreadySent') {
          setDialog('resend');
          return undefined;
        }
        throw e;
      }
      return t('orders.uploaded');
    });

  return {
    dialog,
    setDialog,
    /** A file that may have gone out before: straight to the bank's refusal and the resend warning, which is its own confirmation. */
    upload: () => upload(),
    /** Called by the confirmation dialog: an error stays in the dialog. */
    approveConfirmed: async ({ confirmOtherEntityDetails }: { confirmOtherEntityDetails?: boolean } = {}) => {
      await call('orders.approve', { id, ...(confirmOtherEntityDetails ? { confirmOtherEntityDetails: true as const } : {}) });
      setDialog(null);
      await run('approve', () => Promise.resolve(t('orders.approved')));
    },
    uploadConfirmed: (choice: { vop?: boolean } = {}) => {
      setDialog(null);
      void upload(choice.vop);
      return Promise.resolve();
    },
    resend: async (reason: string) => {
      setDialog(null);
      await run('upload', async () => {
        setProgress({ done: 0, total: 0 });
        await call('orders.upload', { id, override: { confirm: true, reason } });
        return t('orders.uploaded');
      });
    },
    exportFile: () =>
      run('export', async () => {
        saveDownload(await call('orders.export', { id }));
        return t('orders.exported');
      }),
    download: (what: 'controlList' | 'handoff') =>
      run(what, async () => {
        saveDownload(await call(what === 'controlList' ? 'orders.controlList' : 'orders.handoff', { id }));
        return undefined;
      }),
    refresh: (bankAccessId: number) =>
      run('refresh', async () => {
        const { updated } = await call('orders.refreshStatus', { bankAccessId });
        return t('orders.refreshed', { count: updated });
      }),
    /** `version`: the draft's as the page shows it; someone else's change meanwhile is refused, and the page reloads either way. */
    takeOut: (payment: PaymentOrderDetail['payments'][number], version: number) =>
      run('takeOut', async () => {
        const { orders } = await call('orders.changeDraft', { id, version, remove: [payment.entryId], add: [] });
        const next = orders[0];
        if (next) navigate({ screen: 'orders', id: next.id });
        return next ? t('runs.takenOut', { number: payment.entryNumber, id: next.id }) : t('runs.takenOutEmpty', { number: payment.entryNumber });
      }),
  };
}
