import { useState } from 'react';
import { call } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';
import { directionTotalsText } from './labels';

/**
 * "Accept all sure": before asking, loads how many sure proposals there are
 * and what they settle, money in and money out apart per currency.
 */
export function useAcceptSure() {
  const tr = useI18n();
  const [sureConfirm, setSureConfirm] = useState<{ count: number; total: string }>();
  const [sureLoading, setSureLoading] = useState(false);
  const [sureProblem, setSureProblem] = useState<Problem>();

  const askAcceptSure = async () => {
    setSureLoading(true);
    setSureProblem(undefined);
    try {
      const r = await call('reconcile.totals', { state: 'proposed', sure: 'sure' });
      setSureConfirm({ count: r.count, total: directionTotalsText(tr, r.totals) });
    } catch (e) {
      setSureProblem(problemFromError(e));
    } finally {
      setSureLoading(false);
    }
  };

  return { sureConfirm, closeSureConfirm: () => setSureConfirm(undefined), sureLoading, sureProblem, askAcceptSure };
}
