import { useId, useState } from 'react';
import { DEFAULT_MATCH_PROFILE, type MatchProfile, type MatchSettings } from '../../../../shared/reconcile';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';

const FIELDS = ['reference', 'iban', 'name'] as const;

function profileOf(s: MatchSettings, iban: string): MatchProfile {
  const own = s.accounts.find((a) => a.iban === iban);
  const p = own ?? s.defaults;
  return { daysBeforeStatement: p.daysBeforeStatement, daysAfterDue: p.daysAfterDue, fields: p.fields };
}

/** The form for one scope (all accounts, or one own account), starting from what applies to it now. */
function MatchingForm({ settings, iban, onSaved }: { settings: MatchSettings; iban: string; onSaved: (s: MatchSettings) => void }) {
  const { t } = useI18n();
  const ids = { before: useId(), after: useId() };
  const [p, setP] = useState<MatchProfile>(() => profileOf(settings, iban));
  const [problem, setProblem] = useState<Problem>();
  const [saved, setSaved] = useState(false);
  const save = (profile: MatchProfile | null) => {
    setProblem(undefined);
    setSaved(false);
    call('reconcile.setMatchSettings', { iban: iban || null, profile }).then(
      (s) => {
        setSaved(true);
        if (profile === null) setP(profileOf(s, iban));
        onSaved(s);
      },
      (e: unknown) => setProblem(problemFromError(e)),
    );
  };
  const days = (v: string) => Math.max(0, Math.min(366, Math.trunc(Number(v) || 0)));
  return (
    <div className="form-grid">
      <div className="field">
        <label htmlFor={ids.before}>{t('matching.daysBefore')}</label>
        <input
          id={ids.before}
          type="number"
          min={0}
          max={366}
          value={p.daysBeforeStatement}
          onChange={(e) => setP({ ...p, daysBeforeStatement: days(e.target.value) })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.after}>{t('matching.daysAfter')}</label>
        <input id={ids.after} type="number" min={0} max={366} value={p.daysAfterDue} onChange={(e) => setP({ ...p, daysAfterDue: days(e.target.value) })} />
      </div>
      <fieldset className="span-2">
        <legend>{t('matching.fields')}</legend>
        {FIELDS.map((f) => (
          <label key={f} className="checkbox">
            <input type="checkbox" checked={p.fields[f]} onChange={(e) => setP({ ...p, fields: { ...p.fields, [f]: e.target.checked } })} />{' '}
            {t(`matching.field.${f}`)}
          </label>
        ))}
      </fieldset>
      <ErrorBanner problems={[problem]} />
      <div className="form-actions span-2">
        <button type="button" className="primary" onClick={() => save(p)}>
          {t('matching.save')}
        </button>
        <button type="button" onClick={() => save(null)}>
          {t('matching.reset')}
        </button>
        {saved && <span className="muted">{t('matching.saved')}</span>}
      </div>
    </div>
  );
}

/**
 * How reconciliation matches by amount: which keys it may use (reference,
 * IBAN, name) and the date window around an entry's dates, for all own
 * accounts or one. Exact keys (end-to-end id, mandate) always match.
 */
export function MatchingSection() {
  const { t } = useI18n();
  const scopeId = useId();
  const settings = useApi('reconcile.matchSettings', {});
  const accounts = useApi('bankAccounts.list', {});
  const [iban, setIban] = useState('');
  const [current, setCurrent] = useState<MatchSettings>();
  const s = current ?? settings.data;
  return (
    <Section title={t('matching.title')}>
      <p className="muted section-intro">
        {t('matching.intro', { before: DEFAULT_MATCH_PROFILE.daysBeforeStatement, after: DEFAULT_MATCH_PROFILE.daysAfterDue })}
      </p>
      <ErrorBanner problems={[settings.error && problemFromError(settings.error)]} onRetry={settings.reload} />
      <div className="field">
        <label htmlFor={scopeId}>{t('matching.scope')}</label>
        <select id={scopeId} value={iban} onChange={(e) => setIban(e.target.value)}>
          <option value="">{t('matching.allAccounts')}</option>
          {(accounts.data ?? []).map((a) => (
            <option key={a.id} value={a.iban}>
              {a.name} ({a.iban})
            </option>
          ))}
        </select>
      </div>
      {s && <MatchingForm key={iban} settings={s} iban={iban} onSaved={setCurrent} />}
    </Section>
  );
}
