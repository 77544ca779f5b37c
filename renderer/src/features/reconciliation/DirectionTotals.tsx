import { useEffect, useRef } from 'react';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/I18nProvider';
import { directionTotalsText } from './labels';
import type { Sure } from './ProposalFilter';

/** What the proposals shown settle, money in and money out apart, per currency. */
export function DirectionTotals({ sure, version }: { sure: Sure; version: number }) {
  const tr = useI18n();
  const totals = useApi('reconcile.totals', { state: 'proposed', sure });
  const { reload } = totals;
  const first = useRef(version);
  useEffect(() => {
    if (version !== first.current) reload();
  }, [version, reload]);
  if (!totals.data || totals.data.count === 0) return null;
  return (
    <p className="muted" data-testid="proposal-totals">
      {directionTotalsText(tr, totals.data.totals)}
    </p>
  );
}
