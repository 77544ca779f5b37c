import type { Assignment, RunResult } from '../../../../shared/reconcile';
import { useI18n } from '../../i18n/I18nProvider';

/** The last decision: what it did, and the assignment to undo when it made one. */
export interface Done {
  text: string;
  assignment?: Assignment;
  currency?: string;
}

interface Props {
  lastRun: RunResult | undefined;
  done: Done | undefined;
  onUndo: (undo: { assignment: Assignment; currency: string }) => void;
}

/** What the last run found, or what the last decision did (with its undo). */
export function RunStatus({ lastRun, done, onUndo }: Props) {
  const { t, plural } = useI18n();
  return (
    <div role="status">
      {lastRun && !done && (
        <p className="banner banner-ok" data-testid="run-result">
          {t('reconcile.runResult', { lines: lastRun.lines, proposals: lastRun.proposals, sure: lastRun.sure })}
          {lastRun.accepted > 0 && <> {plural(lastRun.accepted, 'reconcile.acceptedOne', 'reconcile.acceptedOther')}</>}
        </p>
      )}
      {done && (
        <div className="banner banner-ok" data-testid="decision-result">
          <p>{done.text}</p>
          {done.assignment && done.currency && (
            <button type="button" className="small" onClick={() => onUndo({ assignment: done.assignment!, currency: done.currency! })}>
              {t('reconcile.undo')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
