import { call } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useI18n } from '../../i18n/I18nProvider';

interface Props {
  /** How many sure proposals there are, and their total as text. */
  count: number;
  total: string;
  onClose: () => void;
  onAccepted: (accepted: number) => void;
}

/** Asks before accepting every sure proposal at once, with how many and for how much. */
export function AcceptSureDialog({ count, total, onClose, onAccepted }: Props) {
  const { t } = useI18n();
  return (
    <ConfirmDialog
      title={t('reconcile.acceptSureTitle', { count })}
      confirmLabel={t('reconcile.acceptSureConfirm', { count })}
      onClose={onClose}
      onConfirm={async () => {
        const r = await call('reconcile.acceptSure', {});
        onAccepted(r.accepted);
      }}
    >
      <p>{t('reconcile.acceptSureText', { count, total })}</p>
    </ConfirmDialog>
  );
}
