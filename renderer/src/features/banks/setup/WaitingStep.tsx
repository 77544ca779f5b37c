import { useState, type FormEvent } from 'react';
import type { BankAccess } from '../../../../../shared/domain';
import { call } from '../../../api/client';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useI18n } from '../../../i18n/I18nProvider';
import type { Problem } from '../../../i18n/problems';
import { bankProblem, isNotActivatedYet } from '../access';
import { DemoClerk } from './DemoClerk';
import { StepHeading } from './StepHeading';

interface Props {
  access: BankAccess;
  onFetched: (access: BankAccess) => void;
  onBack: () => void;
  /** The demo bank's confirmation letter, once the clerk handed it out. */
  letter: string | undefined;
  onLetter: (text: string) => void;
}

/** Step 4: the bank compares the letter (days, at a real bank); then HPB fetches its keys. */
export function WaitingStep({ access, onFetched, onBack, letter, onLetter }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [notYet, setNotYet] = useState(false);
  const [failed, setFailed] = useState<Problem>();

  const fetchKeys = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setNotYet(false);
    setFailed(undefined);
    call('bankAccess.fetchBankKeys', { id: access.id }).then(
      (a) => {
        setBusy(false);
        onFetched(a);
      },
      (err: unknown) => {
        setBusy(false);
        const p = bankProblem(err, t);
        if (isNotActivatedYet(p)) setNotYet(true);
        else setFailed(p);
      },
    );
  };

  return (
    <div className="wizard-form">
      <form className="form" noValidate onSubmit={fetchKeys}>
        <StepHeading>{t('setup.waiting.title')}</StepHeading>
        <p>{t('setup.waiting.text')}</p>
        <div role="status">{notYet && <p className="banner banner-warn">{t('setup.waiting.notYet')}</p>}</div>
        <ErrorBanner problems={[failed]} />
        <div className="wizard-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('setup.waiting.fetching') : t('setup.waiting.fetch')}
          </button>
          <button type="button" onClick={onBack}>
            {t('access.printLetter')}
          </button>
        </div>
      </form>
      {access.isDemo && (
        <DemoClerk
          access={access}
          letter={letter}
          buttonLabel={t('setup.demo.activate')}
          onLetter={(text) => {
            setNotYet(false);
            onLetter(text);
          }}
        />
      )}
    </div>
  );
}
