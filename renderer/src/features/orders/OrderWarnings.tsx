import type { PaymentOrderDetail } from '../../../../shared/domain';
import { useI18n } from '../../i18n/I18nProvider';
import { changeFieldText, warningText } from './labels';

/** The order's warnings, with the texts SEPA's character set changed (before and after). */
export function OrderWarnings({ warnings }: { warnings: PaymentOrderDetail['warnings'] }) {
  const tr = useI18n();
  const { t } = tr;
  return (
    <div className="banner banner-warn" data-testid="order-warnings">
      <p>{t('orders.warnings')}</p>
      <ul>
        {warnings.map((w, i) => (
          <li key={i}>{warningText(tr, w)}</li>
        ))}
      </ul>
      {warnings.map((w, i) =>
        w.changes && w.changes.length > 0 ? (
          <table key={i} className="text-changes" data-testid="order-text-changes">
            <caption>{t('sepa.changesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sepa.where')}</th>
                <th scope="col">{t('sepa.before')}</th>
                <th scope="col">{t('sepa.after')}</th>
              </tr>
            </thead>
            <tbody>
              {w.changes.map((c, j) => (
                <tr key={j}>
                  <td>{changeFieldText(t, c.field)}</td>
                  <td>{c.before}</td>
                  <td>
                    {c.after}
                    {c.truncated && <span className="muted"> ({t('sepa.truncated')})</span>}
                  </td>
                </tr>
              ))}
            </tbody>
            {typeof w.params.count === 'number' && w.params.count > w.changes.length && (
              <tfoot>
                <tr>
                  <td colSpan={3} className="muted">
                    {t('sepa.changesMore', { count: w.params.count - w.changes.length })}
                  </td>
                </tr>
              </tfoot>
            )}
          </table>
        ) : null,
      )}
    </div>
  );
}
