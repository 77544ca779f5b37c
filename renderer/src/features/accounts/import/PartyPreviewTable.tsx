import type { PartyPreviewRow } from '../../../../../shared/parties';
import { Table, type Column } from '../../../components/Table';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatIban } from '../../../../../shared/ids';
import { kindLabel } from '../labels';

/** Each row as the customer or supplier it creates or completes, its bank details and mandate, and what is wrong with it. */
export function PartyPreviewTable({ rows }: { rows: readonly PartyPreviewRow[] }) {
  const { t, date, problem } = useI18n();
  const columns: Column<PartyPreviewRow>[] = [
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
    {
      key: 'party',
      header: t('partyImport.col.party'),
      cell: (r) => (
        <>
          {r.party?.name ?? r.values.name ?? ''} <span className="muted">{r.party?.number ?? r.values.number ?? ''}</span>
          {r.party && <span className={r.party.known ? 'badge' : 'badge badge-warn'}>{r.party.known ? t('partyImport.known') : t('import.newAccount')}</span>}
        </>
      ),
    },
    { key: 'kind', header: t('account.kind'), cell: (r) => (r.party ? kindLabel(t, r.party.kind) : (r.values.kind ?? '')) },
    {
      key: 'bank',
      header: t('partyImport.col.bank'),
      cell: (r) =>
        r.instruments.map((i) => (
          <div key={`${i.kind}${i.mandateId ?? i.iban}`} className="nowrap">
            {formatIban(i.iban)} {i.bic && <span className="muted">{i.bic}</span>}
            {i.mandateId && <> · {t('partyImport.mandate', { reference: i.mandateId, date: date(i.mandateSignedOn) })}</>}
          </div>
        )),
    },
  ];
  return (
    <Table
      caption={t('import.preview')}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.line}
      rowClassName={(r) => (r.ok ? undefined : 'import-row-failed')}
      testId="party-import-preview-table"
    />
  );
}
