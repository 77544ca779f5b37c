import { useId, useState } from 'react';
import { Locale, type Settings } from '../../../../shared/domain';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Section } from '../../components/Section';
import { TextField } from '../../forms/controls';
import { useForm } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';
import type { Found } from '../../forms/validate';

function LanguageField() {
  const { t, locale, setLocale } = useI18n();
  const id = useId();
  const [failed, setFailed] = useState<Problem>();
  return (
    <div className="field">
      <label htmlFor={id}>{t('settings.language')}</label>
      <select
        id={id}
        value={locale}
        onChange={(e) => {
          setFailed(undefined);
          setLocale(Locale.parse(e.target.value)).catch((err: unknown) => setFailed(problemFromError(err)));
        }}
      >
        <option value="en">English</option>
        <option value="de">Deutsch</option>
      </select>
      <ErrorBanner problems={[failed]} />
    </div>
  );
}

function validateDisplayName(v: { displayName: string }) {
  const found: Found = {};
  const name = v.displayName.trim();
  if (name.length > 70) found.displayName = { code: 'text.tooLong' };
  return { input: found.displayName ? null : { displayName: name || null }, problems: found };
}

/** How the person likes to be called: a label beside the identity, which it never replaces. */
function DisplayNameForm({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  const form = useForm({
    initial: { displayName: settings.displayName ?? '' },
    validate: validateDisplayName,
    submit: async (input) => {
      setSaved(false);
      await call('settings.update', input);
      setSaved(true);
      onSaved();
    },
  });
  return (
    <form className="inline-form" noValidate onSubmit={form.onSubmit}>
      <TextField form={form} name="displayName" label={t('people.displayName')} hint={t('people.displayNameHint')} />
      <button type="submit" disabled={form.submitting}>
        {t('action.save')}
      </button>
      <span role="status" className="saved-note">
        {saved ? t('common.saved') : ''}
      </span>
      <ErrorBanner problems={form.formProblems} />
    </form>
  );
}

/** The daily end-of-day fetch while Kontor is open: saved as soon as it is ticked, like the language. */
function AutoFetchField({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [failed, setFailed] = useState<Problem>();
  return (
    <div className="field field-checkbox">
      <input
        id={id}
        type="checkbox"
        checked={settings.autoFetchStatements}
        onChange={(e) => {
          setFailed(undefined);
          call('settings.update', { autoFetchStatements: e.target.checked })
            .then(onSaved)
            .catch((err: unknown) => setFailed(problemFromError(err)));
        }}
      />
      <label htmlFor={id}>{t('settings.autoFetchStatements')}</label>
      <ErrorBanner problems={[failed]} />
    </div>
  );
}

/** Who acts here and what they may do: shown, not edited (the host names the identity, an administrator the roles). */
function IdentityFacts({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  return (
    <dl className="facts" data-testid="who-acts">
      <dt>{t('people.identity')}</dt>
      <dd className="mono">{settings.identity}</dd>
      <dt>{t('people.yourRoles')}</dt>
      <dd>{settings.roles.length ? settings.roles.map((r) => t(`people.role.${r}`)).join(', ') : t('people.noRole')}</dd>
    </dl>
  );
}

export function PreferencesSection() {
  const { t } = useI18n();
  const settings = useApi('settings.get', {});
  return (
    <Section title={t('settings.preferences')}>
      <div className="preferences">
        <LanguageField />
        {settings.data && <IdentityFacts settings={settings.data} />}
        {settings.data && <DisplayNameForm settings={settings.data} onSaved={settings.reload} />}
        {settings.data && <AutoFetchField settings={settings.data} onSaved={settings.reload} />}
        <ErrorBanner problems={[settings.error && problemFromError(settings.error)]} onRetry={settings.reload} />
      </div>
    </Section>
  );
}
