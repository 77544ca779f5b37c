import { useId, useState } from 'react';
import { Locale, Role, type Settings } from '../../../../shared/domain';
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

function validateUserName(v: { userName: string }) {
  const found: Found = {};
  const name = v.userName.trim();
  if (!name) found.userName = { code: 'text.required' };
  else if (name.length > 70) found.userName = { code: 'text.tooLong' };
  return { input: found.userName ? null : { userName: name }, problems: found };
}

function UserNameForm({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  const form = useForm({
    initial: { userName: settings.userName },
    validate: validateUserName,
    submit: async (input) => {
      setSaved(false);
      await call('settings.update', input);
      setSaved(true);
      // The role belongs to the user name: show the new name's role.
      onSaved();
    },
  });
  return (
    <form className="inline-form" noValidate onSubmit={form.onSubmit}>
      <TextField form={form} name="userName" label={t('settings.userName')} hint={t('settings.userNameHint')} required />
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

const ROLES: readonly Role[] = ['preparer', 'approver', 'both'];

/** Who may approve payables here; saved as soon as it is chosen. */
function RoleField({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [role, setRole] = useState<Role>(settings.role);
  const [saved, setSaved] = useState(false);
  const [failed, setFailed] = useState<Problem>();
  // When the settings are read again (after a save here or of the name), the field shows what the server holds.
  const [fromServer, setFromServer] = useState<Role>(settings.role);
  if (fromServer !== settings.role) {
    setFromServer(settings.role);
    setRole(settings.role);
  }
  return (
    <div className="field">
      <label htmlFor={id}>{t('settings.role')}</label>
      <select
        id={id}
        value={role}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const next = Role.parse(e.target.value);
          const before = role;
          setRole(next);
          setSaved(false);
          setFailed(undefined);
          call('settings.update', { role: next }).then(
            () => {
              setSaved(true);
              onSaved();
            },
            (err: unknown) => {
              setRole(before);
              setFailed(problemFromError(err));
            },
          );
        }}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`settings.role.${r}`)}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="field-hint">
        {t('settings.roleHint')}
      </p>
      <span role="status" className="saved-note">
        {saved ? t('common.saved') : ''}
      </span>
      <ErrorBanner problems={[failed]} />
    </div>
  );
}

export function PreferencesSection() {
  const { t } = useI18n();
  const settings = useApi('settings.get', {});
  return (
    <Section title={t('settings.preferences')}>
      <div className="preferences">
        <LanguageField />
        {settings.data && <UserNameForm settings={settings.data} onSaved={settings.reload} />}
        {settings.data && <RoleField key={settings.data.userName} settings={settings.data} onSaved={settings.reload} />}
        <ErrorBanner problems={[settings.error && problemFromError(settings.error)]} onRetry={settings.reload} />
      </div>
    </Section>
  );
}
