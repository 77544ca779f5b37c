import type { BankCsvPreviewRow } from '../../../../shared/bank-csv';
import { Table, type Column } from '../../components/Table';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { ibanText } from '../statements/labels';
import { BANK_FIELD_LABEL } from './BankCsvMappingEditor';

const STATE_LABEL: Record<BankCsvPreviewRow['state'], MessageKey> = {
  ok: 'bankCsv.state.ok',
  skipped: 'bankCsv.state.skipped',
  filtered: 'bankCsv.state.filtered',
  failed: 'bankCsv.state.failed',
};
const STATE_BADGE: Record<BankCsvPreviewRow['state'], string> = {
  ok: 'badge badge-ok',
  skipped: 'badge',
  filtered: 'badge',
  failed: 'badge badge-danger',
};

interface Props {
  rows: readonly BankCsvPreviewRow[];
  /** Lines the user chose to skip (ahead of the next preview). */
  skipLines: readonly number[];
  onSkip: (line: number, skip: boolean) => void;
}

/** The first rows as they will be stored, each with its state, its problems by line number, and a box to skip it. */
export function BankCsvPreviewTable({ rows, skipLines, onSkip }: Props) {
  const { t, amount, date, problem } = useI18n();
  const skipped = new Set(skipLines);
  const columns: Column<BankCsvPreviewRow>[] = [
    {
      key: 'skip',
      header: t('bankCsv.col.skip'),
      align: 'center',
      cell: (r) => (
        <input
          type="checkbox"
          checked={skipped.has(r.line)}
          aria-label={t('bankCsv.skipLine', { line: r.line })}
          onChange={(e) => onSkip(r.line, e.target.checked)}
        />
      ),
    },
    { key: 'line', header: t('import.col.line'), cell: (r) => r.line, align: 'right' },
    { key: 'state', header: t('common.status'), cell: (r) => <span className={STATE_BADGE[r.state]}>{t(STATE_LABEL[r.state])}</span>, className: 'nowrap' },
    { key: 'bookingDate', header: t('statements.bookingDate'), cell: (r) => (r.parsed ? date(r.parsed.bookingDate) : ''), className: 'nowrap' },
    { key: 'valueDate', header: t('statements.valueDate'), cell: (r) => (r.parsed ? date(r.parsed.valueDate) : ''), className: 'nowrap' },
    {
      key: 'amount',
      header: t('statements.amount'),
      align: 'right',
      className: 'nowrap',
      cell: (r) =>
        r.parsed ? (
          <>
            <span className={r.parsed.amountCents < 0 ? 'amount negative' : 'amount'}>{amount(r.parsed.amountCents)}</span>{' '}
            <span className="muted">{r.parsed.currency}</span>
            {r.parsed.chargeback && <span className="badge badge-warn">{t('bankCsv.chargebackBadge')}</span>}
          </>
        ) : (
          ''
        ),
    },
    {
      key: 'counterparty',
      header: t('statements.counterparty'),
      cell: (r) => (
        <>
          {r.parsed?.counterpartyName ?? ''}
          {r.parsed?.counterpartyIban && <span className="muted mono"> {ibanText(r.parsed.counterpartyIban)}</span>}
        </>
      ),
    },
    {
      key: 'remittance',
      header: t('statements.remittance'),
      className: 'truncate',
      cell: (r) => {
        const text = [r.parsed?.remittance, r.parsed?.bookingText].filter(Boolean).join(' · ');
        return <span title={text}>{text}</span>;
      },
    },
    {
      key: 'errors',
      header: t('import.col.errors'),
      cell: (r) =>
        r.errors.length === 0 ? null : (
          <ul className="import-errors">
            {r.errors.map((e, k) => {
              const where = e.column ?? (e.field ? t(BANK_FIELD_LABEL[e.field]) : undefined);
              return (
                <li key={k}>
                  {t('bankCsv.errorAtLine', { line: r.line })} {where && <strong>{where}: </strong>}
                  {problem({ code: e.code, fallback: e.message, ...(e.params ? { params: e.params } : {}) })}
                </li>
              );
            })}
          </ul>
        ),
    },
  ];
  return (
    <Table
      caption={t('import.preview')}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.line}
      rowClassName={(r) => (r.state === 'failed' ? 'import-row-failed' : r.state === 'ok' ? undefined : 'bankcsv-row-out')}
      testId="bankcsv-preview-table"
    />
  );
}
