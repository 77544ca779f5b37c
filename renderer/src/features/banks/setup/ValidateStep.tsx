import { useId, useState, type FormEvent } from 'react';
import type { BankAccess } from '../../../../../shared/domain';
import { call } from '../../../api/client';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useI18n } from '../../../i18n/I18nProvider';
import type { Problem } from '../../../i18n/problems';
import { bankProblem } from '../access';
import { compareHash } from '../hashCompare';
import { DemoClerk } from './DemoClerk';
import { HashCheck } from './HashCheck';
import { StepHeading } from './StepHeading';

interface Props {
  access: BankAccess;
  onAccepted: (access: BankAccess) => void;
  letter: string | undefined;
  onLetter: (text: string) => void;
}

/**
 * Step 5: the user compares the hashes of the keys HPB fetched with those in
 * the bank's confirmation letter. Only an exact match of both enables the
 * confirmation; the service checks again.
 */
export function ValidateStep({ access, onAccepted, letter, onLetter }: Props) {
  const { t } = useI18n();
  const [authentication, setAuthentication] = useState('');
  const [encryption, setEncryption] = useState('');
  const [busy, setBusy] = useState(false);
  const hintId = useId();
  const [failed, setFailed] = useState<Problem>();
  const bank = access.bankKeys;
  const both = bank !== null && compareHash(bank.authenticationHash, authentication).matches && compareHash(bank.encryptionHash, encryption).matches;

  const confirm = (e: FormEvent) => {
    e.preventDefault();
    if (!both || busy) return;
    setBusy(true);
    setFailed(undefined);
    call('bankAccess.acceptBankKeys', { id: access.id, authenticationHash: authentication, encryptionHash: encryption }).then(
      (a) => {
        setBusy(false);
        onAccepted(a);
      },
      (err: unknown) => {
        setBusy(false);
        setFailed(bankProblem(err, t));
      },
    );
  };

  return (
    <div className="wizard-form">
      <form className="form" noValidate onSubmit={confirm}>
        <StepHeading>{t('setup.validate.title')}</StepHeading>
        <p>{t('setup.validate.text')}</p>
        <p className="banner banner-warn">{t('setup.validate.warning')}</p>
        {bank && (
          <>
            <HashCheck
              which="authentication"
              title={t('setup.validate.authentication')}
              inputLabel={t('setup.validate.inputAuthentication')}
              expected={bank.authenticationHash}
              value={authentication}
              onChange={setAuthentication}
              ebicsVersion={access.ebicsVersion}
            />
            <HashCheck
              which="encryption"
              title={t('setup.validate.encryption')}
              inputLabel={t('setup.validate.inputEncryption')}
              expected={bank.encryptionHash}
              value={encryption}
              onChange={setEncryption}
              ebicsVersion={access.ebicsVersion}
            />
          </>
        )}
        <ErrorBanner problems={[failed]} />
        <div className="wizard-actions">
          <button type="submit" className="primary" disabled={!both || busy} aria-describedby={both ? undefined : hintId}>
            {busy ? t('action.working') : t('setup.validate.confirm')}
          </button>
          {!both && (
            <span id={hintId} className="form-note">
              {t('setup.validate.confirmHint')}
            </span>
          )}
        </div>
      </form>
      {access.isDemo && <DemoClerk access={access} letter={letter} onLetter={onLetter} buttonLabel={t('setup.demo.showLetter')} />}
    </div>
  );
}
