import { useState } from 'react';
import type { Proposal } from '../../../../shared/reconcile';
import { call } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';
import { totalsText, usedOfLine } from './labels';

/** Sure proposals loaded at most for the confirmation's total. */
const SURE_PAGES = 20;

/**
 * "Accept all sure": before asking, loads the sure proposals to show how many
 * and for how much (at least, when there are more than it loads).
 */
export function useAcceptSure() {
  const tr = useI18n();
  const { t } = tr;
  const [sureConfirm, setSureConfirm] = useState<{ count: number; total: string }>();
  const [sureLoading, setSureLoading] = useState(false);
  const [sureProblem, setSureProblem] = useState<Problem>();

  const askAcceptSure = async () => {
    setSureLoading(true);
    setSureProblem(undefined);
    try {
      const all: Proposal[] = [];
      let total = 0;
      for (let page = 0; page < SURE_PAGES; page++) {
        const r = await call('reconcile.proposals', { state: 'proposed', sure: 'sure', offset: page * 500, limit: 500 });
        all.push(...r.rows);
        total = r.total;
        if (all.length >= r.total || r.rows.length === 0) break;
      }
      const sum = totalsText(
        tr,
        all.map((p) => ({ cents: Math.abs(usedOfLine(p)), currency: p.line.currency })),
      );
      setSureConfirm({ count: total, total: all.length < total ? t('reconcile.atLeast', { amount: sum }) : sum });
    } catch (e) {
      setSureProblem(problemFromError(e));
    } finally {
      setSureLoading(false);
    }
  };

  return { sureConfirm, closeSureConfirm: () => setSureConfirm(undefined), sureLoading, sureProblem, askAcceptSure };
}
