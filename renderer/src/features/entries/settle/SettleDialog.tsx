import { useId, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Entry } from '../../../../../shared/domain';
import type { SettleReason } from '../../../../../shared/reconcile';
import { call } from '../../../api/client';
import { useApi } from '../../../api/useApi';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Field } from '../../../components/Field';
import { useI18n } from '../../../i18n/I18nProvider';

interface Props {
  entry: Entry;
  onClose: () => void;
  onSettled: () => void;
}

const REASONS: readonly SettleReason[] = ['cash', 'offset', 'writeoff'];

/**
 * Settling an entry without a bank line: cash, an offset against an open
 * entry of the other side of the same business entity, or a write-off with
 * its reason. Rendered outside the entry form, so Enter here never submits it.
 */
export function SettleDialog({ entry, onClose, onSettled }: Props) {
  const { t, amount } = useI18n();
  const noteId = useId();
  const otherId = useId();
  const [reason, setReason] = useState<SettleReason>('cash');
  const [note, setNote] = useState('');
  const [withId, setWithId] = useState('');
  const others = useApi(
    'entries.list',
    { status: 'Open', entityId: entry.entityId, type: entry.type === 'Debit' ? 'Credit' : 'Debit', limit: 200 },
    reason === 'offset',
  );
  return createPortal(
    <ConfirmDialog
      title={t('settle.title', { number: entry.number })}
      confirmLabel={t('settle.confirm')}
      danger={reason === 'writeoff'}
      onClose={onClose}
      onConfirm={async () => {
        await call('entries.settle', {
          id: entry.id,
          reason,
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(reason === 'offset' && withId ? { withId: Number(withId) } : {}),
        });
        onSettled();
      }}
    >
      <p>{t('settle.intro', { amount: amount(entry.openAmountCents, entry.currency) })}</p>
      <fieldset className="radio-group">
        <legend>{t('settle.reason')}</legend>
        {REASONS.map((r) => (
          <label key={r}>
            <input type="radio" name="settle-reason" value={r} checked={reason === r} onChange={() => setReason(r)} /> {t(`settle.kind.${r}`)}
          </label>
        ))}
      </fieldset>
      {reason === 'offset' && (
        <Field id={otherId} label={t('settle.with')} required>
          <select id={otherId} value={withId} onChange={(e) => setWithId(e.target.value)} aria-required="true">
            <option value="">{t('common.choose')}</option>
            {(others.data?.rows ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {`${o.number} · ${o.accountName} · ${amount(o.openAmountCents, o.currency)}`}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id={noteId} label={t(reason === 'writeoff' ? 'settle.writeoffReason' : 'settle.note')} required={reason === 'writeoff'}>
        <input id={noteId} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} aria-required={reason === 'writeoff'} />
      </Field>
    </ConfirmDialog>,
    document.body,
  );
}
