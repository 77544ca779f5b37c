import type { Assignment } from '../../../../shared/reconcile';
import { call } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useI18n } from '../../i18n/I18nProvider';

interface Props {
  assignment: Assignment;
  currency: string;
  onClose: () => void;
  onUndone: (assignment: Assignment) => void;
}

/** "Undo this assignment?" naming the entries and amounts that become open again. */
export function UndoConfirm({ assignment, currency, onClose, onUndone }: Props) {
  const { t, amount } = useI18n();
  const items = assignment.items.map((i) => `${i.number} (${amount(Math.abs(i.amountCents), currency)})`).join(', ');
  return (
    <ConfirmDialog
      title={t('reconcile.undoTitle')}
      confirmLabel={t('reconcile.undoConfirm')}
      danger
      onClose={onClose}
      onConfirm={async () => {
        const undone = await call('reconcile.undo', { id: assignment.id });
        onUndone(undone);
      }}
    >
      <p>{t('reconcile.undoText', { items })}</p>
    </ConfirmDialog>
  );
}
