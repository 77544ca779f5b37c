import { useState } from 'react';
import type { BankAccess } from '../../../../../shared/domain';
import { navigate, routeHref, type Preset } from '../../../app/routing';
import { useApi } from '../../../api/useApi';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n/I18nProvider';
import { problemFromError } from '../../../i18n/problems';
import { resumeStep, STATE_LABEL, type SetupStep } from '../access';
import { DetailsStep, detailsOf, EMPTY_DETAILS, type DetailsValues } from './DetailsStep';
import { DoneStep } from './DoneStep';
import { KeysStep } from './KeysStep';
import { LetterStep } from './LetterStep';
import { StepList } from './StepList';
import { ValidateStep } from './ValidateStep';
import { WaitingStep } from './WaitingStep';

const DEMO_BANK_NAME = 'Kontor Demo Bank';

/**
 * The guided setup of a bank access (docs/ebics.md, "A bank access, step by
 * step"). Every step is saved by the service, so the wizard resumes from the
 * access's state: after a restart, days later, at the step it stopped.
 * `#/banks/setup` starts a new access, `#/banks/setup/demo` one prefilled
 * with the demo bank's user letter, `#/banks/<id>/setup` continues one.
 */
export function BankSetupWizard({ id, preset }: { id: number | undefined; preset: Preset | undefined }) {
  const { t } = useI18n();
  const [access, setAccess] = useState<BankAccess>();
  const [step, setStep] = useState<SetupStep>('details');
  const [confirmationLetter, setConfirmationLetter] = useState<string>();

  const loading = id !== undefined && access?.id !== id;
  const loaded = useApi('bankAccess.get', { id: id ?? 0 }, loading);
  const demo = useApi('demoBank.status', {}, id === undefined && preset === 'demo');
  if (loading && loaded.data?.id === id) {
    // Opened (or reloaded) on an existing access: continue where it stands.
    setAccess(loaded.data);
    setStep(resumeStep(loaded.data.state) ?? 'details');
  }

  const back = <a href={routeHref({ screen: 'banks' })}>← {t('nav.banks')}</a>;
  const title = access ? `${t('setup.title')}: ${access.name}` : t('setup.title');

  if (loading) {
    if (loaded.error?.code === 'notFound') {
      return (
        <>
          <PageHeader title={t('access.notFound')} back={back} />
          <EmptyState title={t('access.notFoundText')} />
        </>
      );
    }
    return (
      <>
        <PageHeader title={title} back={back} />
        <ErrorBanner problems={[loaded.error && problemFromError(loaded.error)]} onRetry={loaded.reload} />
        {!loaded.error && <Loading />}
      </>
    );
  }

  const saved = (a: BankAccess) => {
    setAccess(a);
    // The address now names the access, so a reload (or a restart) comes back to it.
    if (id !== a.id) navigate({ screen: 'banks', id: a.id, sub: 'setup' }, { replace: true });
    setStep(resumeStep(a.state) ?? 'keys');
  };

  if (access && resumeStep(access.state) === null) {
    // Suspended or expired: nothing to continue here; the access's own screen offers to start over.
    return (
      <>
        <PageHeader title={title} back={back} />
        <div className="wizard-panel wizard-form">
          <p className="banner banner-warn">{t('setup.blocked', { state: t(STATE_LABEL[access.state]) })}</p>
          <div className="wizard-actions">
            <a className="button primary" href={routeHref({ screen: 'banks', id: access.id })}>
              {t('setup.openAccess')}
            </a>
          </div>
        </div>
      </>
    );
  }

  let body;
  if (step === 'details' || !access) {
    let initial: DetailsValues | undefined = access ? detailsOf(access) : EMPTY_DETAILS;
    if (!access && preset === 'demo') {
      const status = demo.data;
      initial = status?.running
        ? { ...EMPTY_DETAILS, name: DEMO_BANK_NAME, hostUrl: status.url, hostId: status.hostId, partnerId: status.partnerId, userId: status.userId }
        : status
          ? EMPTY_DETAILS
          : undefined;
    }
    body = initial ? (
      <DetailsStep access={access} initial={initial} isDemo={access ? access.isDemo : preset === 'demo' && demo.data?.running === true} onSaved={saved} />
    ) : (
      <>
        <ErrorBanner problems={[demo.error && problemFromError(demo.error)]} onRetry={demo.reload} />
        {!demo.error && <Loading />}
      </>
    );
  } else if (step === 'keys') {
    body = (
      <KeysStep
        access={access}
        onChange={setAccess}
        onDone={(a) => setStep(resumeStep(a.state) ?? 'keys')}
        onImported={(a) => {
          setAccess(a);
          // Imported keys are known to the bank already: no new letter needed.
          setStep(a.state === 'hia_sent' ? 'waiting' : (resumeStep(a.state) ?? 'keys'));
        }}
        onBack={access.state === 'new' ? () => setStep('details') : undefined}
      />
    );
  } else if (step === 'letter') {
    body = <LetterStep access={access} onNext={() => setStep('waiting')} />;
  } else if (step === 'waiting') {
    body = (
      <WaitingStep
        access={access}
        letter={confirmationLetter}
        onLetter={setConfirmationLetter}
        onBack={() => setStep('letter')}
        onFetched={(a) => {
          setAccess(a);
          setStep('validate');
        }}
      />
    );
  } else if (step === 'validate') {
    body = (
      <ValidateStep
        access={access}
        letter={confirmationLetter}
        onLetter={setConfirmationLetter}
        onAccepted={(a) => {
          setAccess(a);
          setStep('done');
        }}
      />
    );
  } else {
    body = <DoneStep access={access} />;
  }

  return (
    <>
      <PageHeader title={title} back={back} />
      <div className="wizard">
        <StepList current={step} />
        <section className="wizard-panel" aria-label={title}>
          {body}
        </section>
      </div>
    </>
  );
}
