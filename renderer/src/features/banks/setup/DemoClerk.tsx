import { useState } from 'react';
import type { BankAccess } from '../../../../../shared/domain';
import { call } from '../../../api/client';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useI18n } from '../../../i18n/I18nProvider';
import type { Problem } from '../../../i18n/problems';
import { bankProblem } from '../access';

/** The bank's confirmation letter with its key hashes, as the demo bank's clerk hands it out. */
export function ConfirmationLetter({ text }: { text: string }) {
  const { t } = useI18n();
  return (
    <figure className="confirmation-letter">
      <figcaption>{t('setup.demo.letterTitle')}</figcaption>
      <pre className="letter mono" data-testid="bank-confirmation-letter">
        {text}
      </pre>
    </figure>
  );
}

/**
 * Demo bank only: the user plays the clerk who compared the signed letter,
 * activates the access and gets the bank's confirmation letter. Calling it
 * again just hands out the letter again.
 */
export function DemoClerk({
  access,
  letter,
  onLetter,
  buttonLabel,
}: {
  access: BankAccess;
  letter: string | undefined;
  onLetter: (text: string) => void;
  buttonLabel: string;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<Problem>();
  const activate = () => {
    setBusy(true);
    setFailed(undefined);
    call('bankAccess.demoActivate', { id: access.id })
      .then(
        ({ confirmationLetter }) => onLetter(confirmationLetter),
        (e: unknown) => setFailed(bankProblem(e, t)),
      )
      .finally(() => setBusy(false));
  };
  return (
    <section className="demo-clerk" aria-label={t('setup.demo.title')}>
      <h3>{t('setup.demo.title')}</h3>
      {letter ? (
        <ConfirmationLetter text={letter} />
      ) : (
        <>
          <p>{t('setup.demo.text')}</p>
          <button type="button" onClick={activate} disabled={busy}>
            {busy ? t('action.working') : buttonLabel}
          </button>
        </>
      )}
      <ErrorBanner problems={[failed]} />
    </section>
  );
}
