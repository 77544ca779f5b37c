import { useState } from 'react';
import type { SetupStep } from '../../../../shared/setup';
import { routeHref } from '../../app/routing';
import { useApi } from '../../api/useApi';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import { BankAccountForm } from '../banks/BankAccountForm';
import { EntityForm } from '../settings/EntityForm';
import { nextStep, STEP_TEXT } from './steps';

type Dialog = 'entity' | 'bankAccount' | null;

/**
 * The first-run checklist: each step ticks as soon as the ledger shows it
 * done (main computes it), and leads to where the step is done — the company
 * and the own accounts right here, the rest on their screens.
 */
export function SetupScreen() {
  const { t } = useI18n();
  const checklist = useApi('setup.checklist', {});
  const entities = useApi('entities.list', {});
  const accesses = useApi('bankAccess.list', {});
  const demoBank = useApi('demoBank.status', {});
  const [dialog, setDialog] = useState<Dialog>(null);
  const saved = () => {
    setDialog(null);
    checklist.reload();
    entities.reload();
  };
  const steps = checklist.data?.steps ?? [];
  const next = nextStep(steps);

  const action = (s: SetupStep) => {
    const text = STEP_TEXT[s.id];
    const primary = s.id === next;
    if (s.id === 'entity' || s.id === 'bankAccounts') {
      const disabled = s.id === 'bankAccounts' && !entities.data?.length;
      return (
        <button
          type="button"
          className={primary ? 'primary' : undefined}
          disabled={disabled}
          onClick={() => setDialog(s.id === 'entity' ? 'entity' : 'bankAccount')}
        >
          {t(text.action)}
        </button>
      );
    }
    const firstAccess = s.id === 'bankAccess' && !accesses.data?.length;
    return (
      <>
        {/* The plain wizard cannot play the demo bank's clerk: with the demo bank running, its own setup is offered first. */}
        {firstAccess && demoBank.data?.running && (
          <a className={primary ? 'button primary' : 'button'} href={routeHref({ screen: 'banks', sub: 'setup', preset: 'demo' })}>
            {t('banks.demoSetUp')}
          </a>
        )}
        <a
          className={primary && !(firstAccess && demoBank.data?.running) ? 'button primary' : 'button'}
          href={routeHref(firstAccess ? { screen: 'banks', sub: 'setup' } : text.route!)}
        >
          {t(text.action)}
        </a>
      </>
    );
  };

  return (
    <>
      <PageHeader title={t('setupList.title')} />
      <ErrorBanner problems={[checklist.error && problemFromError(checklist.error)]} onRetry={checklist.reload} />
      <p className="muted">{checklist.data?.complete ? t('setupList.complete') : t('setupList.intro')}</p>
      {!checklist.data && checklist.loading && <Loading />}
      <ol className="setup-checklist" aria-label={t('setupList.title')}>
        {steps.map((s) => (
          <li key={s.id} className={s.done ? 'setup-step done' : 'setup-step'} data-testid={`setup-step-${s.id}`}>
            <span className={s.done ? 'badge badge-ok' : 'badge badge-open'}>{s.done ? t('setupList.done') : t('setupList.todo')}</span>
            <div className="setup-step-text">
              <h2>{t(STEP_TEXT[s.id].title)}</h2>
              <p className="muted">
                {t(STEP_TEXT[s.id].text)}
                {s.id === 'linked' && s.missing > 0 && ` ${t('setupList.unlinkedCount', { count: s.missing })}`}
              </p>
            </div>
            <div className="setup-step-action">{action(s)}</div>
          </li>
        ))}
      </ol>
      {dialog === 'entity' && <EntityForm entity={undefined} bankAccounts={[]} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog === 'bankAccount' && entities.data && (
        <BankAccountForm account={undefined} entities={entities.data} accesses={accesses.data ?? []} onClose={() => setDialog(null)} onSaved={saved} />
      )}
    </>
  );
}
