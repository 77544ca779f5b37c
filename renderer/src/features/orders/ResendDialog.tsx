import { useId, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useI18n } from '../../i18n/I18nProvider';
import { orderProblem } from './labels';

/** A short reason is refused before the call, with words for it. */
class ReasonTooShort extends Error {}

interface Props {
  onClose: () => void;
  /** Uploads again with the override; gets the reason, trimmed, at least 5 characters. */
  onResend: (reason: string) => Promise<void>;
}

/** The file went (or may have gone) to the bank before: sending it again needs the warning read and a reason. */
export function ResendDialog({ onClose, onResend }: Props) {
  const tr = useI18n();
  const { t } = tr;
  const [reason, setReason] = useState('');
  const reasonId = useId();
  return (
    <ConfirmDialog
      title={t('orders.resendTitle')}
      confirmLabel={t('orders.resendConfirm')}
      danger
      onClose={onClose}
      describeError={(e) => (e instanceof ReasonTooShort ? { code: 'orders.resendReasonShort', fallback: t('orders.resendReasonShort') } : orderProblem(e, tr))}
      onConfirm={async () => {
        const text = reason.trim();
        if (text.length < 5) throw new ReasonTooShort();
        await onResend(text);
      }}
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
  );
}
