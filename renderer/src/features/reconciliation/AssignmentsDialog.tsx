import { useState } from 'react';
import type { Assignment } from '../../../../shared/reconcile';
import type { StatementLine } from '../../../../shared/statements';
import { useApi } from '../../api/useApi';
import { Drawer } from '../../components/Drawer';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { localDateOf } from '../../../../shared/locale-format';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import { lineLabel } from './labels';
import { UndoConfirm } from './UndoConfirm';

interface Props {
  line: StatementLine;
  onClose: () => void;
  /** An assignment was undone: lists may load again. */
  onChanged: () => void;
}

/** Every assignment of a bank line, newest first, each with "Undo". */
export function AssignmentsDialog({ line, onClose, onChanged }: Props) {
  const tr = useI18n();
  const { t, amount, date } = tr;
  const assignments = useApi('reconcile.assignments', { lineId: line.id });
  const [undoing, setUndoing] = useState<Assignment>();
  /** An instant in the user's time zone, written as the language writes dates (the translator's one helper). */
  const stamp = (iso: string) => {
    const local = localDateOf(iso);
    return { date: local ? date(local) : iso, time: tr.instant(iso).slice(-5) };
  };
  const list = [...(assignments.data ?? [])].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id));

  return (
    <Drawer title={t('reconcile.assignmentsTitle', { line: lineLabel(tr, line) })} onClose={onClose}>
      <ErrorBanner problems={[assignments.error && problemFromError(assignments.error)]} onRetry={assignments.reload} />
      {!assignments.data ? (
        !assignments.error && <Loading />
      ) : list.length === 0 ? (
        <p className="muted">{t('reconcile.noAssignments')}</p>
      ) : (
        <ul className="assignment-list" data-testid="assignment-list">
          {list.map((a) => {
            const numbers = a.items.map((i) => i.number).join(', ');
            return (
              <li key={a.id} className={a.undoneAt ? 'assignment assignment-undone' : 'assignment'}>
                <p>
                  <strong>{t('reconcile.assignedOn', { ...stamp(a.createdAt), by: a.createdBy })}</strong>
                  {a.undoneAt && <span className="badge"> {t('reconcile.undoneOn', { date: stamp(a.undoneAt).date })}</span>}
                </p>
                {a.items.length > 0 && (
                  <ul className="assignment-items">
                    {a.items.map((i) => (
                      <li key={i.entryId}>
                        {i.number}: <span className="amount">{amount(Math.abs(i.amountCents), line.currency)}</span>
                      </li>
                    ))}
                  </ul>
                )}
                {!a.undoneAt && (
                  <button type="button" onClick={() => setUndoing(a)} aria-label={t('reconcile.undoFor', { numbers })}>
                    {t('reconcile.undo')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {undoing && (
        <UndoConfirm
          assignment={undoing}
          currency={line.currency}
          onClose={() => setUndoing(undefined)}
          onUndone={() => {
            setUndoing(undefined);
            assignments.reload();
            onChanged();
          }}
        />
      )}
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          {t('action.close')}
        </button>
      </div>
    </Drawer>
  );
}
