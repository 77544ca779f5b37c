import { useId } from 'react';
import { routeHref } from '../../app/routing';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import { runTotals, type Eligible, type KindFilter } from './runTotals';

interface Props {
  rows: readonly Eligible[];
  chosen: ReadonlySet<number>;
  onChoose: (entryIds: readonly number[], on: boolean) => void;
}

/** The eligible entries a filter shows, each with its box; the header box chooses or drops all shown. */
export function ChooseTable({ rows, chosen, onChoose }: Props) {
  const { t, amount, date } = useI18n();
  const allOn = rows.length > 0 && rows.every((r) => chosen.has(r.entryId));
  const columns: Column<Eligible>[] = [
    {
      key: 'choose',
      header: '',
      cell: (e) => (
        <input
          type="checkbox"
          checked={chosen.has(e.entryId)}
          aria-label={t('runs.choose', { number: e.number })}
          onChange={(ev) => onChoose([e.entryId], ev.target.checked)}
        />
      ),
    },
    {
      key: 'number',
      header: t('orders.entry'),
      cell: (e) => <a href={routeHref({ screen: 'entries', id: e.entryId })}>{e.number}</a>,
      className: 'nowrap',
    },
    { key: 'counterparty', header: t('orders.counterparty'), cell: (e) => e.accountName },
    { key: 'kind', header: t('runs.filterKind'), cell: (e) => t(e.kind === 'direct_debit' ? 'runs.toCollect' : 'runs.toPay'), className: 'nowrap' },
    {
      key: 'amount',
      header: t('orders.amount'),
      align: 'right',
      cell: (e) => <span className="amount">{amount(Math.abs(e.amountCents), e.currency)}</span>,
      className: 'nowrap',
    },
    {
      key: 'date',
      header: t('orders.requestedDate'),
      cell: (e) => (
        <>
          {date(e.requestedDate)}
          {e.dateMoved && <span className="muted"> ({t('orders.dateMoved')})</span>}
        </>
      ),
      className: 'nowrap',
    },
  ];
  return (
    <>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={allOn}
          disabled={rows.length === 0}
          onChange={(ev) =>
            onChoose(
              rows.map((r) => r.entryId),
              ev.target.checked,
            )
          }
        />{' '}
        {t('runs.selectAll')}
      </label>
      <Table caption={t('orders.prepareTitle')} columns={columns} rows={rows} rowKey={(e) => e.entryId} testId="eligible-entries" />
    </>
  );
}

/** Per currency: how many entries and how much to collect and to pay among the chosen ones. */
export function RunTotalsTable({ rows }: { rows: readonly Eligible[] }) {
  const { t, amount } = useI18n();
  const totals = runTotals(rows);
  if (totals.length === 0) return null;
  return (
    <Table
      caption={t('runs.totalsCaption')}
      testId="run-totals"
      rows={totals}
      rowKey={(r) => r.currency}
      columns={[
        { key: 'currency', header: t('runs.currency'), cell: (r) => r.currency },
        { key: 'collectCount', header: `${t('runs.toCollect')}: ${t('runs.count')}`, cell: (r) => String(r.collectCount), align: 'right' },
        { key: 'collect', header: t('runs.toCollect'), cell: (r) => amount(r.collectCents, r.currency), align: 'right', className: 'nowrap amount' },
        { key: 'payCount', header: `${t('runs.toPay')}: ${t('runs.count')}`, cell: (r) => String(r.payCount), align: 'right' },
        { key: 'pay', header: t('runs.toPay'), cell: (r) => amount(-r.payCents, r.currency), align: 'right', className: 'nowrap amount negative' },
      ]}
    />
  );
}

/** Search and kind: which eligible entries the table shows. */
export function ChooseFilters(p: { search: string; kind: KindFilter; onSearch: (s: string) => void; onKind: (k: KindFilter) => void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="filters">
      <div className="field">
        <label htmlFor={`${id}-search`}>{t('runs.filterSearch')}</label>
        <input id={`${id}-search`} type="search" value={p.search} onChange={(e) => p.onSearch(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('runs.filterKind')}</label>
        <select id={`${id}-kind`} value={p.kind} onChange={(e) => p.onKind(e.target.value as KindFilter)}>
          <option value="">{t('runs.kindAll')}</option>
          <option value="direct_debit">{t('runs.kindCollect')}</option>
          <option value="credit_transfer">{t('runs.kindPay')}</option>
        </select>
      </div>
    </div>
  );
}
