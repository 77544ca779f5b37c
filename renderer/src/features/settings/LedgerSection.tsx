import { useState } from 'react';
import { LedgerChoiceInput, type LedgerStatus } from '../../../../shared/ledger-choice';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Section } from '../../components/Section';
import { TextField } from '../../forms/controls';
import { useForm } from '../../forms/useForm';
import { check } from '../../forms/validate';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';

type Where = LedgerStatus['next'];
const sameWhere = (a: Where, b: Where) => a.engine === b.engine && a.location === b.location;

function OpenLedgerFacts({ s }: { s: LedgerStatus }) {
  const { t } = useI18n();
  return (
    <dl className="facts" data-testid="open-ledger">
      <dt>{t('ledgerChoice.open')}</dt>
      <dd>
        {t(s.engine === 'team' ? 'ledgerChoice.team' : 'ledgerChoice.file')} · <span className="mono">{s.location}</span>
      </dd>
      {s.login && (
        <>
          <dt>{t('ledgerChoice.login')}</dt>
          <dd className="mono">{s.login}</dd>
        </>
      )}
      {!sameWhere(s, s.next) && (
        <>
          <dt>{t('ledgerChoice.next')}</dt>
          <dd data-testid="next-ledger">
            {t(s.next.engine === 'team' ? 'ledgerChoice.team' : 'ledgerChoice.file')} · <span className="mono">{s.next.location}</span>
          </dd>
        </>
      )}
    </dl>
  );
}

/** The team ledger's address and the person's own database password; the password goes to the keychain, never to a file. */
function TeamLedgerForm({ onChosen }: { onChosen: (s: LedgerStatus) => void }) {
  const { t } = useI18n();
  const form = useForm({
    initial: { url: '', password: '' },
    validate: (v) => check(LedgerChoiceInput, { kind: 'team', url: v.url.trim(), password: v.password }),
    submit: async (input) => onChosen(await call('ledger.choose', input)),
  });
  return (
    <form className="inline-form" noValidate onSubmit={form.onSubmit}>
      <TextField
        form={form}
        name="url"
        label={t('ledgerChoice.url')}
        hint={t('ledgerChoice.urlHint')}
        placeholder="postgres://anna@db.example.local:5432/kontor"
      />
      <TextField form={form} name="password" label={t('ledgerChoice.password')} type="password" autoComplete="off" />
      <button type="submit" disabled={form.submitting}>
        {t('ledgerChoice.useTeam')}
      </button>
      <ErrorBanner problems={form.formProblems} />
    </form>
  );
}

/**
 * Which ledger is open, and the choice for the next start: a team ledger on
 * PostgreSQL or this computer's ledger file. Applies when Kontor starts again.
 */
export function LedgerSection() {
  const { t } = useI18n();
  const ledger = useApi('ledger.status', {});
  const [chosen, setChosen] = useState<LedgerStatus>();
  const [failed, setFailed] = useState<Problem>();
  const s = chosen ?? ledger.data;
  const chooseFile = async () => {
    setFailed(undefined);
    try {
      setChosen(await call('ledger.choose', { kind: 'file' }));
    } catch (e) {
      setFailed(problemFromError(e));
    }
  };
  return (
    <Section title={t('ledgerChoice.title')}>
      <ErrorBanner problems={[ledger.error && problemFromError(ledger.error), failed]} onRetry={ledger.reload} />
      {s && (
        <>
          <OpenLedgerFacts s={s} />
          {s.chosenBy === 'environment' && <p className="muted">{t('ledgerChoice.byEnvironment')}</p>}
          <p className="muted">{t('ledgerChoice.explain')}</p>
          <TeamLedgerForm key={chosen ? `${chosen.next.engine}:${chosen.next.location}` : 'open'} onChosen={setChosen} />
          {s.next.engine === 'team' && (
            <button type="button" onClick={() => void chooseFile()}>
              {t('ledgerChoice.useFile')}
            </button>
          )}
          {chosen && (
            <p role="status" className="banner banner-ok" data-testid="ledger-chosen">
              {t('ledgerChoice.chosen', { location: chosen.next.location })}
            </p>
          )}
        </>
      )}
    </Section>
  );
}
