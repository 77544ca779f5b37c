import { useId, useState } from 'react';
import type { Person } from '../../../../shared/api/people';
import { PersonRole } from '../../../../shared/domain';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Section } from '../../components/Section';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';

const ROLES = PersonRole.options;

/** Grants a role to a colleague by their login name, before or after they first open the ledger. */
function GrantForm({ onDone }: { onDone: (failed?: Problem) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [user, setUser] = useState('');
  const [role, setRole] = useState<PersonRole>('viewer');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!user.trim()) return;
    setBusy(true);
    try {
      await call('users.grant', { user: user.trim(), role });
      setUser('');
      onDone();
    } catch (e) {
      onDone(problemFromError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-user`}>{t('people.osAccount')}</label>
        <input id={`${id}-user`} value={user} maxLength={100} onChange={(e) => setUser(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>{t('people.role')}</label>
        <select id={`${id}-role`} value={role} onChange={(e) => setRole(PersonRole.parse(e.target.value))}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`people.role.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={busy || !user.trim()}>
        {t('people.grant')}
      </button>
    </form>
  );
}

/** The people of this ledger and their roles; an administrator ticks and unticks them, each change is logged. */
export function PeopleSection() {
  const { t } = useI18n();
  const people = useApi('users.list', {});
  const me = useApi('settings.get', {});
  const [failed, setFailed] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const isAdmin = me.data?.roles.includes('administrator') ?? false;

  const toggle = async (p: Person, role: PersonRole, on: boolean) => {
    setBusy(true);
    setFailed(undefined);
    try {
      await call(on ? 'users.grant' : 'users.revoke', { user: p.identity, role });
    } catch (e) {
      setFailed(problemFromError(e));
    } finally {
      setBusy(false);
      people.reload();
      me.reload();
    }
  };

  const columns: Column<Person>[] = [
    { key: 'identity', header: t('people.identity'), cell: (p) => <span className="mono">{p.identity}</span> },
    { key: 'name', header: t('people.displayName'), cell: (p) => p.displayName ?? '' },
    ...ROLES.map((role): Column<Person> => ({
      key: role,
      header: t(`people.role.${role}`),
      align: 'center',
      cell: (p) => (
        <input
          type="checkbox"
          aria-label={t('people.roleOf', { role: t(`people.role.${role}`), user: p.identity })}
          checked={p.roles.includes(role)}
          disabled={!isAdmin || busy}
          onChange={(e) => void toggle(p, role, e.target.checked)}
        />
      ),
    })),
  ];

  return (
    <Section title={t('people.title')}>
      <p className="field-hint">{t('people.hint')}</p>
      <ErrorBanner problems={[failed, people.error && problemFromError(people.error)]} onRetry={people.reload} />
      {people.data && <Table caption={t('people.title')} columns={columns} rows={people.data} rowKey={(p) => p.identity} testId="people-table" />}
      {isAdmin && (
        <GrantForm
          onDone={(problem) => {
            setFailed(problem);
            people.reload();
          }}
        />
      )}
    </Section>
  );
}
