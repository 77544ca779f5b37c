import type { ImportPreviewRow } from '../../../../../shared/entry-import';
import { Table, type Column } from '../../../components/Table';
import { useI18n } from '../../../i18n/I18nProvider';

/** The rows as they would be imported, each with what is wrong with it. */
export function PreviewTable({ rows }: { rows: readonly ImportPreviewRow[] }) {
  const { t, amount, date, problem } = useI18n();
  const columns: Column<ImportPreviewRow>[] = [
    { key: 'line', header: t('import.col.line'), cell: (r) => r.line, align: 'right' },
    {
      key: 'status',
      header: t('common.status'),
      cell: (r) => (r.ok ? <span className="badge badge-ok">{t('import.rowOk')}</span> : <span className="badge badge-danger">{t('import.rowFailed')}</span>),
    },
    {
      key: 'errors',
      header: t('import.col.errors'),
      cell: (r) =>
        r.errors.length === 0 ? null : (
          <ul className="import-errors">
            {r.errors.map((e, k) => (
              <li key={k}>
                {e.column && <strong>{e.column}: </strong>}
                {problem({ code: e.code, fallback: e.message, ...(e.params ? { params: e.params } : {}) })}
              </li>
            ))}
          </ul>
        ),
    },
    { key: 'number', header: t('entry.number'), cell: (r) => r.entry?.number ?? r.values.number ?? '', className: 'nowrap' },
    {
      key: 'type',
      header: t('entry.type'),
      cell: (r) => (r.entry ? t(r.entry.type === 'Debit' ? 'entry.receivable' : 'entry.payable') : (r.values.type ?? '')),
    },
    {
      key: 'direction',
      header: t('importTypes.direction'),
      cell: (r) => (r.entry ? t(r.entry.type === 'Debit' ? 'importTypes.in' : 'importTypes.out') : ''),
    },
    {
      key: 'account',
      header: t('entry.account'),
      cell: (r) => (
        <>
          {r.account?.name ?? r.values.accountName ?? ''} <span className="muted">{r.account?.number ?? r.values.accountNumber ?? ''}</span>
          {r.newAccount && <span className="badge badge-warn">{t('import.newAccount')}</span>}
        </>
      ),
    },
    {
      key: 'statementDate',
      header: t('entry.statementDate'),
      cell: (r) => (r.entry ? date(r.entry.statementDate) : (r.values.statementDate ?? '')),
      className: 'nowrap',
    },
    { key: 'dueDate', header: t('entry.dueDate'), cell: (r) => (r.entry ? date(r.entry.dueDate) : (r.values.dueDate ?? '')), className: 'nowrap' },
    {
      key: 'amount',
      header: t('entry.amount'),
      align: 'right',
      className: 'nowrap',
      cell: (r) =>
        r.entry ? (
          <>
            <span className={r.entry.type === 'Credit' ? 'amount negative' : 'amount'}>
              {amount(r.entry.type === 'Credit' ? -r.entry.amountCents : r.entry.amountCents)}
            </span>{' '}
            <span className="muted">{r.entry.currency}</span>
          </>
        ) : (
          (r.values.amount ?? '')
        ),
    },
    { key: 'reference', header: t('entry.paymentReference'), cell: (r) => r.entry?.paymentReference ?? r.values.paymentReference ?? '', className: 'truncate' },
  ];
  return (
    <Table
      caption={t('import.preview')}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.line}
      rowClassName={(r) => (r.ok ? undefined : 'import-row-failed')}
      testId="import-preview-table"
    />
  );
}
