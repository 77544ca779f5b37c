import type { BankAccess } from '../../../../../shared/domain';
import { useI18n } from '../../../i18n/I18nProvider';
import { LetterForm } from '../LetterForm';
import { StepHeading } from './StepHeading';

/** Step 3: the signed initialisation letter goes to the bank by post. */
export function LetterStep({ access, onNext }: { access: BankAccess; onNext: () => void }) {
  const { t } = useI18n();
  return (
    <div className="wizard-form">
      <StepHeading>{t('setup.letter.title')}</StepHeading>
      <p>{t('setup.letter.text')}</p>
      <p className="banner banner-info">{t('setup.letter.wait')}</p>
      <LetterForm access={access}>
        <button type="button" onClick={onNext}>
          {t('setup.letter.next')}
        </button>
      </LetterForm>
    </div>
  );
}
