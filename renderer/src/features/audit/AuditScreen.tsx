import { useId, useState } from 'react';
import type { AuditChainReport, AuditEntry } from '../../../../shared/api/people';
import { call } from '../../api/client';
import { saveDownload } from '../../api/files';
import { useApi } from '../../api/useApi';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';

interface Filter {
  from: string;
  to: string;
  user: string;
}

/** Only what is filled in goes to the call; an empty field means no limit. */
function query(f: Filter) {
  return { ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}), ...(f.user ? { user: f.user } : {}) };
}

function Filters({ value, onChange }: { value: Filter; onChange: (f: Filter) => void }) {
  const { t } = useI18n();
  const id = useId();
  const people = useApi('users.list', {});
  return (
    <div className="filters">
      <div className="field">
        <label htmlFor={`${id}-from`}>{t('audit.from')}</label>
        <input id={`${id}-from`} type="date" value={value.from} onChange={(e) => onChange({ ...value, from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('audit.to')}</label>
        <input id={`${id}-to`} type="date" value={value.to} onChange={(e) => onChange({ ...value, to: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-user`}>{t('audit.user')}</label>
        <select id={`${id}-user`} value={value.user} onChange={(e) => onChange({ ...value, user: e.target.value })}>
          <option value="">{t('audit.everyone')}</option>
          {people.data?.map((p) => (
            <option key={p.identity} value={p.identity}>
              {p.displayName ? `${p.displayName} (${p.identity})` : p.identity}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function ChainCheck() {
  const { t } = useI18n();
  const [report, setReport] = useState<AuditChainReport>();
  const [failed, setFailed] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setFailed(undefined);
    try {
      setReport(await call('audit.verify', {}));
    } catch (e) {
      setFailed(problemFromError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="chain-check">
      <button type="button" onClick={() => void verify()} disabled={busy}>
        {busy ? t('action.working') : t('audit.verify')}
      </button>
      {report && (
        <p role="status" data-testid="audit-verify-result" className={report.broken ? 'badge badge-warn' : 'badge badge-ok'}>
          {report.broken
            ? t('audit.broken', { id: report.broken.id, reason: t(`audit.reason.${report.broken.reason}`) })
            : t('audit.intact', { rows: report.rows, unchained: report.unchained })}
        </p>
      )}
      <ErrorBanner problems={[failed]} />
    </div>
  );
}

/** Who did what and when: the ledger's audit log, filtered, checked and exported. */
export function AuditScreen() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>({ from: '', to: '', user: '' });
  const log = useApi('audit.list', { ...query(filter), limit: 500 });
  const [exportFailed, setExportFailed] = useState<Problem>();
  const exportFile = async (name: 'audit.exportCsv' | 'audit.exportPdf') => {
    setExportFailed(undefined);
    try {
      saveDownload(await call(name, query(filter)));
    } catch (e) {
      setExportFailed(problemFromError(e));
    }
  };
  const columns: Column<AuditEntry>[] = [
    { key: 'id', header: t('audit.no'), cell: (r) => r.id, align: 'right' },
    { key: 'at', header: t('audit.at'), cell: (r) => <span className="mono">{r.at.replace('T', ' ').slice(0, 19)}</span> },
    { key: 'actor', header: t('audit.user'), cell: (r) => r.actor },
    { key: 'action', header: t('audit.action'), cell: (r) => <span className="mono">{r.action}</span> },
    { key: 'subject', header: t('audit.subject'), cell: (r) => [r.subjectType, r.subjectId].filter(Boolean).join(' ') },
    { key: 'details', header: t('audit.details'), cell: (r) => <span className="mono muted">{r.details === '{}' ? '' : r.details}</span> },
  ];
  return (
    <>
      <PageHeader title={t('nav.audit')} />
      <Section
        title={t('audit.title')}
        actions={
          <>
            <button type="button" onClick={() => void exportFile('audit.exportCsv')}>
              {t('audit.exportCsv')}
            </button>
            <button type="button" onClick={() => void exportFile('audit.exportPdf')}>
              {t('audit.exportPdf')}
            </button>
          </>
        }
      >
        <p className="field-hint">{t('audit.hint')}</p>
        <ChainCheck />
        <Filters value={filter} onChange={setFilter} />
        <ErrorBanner problems={[exportFailed, log.error && problemFromError(log.error)]} onRetry={log.reload} />
        {log.loading && !log.data && <Loading />}
        {log.data && (
          <>
            <p className="muted" data-testid="audit-count">
              {t('audit.count', { shown: log.data.rows.length, total: log.data.total })}
            </p>
            <Table caption={t('audit.title')} columns={columns} rows={log.data.rows} rowKey={(r) => r.id} testId="audit-table" />
          </>
        )}
      </Section>
    </>
  );
}
