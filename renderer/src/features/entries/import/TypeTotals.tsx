import type { TypeTotal } from '../../../../../shared/entry-import';
import { useI18n } from '../../../i18n/I18nProvider';

/** Count and sum of the rows ready to import, per type and currency, in the user's number format: what the clerk checks against the ERP's list. */
export function TypeTotals({ totals }: { totals: readonly TypeTotal[] }) {
  const { t, amount } = useI18n();
  if (totals.length === 0) return null;
  return (
    <table className="table import-type-totals" data-testid="import-type-totals">
      <caption>{t('importTypes.totals')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('entry.type')}</th>
          <th scope="col">{t('importTypes.direction')}</th>
          <th scope="col" className="align-right">
            {t('importTypes.count')}
          </th>
          <th scope="col" className="align-right">
            {t('importTypes.sum')}
          </th>
        </tr>
      </thead>
      <tbody>
        {totals.map((s) => (
          <tr key={`${s.type} ${s.currency}`} data-testid={`import-total-${s.type}-${s.currency}`}>
            <th scope="row">{t(s.type === 'Debit' ? 'entry.receivables' : 'entry.payables')}</th>
            <td>{t(s.type === 'Debit' ? 'importTypes.in' : 'importTypes.out')}</td>
            <td className="align-right">{s.count}</td>
            <td className="align-right nowrap">
              <span className={s.type === 'Credit' ? 'amount negative' : 'amount'}>{amount(s.type === 'Credit' ? -s.amountCents : s.amountCents)}</span>{' '}
              <span className="muted">{s.currency}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
