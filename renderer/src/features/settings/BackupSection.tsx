import { useEffect, useState } from 'react';
import type { Progress } from '../../../../shared/domain';
import { call, subscribe } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ProgressBar } from '../../components/ProgressBar';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';

/** A consistent copy of the ledger file, made while Kontor keeps running. */
export function BackupSection() {
  const { t } = useI18n();
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress>();
  const [result, setResult] = useState<{ file: string; pages: number }>();
  const [failed, setFailed] = useState<Problem>();

  useEffect(
    () =>
      subscribe('progress', (p) => {
        if (p.label === 'ledger.backup') setProgress(p);
      }),
    [],
  );

  const start = () => {
    setRunning(true);
    setResult(undefined);
    setFailed(undefined);
    setProgress(undefined);
    call('ledger.backup', {})
      .then(setResult, (e: unknown) => setFailed(problemFromError(e)))
      .finally(() => setRunning(false));
  };

  return (
    <Section title={t('backup.title')}>
      <p className="muted">{t('backup.text')}</p>
      <div className="backup-row">
        <button type="button" onClick={start} disabled={running}>
          {t('backup.start')}
        </button>
        {(running || progress || result) && (
          <ProgressBar label={t('backup.progress')} done={result ? 1 : (progress?.done ?? 0)} total={result ? 1 : (progress?.total ?? 0)} />
        )}
      </div>
      <div role="status">
        {result && (
          <p className="banner banner-ok">
            {t('backup.done', { pages: result.pages })} <span className="mono">{result.file}</span>
          </p>
        )}
      </div>
      <ErrorBanner problems={[failed]} />
    </Section>
  );
}
