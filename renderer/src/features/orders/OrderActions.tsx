import type { OrderStatus, PaymentOrderDetail } from '../../../../shared/domain';
import { call } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useI18n } from '../../i18n/I18nProvider';
import { orderProblem } from './labels';

const CANCELABLE: readonly OrderStatus[] = ['draft', 'approved', 'exported'];
const EXPORTABLE: readonly OrderStatus[] = ['draft', 'approved', 'exported'];
/** At the bank: exported again as a copy, the status stays. */
const COPYABLE: readonly OrderStatus[] = ['uploaded', 'released'];
/** The file went (or may have gone) out before: uploading it again needs the warning and an override. */
const SENT: readonly OrderStatus[] = ['uploading', 'uploaded', 'released', 'exported'];

interface Props {
  order: PaymentOrderDetail;
  /** An action is running: the others wait. */
  working: boolean;
  onApprove: () => void;
  onUpload: () => void;
  onExport: () => void;
  /** Downloads: the control list (PDF), the hand-off (ZIP). */
  onDownload: (what: 'controlList' | 'handoff') => void;
  onRefresh: (bankAccessId: number) => void;
  onCancel: () => void;
}

/** The actions the order's status allows. */
export function OrderActions({ order: o, working, onApprove, onUpload, onExport, onDownload, onRefresh, onCancel }: Props) {
  const { t } = useI18n();
  return (
    <>
      {o.status === 'draft' && (
        <button type="button" className="primary" disabled={working} onClick={onApprove}>
          {t('orders.approve')}
        </button>
      )}
      {o.bankAccessId !== null && (o.status === 'approved' || SENT.includes(o.status)) && (
        <button type="button" className={o.status === 'approved' ? 'primary' : undefined} disabled={working} onClick={onUpload}>
          {o.status === 'approved' ? t('orders.upload') : t('orders.uploadAgain')}
        </button>
      )}
      {(EXPORTABLE.includes(o.status) || COPYABLE.includes(o.status)) && (
        <button type="button" disabled={working} onClick={onExport}>
          {COPYABLE.includes(o.status) ? t('runs.exportCopy') : t('orders.export')}
        </button>
      )}
      {o.status !== 'canceled' && (
        <button type="button" disabled={working} onClick={() => onDownload('controlList')}>
          {t('runs.controlList')}
        </button>
      )}
      {(EXPORTABLE.includes(o.status) || COPYABLE.includes(o.status)) && (
        <button type="button" disabled={working} onClick={() => onDownload('handoff')}>
          {t('runs.handoff')}
        </button>
      )}
      {o.bankAccessId !== null && (o.status === 'uploaded' || o.status === 'uploading') && (
        <button type="button" disabled={working} onClick={() => onRefresh(o.bankAccessId!)}>
          {t('orders.refresh')}
        </button>
      )}
      {CANCELABLE.includes(o.status) && (
        <button type="button" className="danger" disabled={working} onClick={onCancel}>
          {t('orders.cancel')}
        </button>
      )}
    </>
  );
}

/** Asks before canceling the order; an exported file may already be at the bank, which it says. */
export function CancelDialog({ order: o, onClose, onCanceled }: { order: PaymentOrderDetail; onClose: () => void; onCanceled: () => void }) {
  const tr = useI18n();
  const { t } = tr;
  return (
    <ConfirmDialog
      title={t('orders.cancelTitle', { id: o.id })}
      confirmLabel={t('orders.cancel')}
      danger
      onClose={onClose}
      describeError={(e) => orderProblem(e, tr)}
      onConfirm={async () => {
        await call('orders.cancel', { id: o.id });
        onCanceled();
      }}
    >
      <p>{t('orders.cancelText')}</p>
      {o.status === 'exported' && <p className="warn-text">{t('orders.cancelExportedText')}</p>}
    </ConfirmDialog>
  );
}
