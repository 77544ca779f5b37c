import { useState } from 'react';
import type { Entry } from '../../../../../shared/domain';
import { call } from '../../../api/client';
import { useApi } from '../../../api/useApi';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { problemFromError, type Problem } from '../../../i18n/problems';
import { useI18n } from '../../../i18n/I18nProvider';
import { SettleDialog } from './SettleDialog';

/**
 * On the entry: how it was settled without a bank line or with a fee or
 * difference (undone ones struck through), and the action to settle it.
 */
export function EntrySettlements({ entry, onSettled }: { entry: Entry; onSettled: () => void }) {
  const { t, amount, date } = useI18n();
  const settlements = useApi('entries.settlements', { id: entry.id });
  const [settling, setSettling] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const rows = settlements.data ?? [];
  const undo = (id: number) => {
    setProblem(undefined);
    call('entries.undoSettlement', { id }).then(onSettled, (e: unknown) => setProblem(problemFromError(e)));
  };
  return (
    <div className="entry-settlements" data-testid="entry-settlements">
      {rows.length > 0 && (
        <ul aria-label={t('settle.listLabel')}>
          {rows.map((s) => (
            <li key={s.id} className={s.undoneAt ? 'undone' : undefined}>
              {t(`settle.kind.${s.kind}`)}: {amount(Math.abs(s.entryCents || s.lineCents), entry.currency)} · {date(s.settledOn)}
              {s.otherEntryNumber && <> · {t('settle.against', { number: s.otherEntryNumber })}</>}
              {s.note && <> · {s.note}</>} · {s.createdBy}
              {s.undoneAt && <> · {t('settle.undone')}</>}
              {!s.undoneAt && s.assignmentId === null && (
                <>
                  {' '}
                  <button type="button" className="link" onClick={() => undo(s.id)}>
                    {t('settle.undo')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorBanner problems={[problem]} />
      {entry.status === 'Open' && (
        <button type="button" className="small" onClick={() => setSettling(true)}>
          {t('settle.open')}
        </button>
      )}
      {settling && <SettleDialog entry={entry} onClose={() => setSettling(false)} onSettled={onSettled} />}
    </div>
  );
}
