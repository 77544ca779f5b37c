import type { BankAccess } from '../../../../../shared/domain';
import { routeHref } from '../../../app/routing';
import { useI18n } from '../../../i18n/I18nProvider';
import { StepHeading } from './StepHeading';

/** Step 6: ready. */
export function DoneStep({ access }: { access: BankAccess }) {
  const { t } = useI18n();
  return (
    <div className="wizard-form">
      <StepHeading>{t('setup.done.title')}</StepHeading>
      <p className="banner banner-ok">{t('setup.done.text', { name: access.name })}</p>
      <div className="wizard-actions">
        <a className="button primary" href={routeHref({ screen: 'banks', id: access.id })}>
          {t('setup.openAccess')}
        </a>
      </div>
    </div>
  );
}
