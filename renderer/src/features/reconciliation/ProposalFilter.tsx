import { useId } from 'react';
import { useI18n } from '../../i18n/I18nProvider';

export type Sure = 'all' | 'sure' | 'unsure';

/** Which proposals to show (all, sure, unsure) and how many are open. */
export function ProposalFilter({ sure, onChange, openCount }: { sure: Sure; onChange: (sure: Sure) => void; openCount: number | undefined }) {
  const { t, plural } = useI18n();
  const filterId = useId();
  return (
    <div className="filters">
      <div className="field">
        <label htmlFor={filterId}>{t('reconcile.show')}</label>
        <select id={filterId} value={sure} onChange={(e) => onChange(e.target.value as Sure)}>
          <option value="all">{t('reconcile.filter.all')}</option>
          <option value="sure">{t('reconcile.filter.sure')}</option>
          <option value="unsure">{t('reconcile.filter.unsure')}</option>
        </select>
      </div>
      <p className="filter-count" data-testid="open-proposals">
        {openCount === undefined ? '' : plural(openCount, 'reconcile.openCountOne', 'reconcile.openCountOther')}
      </p>
    </div>
  );
}
