import { useId, useState } from 'react';
import type { PaymentView } from '../../../../shared/reconcile';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n/I18nProvider';

/** A transfer that can still be named the refund of a collection: built or sent, to someone, not linked yet. */
export function mayLinkRefund(p: PaymentView): boolean {
  return p.kind === 'credit_transfer' && p.amountCents > 0 && p.refundOfPaymentId === null && !['Canceled', 'Rejected'].includes(p.status);
}

/** Collections booked from a customer that this transfer could give back (the service checks the customer). */
export function candidatesFor(refund: PaymentView, rows: readonly PaymentView[]): PaymentView[] {
  return rows.filter(
    (p) => p.amountCents < 0 && ['Collected', 'Final'].includes(p.status) && p.currency === refund.currency && -p.amountCents >= refund.amountCents,
  );
}

interface Props {
  refund: PaymentView;
  onClose: () => void;
  onLinked: () => void;
}

/** Names the collection a transfer refunds; once the transfer is booked, that collection is Refunded. */
export function RefundLinkDialog({ refund, onClose, onLinked }: Props) {
  const { t, amount, date } = useI18n();
  const selectId = useId();
  const all = useApi('payments.list', { limit: 500 });
  const candidates = all.data ? candidatesFor(refund, all.data.rows) : [];
  const [chosen, setChosen] = useState<number>(0);
  const originalId = chosen || candidates[0]?.id || 0;
  return (
    <ConfirmDialog
      title={t('refundLink.title', { id: refund.id })}
      confirmLabel={t('refundLink.confirm')}
      onClose={onClose}
      onConfirm={async () => {
        await call('payments.linkRefund', { refundId: refund.id, originalId });
        onLinked();
      }}
    >
      <p>{t('refundLink.text', { amount: amount(refund.amountCents, refund.currency), name: refund.counterpartyName ?? '—' })}</p>
      {!all.data ? (
        <Loading />
      ) : candidates.length === 0 ? (
        <p className="warn-text">{t('refundLink.none')}</p>
      ) : (
        <label htmlFor={selectId} className="inline-field">
          {t('refundLink.original')}{' '}
          <select id={selectId} value={originalId} onChange={(e) => setChosen(Number(e.target.value))}>
            {candidates.map((p) => (
              <option key={p.id} value={p.id}>
                {t('refundLink.option', { id: p.id, name: p.counterpartyName ?? '—', amount: amount(-p.amountCents, p.currency), date: date(p.settledOn) })}
              </option>
            ))}
          </select>
        </label>
      )}
    </ConfirmDialog>
  );
}
