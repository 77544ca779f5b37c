import { useApi } from '../../api/useApi';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';

/** Where the data lives and whether the keychain works: what support asks first. */
export function StatusSection() {
  const { t } = useI18n();
  const status = useApi('app.status', {});
  const s = status.data;
  return (
    <Section title={t('status.title')}>
      <ErrorBanner problems={[status.error && problemFromError(status.error)]} onRetry={status.reload} />
      {!s ? (
        status.loading && <Loading />
      ) : (
        <dl className="facts" data-testid="app-status">
          <dt>{t('status.dataDir')}</dt>
          <dd className="mono">{s.dataDir}</dd>
          <dt>{t('status.ledgerFile')}</dt>
          <dd className="mono">{s.databaseFile}</dd>
          <dt>{t('status.schema')}</dt>
          <dd>{t('status.schemaValue', { version: s.schemaVersion, latest: s.latestSchemaVersion })}</dd>
          <dt>{t('status.keychain')}</dt>
          <dd>
            {s.keychain.backend} –{' '}
            <span className={s.keychain.available ? 'badge badge-ok' : 'badge badge-warn'}>
              {s.keychain.available ? t('status.available') : t('status.unavailable')}
            </span>
            {s.keychain.reason && <span className="muted"> ({s.keychain.reason})</span>}
          </dd>
          <dt>{t('status.version')}</dt>
          <dd>
            {s.version} · {t(s.host === 'electron' ? 'status.hostElectron' : s.host === 'browser' ? 'status.hostBrowser' : 'status.hostCli')}
          </dd>
        </dl>
      )}
    </Section>
  );
}
