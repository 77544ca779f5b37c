import { useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';

/** Demo mode: the demo bank's register of account holders (what the payee check compares with) and its signers with their classes. */
export function DemoRegister() {
  const { t } = useI18n();
  const register = useApi('demoBank.register', {});
  const [iban, setIban] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>();
  if (!register.data) return null;
  const add = async () => {
    setProblem(undefined);
    try {
      await call('demoBank.addHolder', { iban, name });
      setIban('');
      setName('');
      register.reload();
    } catch (e) {
      setProblem(problemFromError(e));
    }
  };
  return (
    <div data-testid="demo-register">
      <h3>{t('demoRegister.signers')}</h3>
      <ul>
        {register.data.signers.map((s) => (
          <li key={`${s.partnerId}/${s.userId}`}>
            {s.partnerId}/{s.userId} {s.name} — {t('demoRegister.class', { level: s.signatureClass })}
          </li>
        ))}
      </ul>
      <h3>{t('demoRegister.holders')}</h3>
      <ul>
        {register.data.holders.map((h) => (
          <li key={h.iban}>
            <span className="mono">{h.iban}</span> {h.name}
          </li>
        ))}
      </ul>
      <ErrorBanner problems={[problem]} />
      <form
        className="form-inline"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label>
          IBAN <input value={iban} onChange={(e) => setIban(e.target.value)} />
        </label>
        <label>
          {t('demoRegister.name')} <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" disabled={iban.trim() === '' || name.trim() === ''}>
          {t('demoRegister.add')}
        </button>
      </form>
    </div>
  );
}
