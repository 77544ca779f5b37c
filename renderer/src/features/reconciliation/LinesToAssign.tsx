import { useEffect, useId, useState } from 'react';
import type { StatementLine } from '../../../../shared/statements';
import { useApi } from '../../api/useApi';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { Table, type Column } from '../../components/Table';
import { useDebounced } from '../../hooks/useDebounced';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import { MATCH_LABEL, matchBadgeClass } from '../statements/labels';
import { lineLabel } from './labels';

const PAGE = 25;
type Which = 'unmatched' | 'matched' | 'all';

interface Props {
  /** Changes when lines were stored, matched or assigned: the list loads again. */
  version: number;
  onAssign: (line: StatementLine) => void;
  onShowAssignments: (line: StatementLine) => void;
}

/** Bank lines to assign by hand (unmatched ones by default), and the assignments of any line to undo. */
export function LinesToAssign({ version, onAssign, onShowAssignments }: Props) {
  const tr = useI18n();
  const { t, amount, date } = tr;
  const whichId = useId();
  const searchId = useId();
  const [which, setWhich] = useState<Which>('unmatched');
  const [text, setText] = useState('');
  const settled = useDebounced(text.trim(), 300);
  const [offset, setOffset] = useState(0);
  const lines = useApi('statements.lines', {
    matched: which,
    ...(settled ? { text: settled } : {}),
    offset,
    limit: PAGE,
    sort: 'bookingDate',
    descending: true,
  });
  const { reload } = lines;

  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);

  const columns: Column<StatementLine>[] = [
    { key: 'date', header: t('statements.bookingDate'), cell: (l) => date(l.bookingDate), className: 'nowrap' },
    {
      key: 'amount',
      header: t('statements.amount'),
      align: 'right',
      className: 'nowrap',
      cell: (l) => <span className={l.amountCents < 0 ? 'amount negative' : 'amount'}>{amount(l.amountCents, l.currency)}</span>,
    },
    { key: 'counterparty', header: t('statements.counterparty'), cell: (l) => l.counterpartyName ?? l.counterpartyIban ?? '' },
    {
      key: 'text',
      header: t('statements.text'),
      className: 'truncate',
      cell: (l) => {
        const s = [l.remittance, l.bookingText].filter(Boolean).join(' · ');
        return <span title={s}>{s}</span>;
      },
    },
    { key: 'state', header: t('statements.matchState'), cell: (l) => <span className={matchBadgeClass(l.matchState)}>{t(MATCH_LABEL[l.matchState])}</span> },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'nowrap',
      cell: (l) => (
        <span className="row-actions">
          {l.matchState !== 'matched' && l.matchState !== 'ignored' && (
            <button type="button" className="small" onClick={() => onAssign(l)} aria-label={t('reconcile.assignFor', { line: lineLabel(tr, l) })}>
              {t('reconcile.assign')}
            </button>
          )}
          <button type="button" className="small" onClick={() => onShowAssignments(l)} aria-label={t('reconcile.assignmentsFor', { line: lineLabel(tr, l) })}>
            {t('reconcile.assignments')}
          </button>
        </span>
      ),
    },
  ];

  const total = lines.data?.total ?? 0;
  return (
    <>
      <div className="filters">
        <div className="field">
          <label htmlFor={whichId}>{t('statements.matchState')}</label>
          <select
            id={whichId}
            value={which}
            onChange={(e) => {
              setWhich(e.target.value as Which);
              setOffset(0);
            }}
          >
            <option value="unmatched">{t('statements.matched.unmatched')}</option>
            <option value="matched">{t('statements.matched.matched')}</option>
            <option value="all">{t('statements.matched.all')}</option>
          </select>
        </div>
        <div className="field field-grow">
          <label htmlFor={searchId}>{t('common.search')}</label>
          <input
            id={searchId}
            type="search"
            value={text}
            placeholder={t('statements.searchHint')}
            onChange={(e) => {
              setText(e.target.value);
              setOffset(0);
            }}
          />
        </div>
      </div>
      <ErrorBanner problems={[lines.error && problemFromError(lines.error)]} onRetry={lines.reload} />
      {!lines.data ? (
        !lines.error && <Loading />
      ) : lines.data.rows.length === 0 ? (
        <p className="muted">{which === 'unmatched' && !settled ? t('reconcile.allLinesMatched') : t('statements.noLinesMatch')}</p>
      ) : (
        <>
          <Table caption={t('reconcile.linesTitle')} columns={columns} rows={lines.data.rows} rowKey={(l) => l.id} testId="reconcile-lines" />
          <div className="pager">
            <button type="button" className="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('common.previous')}
            </button>
            <span className="muted">{t('common.range', { from: offset + 1, to: Math.min(offset + PAGE, total), total })}</span>
            <button type="button" className="small" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
              {t('common.next')}
            </button>
          </div>
        </>
      )}
    </>
  );
}
