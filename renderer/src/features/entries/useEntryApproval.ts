import { useState } from 'react';
import type { Entry } from '../../../../shared/domain';
import { call } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';

/** Approving or rejecting a payable that awaits approval; `onDecided` reloads the list. */
export function useEntryApproval(onDecided: () => void) {
  const { t } = useI18n();
  const [deciding, setDeciding] = useState<number | null>(null);
  const [decided, setDecided] = useState<string>();
  const [decisionFailed, setDecisionFailed] = useState<Problem>();

  const decide = async (entry: Entry, decision: 'approve' | 'reject') => {
    setDeciding(entry.id);
    setDecided(undefined);
    setDecisionFailed(undefined);
    try {
      await call(decision === 'approve' ? 'entries.approve' : 'entries.reject', { id: entry.id });
      setDecided(t(decision === 'approve' ? 'approval.approvedNote' : 'approval.rejectedNote', { number: entry.number }));
      onDecided();
    } catch (e) {
      setDecisionFailed(problemFromError(e));
    } finally {
      setDeciding(null);
    }
  };
  return { deciding, decided, decisionFailed, decide };
}
