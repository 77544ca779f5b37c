import { memo, useCallback, useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { StatementLine } from '../../../../shared/statements';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18nProvider';
import { countText, MATCH_LABEL, matchBadgeClass } from './labels';
import { useLinePages, type LineQuery } from './useLinePages';
import { useVirtualRows } from './useVirtualRows';
import { movedSelection } from './virtualRows';

/** Must match `.lines-row` in styles.css. */
export const ROW_HEIGHT = 32;
const PAGE_SIZE = 200;

type SortKey = 'bookingDate' | 'amount';
type Sort = { key: SortKey; descending: boolean };

interface Props {
  /** The filter (without sort, offset, limit). */
  filter: Omit<LineQuery, 'sort' | 'descending'>;
  /** Changes after an import or fetch: everything is loaded again. */
  version: number;
  /** The currency of the sum, when all lines share one. */
  currency: string | undefined;
  onOpen: (line: StatementLine) => void;
}

/**
 * The statement lines as a virtualised grid: any number of lines scroll
 * smoothly because only the visible rows exist, fetched page by page.
 * Arrow keys, Page Up/Down, Home and End move the selection; Enter opens it.
 */
export function LinesTable({ filter, version, currency, onOpen }: Props) {
  const { t, amount, locale } = useI18n();
  const gridId = useId();
  const [sort, setSort] = useState<Sort>({ key: 'bookingDate', descending: true });
  const [selected, setSelected] = useState(-1);
  const query: LineQuery = { ...filter, sort: sort.key, descending: sort.descending };
  const queryKey = `${version}:${JSON.stringify(query)}`;

  const [rowCount, setRowCount] = useState(0);
  const {
    ref: gridRef,
    onScroll,
    range,
    bodyHeight,
    pageRows,
    reveal,
    scrollToTop,
  } = useVirtualRows({
    total: rowCount,
    rowHeight: ROW_HEIGHT,
    headerHeight: ROW_HEIGHT,
    overscan: 12,
  });
  const lines = useLinePages(query, range, { pageSize: PAGE_SIZE, version });

  useEffect(() => setRowCount(lines.rowCount), [lines.rowCount]);

  // A new filter or sort starts at the top, with nothing selected.
  useEffect(() => {
    scrollToTop();
    setSelected(-1);
  }, [queryKey, scrollToTop]);

  const total = lines.total;
  const selectedRow = selected >= 0 ? lines.rowAt(selected) : undefined;
  // One click handler for every row, the same across renders (onOpen is a state setter), so rows whose line and selection stay skip rendering while the table scrolls.
  const onRowClick = useCallback(
    (index: number, line: StatementLine) => {
      setSelected(index);
      onOpen(line);
    },
    [onOpen],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter') {
      if (selectedRow) {
        e.preventDefault();
        onOpen(selectedRow);
      }
      return;
    }
    const next = movedSelection(e.key, selected, rowCount, pageRows);
    if (next === undefined) return;
    e.preventDefault();
    setSelected(next);
    reveal(next);
  };

  const rows = [];
  for (let i = range.start; i < range.end; i++) {
    const line = lines.rowAt(i);
    rows.push(
      line ? (
        <LineRow key={line.id} id={`${gridId}-r${i}`} line={line} index={i} selected={i === selected} onClick={onRowClick} />
      ) : (
        <div key={`p${i}`} role="row" aria-rowindex={i + 2} className="lines-row lines-row-loading" style={{ transform: `translateY(${i * ROW_HEIGHT}px)` }}>
          <div role="gridcell" className="lines-cell">
            …
          </div>
        </div>
      ),
    );
  }

  return (
    <>
      <div className="list-meta">
        <p role="status" data-testid="lines-total" aria-busy={total === undefined}>
          {total === undefined ? (
            t('common.loading')
          ) : (
            <>
              {t(total === 1 ? 'statements.lineCountOne' : 'statements.lineCountOther', { count: countText(total, locale) })}
              {' · '}
              {t('statements.sum')}{' '}
              <span className={lines.sumCents !== undefined && lines.sumCents < 0 ? 'amount negative' : 'amount'}>{amount(lines.sumCents ?? 0, currency)}</span>
            </>
          )}
        </p>
        <p className="muted lines-keys">{t('statements.keysHint')}</p>
      </div>
      <ErrorBanner problems={[lines.error]} onRetry={lines.retry} />
      <div
        ref={gridRef}
        className="lines-grid"
        role="grid"
        aria-label={t('statements.linesTitle')}
        aria-rowcount={(total ?? rowCount) + 1}
        aria-colcount={6}
        aria-activedescendant={selectedRow && selected >= range.start && selected < range.end ? `${gridId}-r${selected}` : undefined}
        aria-busy={lines.loading}
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        data-testid="lines-grid"
      >
        <div role="rowgroup" className="lines-head">
          <div role="row" aria-rowindex={1} className="lines-row lines-header">
            <SortHeader column="bookingDate" label={t('statements.bookingDate')} sort={sort} onSort={setSort} />
            <div role="columnheader" className="lines-cell">
              {t('statements.valueDate')}
            </div>
            <SortHeader column="amount" label={t('statements.amount')} sort={sort} onSort={setSort} />
            <div role="columnheader" className="lines-cell">
              {t('statements.counterparty')}
            </div>
            <div role="columnheader" className="lines-cell">
              {t('statements.text')}
            </div>
            <div role="columnheader" className="lines-cell">
              {t('statements.matchState')}
            </div>
          </div>
        </div>
        <div role="rowgroup" className="lines-body" style={{ height: bodyHeight }}>
          {rows}
        </div>
        {total === 0 && <p className="lines-empty muted">{t('statements.noLinesMatch')}</p>}
      </div>
    </>
  );
}

/** A column header that sorts by its column; a second click reverses the order. */
function SortHeader({ column, label, sort, onSort }: { column: SortKey; label: string; sort: Sort; onSort: (next: Sort) => void }) {
  const { t } = useI18n();
  const active = sort.key === column;
  return (
    <div
      role="columnheader"
      className={column === 'amount' ? 'lines-cell align-right' : 'lines-cell'}
      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
    >
      <button
        type="button"
        className="lines-sort"
        onClick={() => onSort({ key: column, descending: active ? !sort.descending : true })}
        title={t('statements.sortBy', { column: label })}
      >
        {label}
        <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </div>
  );
}

interface LineRowProps {
  id: string;
  line: StatementLine;
  /** Position in the sorted, filtered list. */
  index: number;
  selected: boolean;
  onClick: (index: number, line: StatementLine) => void;
}

/** Memoised: a scroll step renders only the rows that come into view, not the forty already there. */
const LineRow = memo(function LineRow({ id, line, index, selected, onClick }: LineRowProps) {
  const { t, amount, date } = useI18n();
  const text = line.remittance ?? line.bookingText ?? '';
  const counterparty = line.counterpartyName ?? line.counterpartyIban ?? '';
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={selected ? 'lines-row lines-row-selected' : 'lines-row'}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
      data-testid="statement-line-row"
      onClick={() => onClick(index, line)}
    >
      <div role="gridcell" className="lines-cell">
        {date(line.bookingDate)}
      </div>
      <div role="gridcell" className="lines-cell muted">
        {date(line.valueDate)}
      </div>
      <div role="gridcell" className="lines-cell align-right">
        <span className={line.amountCents < 0 ? 'amount negative' : 'amount'}>{amount(line.amountCents)}</span> <span className="muted">{line.currency}</span>
      </div>
      <div role="gridcell" className="lines-cell lines-ellipsis" title={counterparty}>
        {counterparty}
      </div>
      <div role="gridcell" className="lines-cell lines-ellipsis" title={text}>
        {line.isReversal && <span className="badge badge-danger">{t('statements.reversal')}</span>}
        {text}
      </div>
      <div role="gridcell" className="lines-cell">
        <span className={matchBadgeClass(line.matchState)}>{t(MATCH_LABEL[line.matchState])}</span>
      </div>
    </div>
  );
});
