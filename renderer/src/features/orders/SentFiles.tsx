import { useState } from 'react';
import { routeHref } from '../../app/routing';
import { call } from '../../api/client';
import { saveDownload } from '../../api/files';
import { useApi } from '../../api/useApi';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Section } from '../../components/Section';
import { Table } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';
import { STATUS_LABEL, statusBadgeClass } from './labels';

/** Statuses whose file can be written again: at the bank (a copy) or exported before. */
const EXPORTABLE = new Set(['uploaded', 'released', 'exported']);

/** The archive of files that left Kontor, each exportable again, and the ERP's CSV of settled entries. */
export function SentFiles() {
  const { t, amount, date } = useI18n();
  const files = useApi('orders.archive', {});
  const [failed, setFailed] = useState<Problem>();
  const [notice, setNotice] = useState<string>();

  const act = async (work: () => Promise<string | undefined>) => {
    setFailed(undefined);
    setNotice(undefined);
    try {
      setNotice(await work());
    } catch (e) {
      setFailed(problemFromError(e));
    } finally {
      files.reload();
    }
  };
  const erp = () =>
    act(async () => {
      const csv = await call('orders.erpExport', { separator: ';' });
      saveDownload(csv);
      return t('runs.erpExported', { count: csv.rows });
    });

  return (
    <Section
      title={t('runs.archiveTitle')}
      actions={
        <button type="button" onClick={() => void erp()}>
          {t('runs.erpExport')}
        </button>
      }
    >
      <ErrorBanner problems={[failed, files.error && problemFromError(files.error)]} />
      {notice && <p className="banner banner-ok">{notice}</p>}
      {files.data?.length === 0 && <p className="muted">{t('runs.archiveEmpty')}</p>}
      {files.data && files.data.length > 0 && (
        <Table
          caption={t('runs.archiveTitle')}
          testId="sent-files"
          rows={files.data}
          rowKey={(f) => f.id}
          columns={[
            {
              key: 'id',
              header: t('orders.order'),
              cell: (f) => <a href={routeHref({ screen: 'orders', id: f.id })}>{t('orders.orderTitle', { id: f.id })}</a>,
            },
            { key: 'file', header: t('runs.file'), cell: (f) => `${f.messageId}.xml`, className: 'mono' },
            { key: 'sent', header: t('runs.sentAt'), cell: (f) => (f.sentAt ? date(f.sentAt.slice(0, 10)) : '—'), className: 'nowrap' },
            { key: 'count', header: t('orders.count'), cell: (f) => String(f.txCount), align: 'right' },
            { key: 'sum', header: t('orders.controlSum'), cell: (f) => amount(f.controlSumCents, 'EUR'), align: 'right', className: 'nowrap amount' },
            { key: 'status', header: t('common.status'), cell: (f) => <span className={statusBadgeClass(f.status)}>{t(STATUS_LABEL[f.status])}</span> },
            {
              key: 'export',
              header: '',
              cell: (f) =>
                EXPORTABLE.has(f.status) ? (
                  <button
                    type="button"
                    className="small"
                    onClick={() => void act(async () => (saveDownload(await call('orders.export', { id: f.id })), undefined))}
                  >
                    {t('runs.exportCopy')}
                  </button>
                ) : null,
            },
          ]}
        />
      )}
    </Section>
  );
}
