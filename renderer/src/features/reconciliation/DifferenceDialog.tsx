import { useId, useState } from 'react';
import { differenceOfProposal, type Assignment, type Proposal } from '../../../../shared/reconcile';
import { call } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';
import { lineLabel } from './labels';

interface Props {
  proposal: Proposal;
  onClose: () => void;
  onAccepted: (assignment: Assignment) => void;
}

/**
 * Accepting a match that leaves a difference: the reviewer sees the amount
 * and books it as a bank fee or a difference (with a note); the server
 * refuses it if the amount is not what was shown any more.
 */
export function DifferenceDialog({ proposal: p, onClose, onAccepted }: Props) {
  const tr = useI18n();
  const { t, amount } = tr;
  const noteId = useId();
  const [kind, setKind] = useState<'fee' | 'difference'>('fee');
  const [note, setNote] = useState('');
  const cents = differenceOfProposal(p);
  const onLine = p.restCents !== 0;
  return (
    <ConfirmDialog
      title={t('settle.diffTitle')}
      confirmLabel={t('settle.diffConfirm')}
      onClose={onClose}
      onConfirm={async () => {
        const difference = { kind, amountCents: cents, ...(note.trim() ? { note: note.trim() } : {}) };
        onAccepted(await call('reconcile.accept', { id: p.id, difference }));
      }}
    >
      <p>{t('settle.diffLine', { line: lineLabel(tr, p.line), numbers: p.allocations.map((a) => a.number).join(', ') })}</p>
      <p data-testid="difference-amount">{t(onLine ? 'settle.diffOnLine' : 'settle.diffOnEntry', { amount: amount(cents, p.line.currency) })}</p>
      <fieldset className="radio-group">
        <legend>{t('settle.diffBookAs')}</legend>
        {(['fee', 'difference'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="difference-kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`settle.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <Field id={noteId} label={t('settle.note')}>
        <input id={noteId} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
      </Field>
    </ConfirmDialog>
  );
}
