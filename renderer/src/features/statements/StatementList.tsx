import type { StatementSummary } from '../../../../shared/statements';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import { ibanText, periodText, warningText } from './labels';

interface Props {
  statements: readonly StatementSummary[];
  /** Show the account column (when all accounts are shown). */
  showAccount: boolean;
  selected: number | undefined;
  onSelect: (id: number | undefined) => void;
}

/** Newest period first; several statements of one day by their number. */
function byDay(a: StatementSummary, b: StatementSummary): number {
  if (a.periodTo !== b.periodTo) return a.periodTo < b.periodTo ? 1 : -1;
  if (a.periodFrom !== b.periodFrom) return a.periodFrom < b.periodFrom ? 1 : -1;
  return b.id - a.id;
}

/** The statements by day, with their balance check; choosing one shows only its lines. */
export function StatementList({ statements, showAccount, selected, onSelect }: Props) {
  const { t, amount, date } = useI18n();
  const rows = [...statements].sort(byDay);
  const money = (cents: number | null, currency: string) =>
    cents === null ? <span className="muted">—</span> : <span className={cents < 0 ? 'amount negative' : 'amount'}>{amount(cents, currency)}</span>;

  const columns: Column<StatementSummary>[] = [
    { key: 'period', header: t('statements.period'), cell: (s) => periodText(date, s), className: 'nowrap' },
    ...(showAccount ? [{ key: 'account', header: t('statements.account'), cell: (s: StatementSummary) => ibanText(s.iban), className: 'mono nowrap' }] : []),
    {
      key: 'id',
      header: t('statements.statementId'),
      cell: (s) => (
        <button
          type="button"
          className="link mono"
          aria-pressed={selected === s.id}
          title={selected === s.id ? t('statements.showAllLines') : t('statements.showLinesOf')}
          onClick={() => onSelect(selected === s.id ? undefined : s.id)}
        >
          {s.statementId}
          {s.sequenceNumber ? ` / ${s.sequenceNumber}` : ''}
        </button>
      ),
      className: 'nowrap',
    },
    {
      key: 'kind',
      header: t('statements.kind'),
      // The bank layout and text encoding the file was read in, for whoever checks an odd-looking statement.
      cell: (s) => <span title={s.dialect ? `${s.dialect}, ${s.encoding ?? ''}` : undefined}>{s.reportKind === 'psp' ? s.messageName : s.reportKind}</span>,
      className: 'mono nowrap',
    },
    { key: 'opening', header: t('statements.opening'), cell: (s) => money(s.openingCents, s.currency), align: 'right', className: 'nowrap' },
    { key: 'closing', header: t('statements.closing'), cell: (s) => money(s.closingCents, s.currency), align: 'right', className: 'nowrap' },
    { key: 'lines', header: t('statements.lines'), cell: (s) => String(s.lineCount), align: 'right' },
    {
      key: 'check',
      header: t('statements.check'),
      cell: (s) =>
        s.balanced === false ? (
          <span className="badge badge-warn" data-testid="statement-unbalanced">
            {t('statements.unbalanced', { difference: s.differenceCents === null ? '?' : amount(s.differenceCents, s.currency) })}
          </span>
        ) : s.balanced ? (
          <span className="badge badge-ok">{t('statements.balanced')}</span>
        ) : (
          <span className="badge" title={t('statements.uncheckedHint')}>
            {t('statements.unchecked')}
          </span>
        ),
      className: 'nowrap',
    },
    {
      key: 'warnings',
      header: t('statements.warnings'),
      cell: (s) =>
        s.warnings.length === 0 ? (
          ''
        ) : (
          <details className="order-warnings">
            <summary className="warn-text">{t('statements.warningsCount', { count: s.warnings.length })}</summary>
            <ul>
              {s.warnings.map((w, i) => (
                <li key={i}>{warningText(t, w)}</li>
              ))}
            </ul>
          </details>
        ),
    },
  ];

  return (
    <div className="statement-list">
      <Table
        caption={t('statements.byDay')}
        columns={columns}
        rows={rows}
        rowKey={(s) => s.id}
        rowClassName={(s) => (s.id === selected ? 'row-selected' : undefined)}
        testId="statement-list"
      />
    </div>
  );
}
