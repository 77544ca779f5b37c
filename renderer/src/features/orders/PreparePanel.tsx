import { useEffect, useMemo, useState } from 'react';
import type { EligibilityReport } from '../../../../shared/domain';
import { routeHref } from '../../app/routing';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Section } from '../../components/Section';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';
import { ChooseFilters, ChooseTable, RunTotalsTable } from './ChooseTable';
import { orderProblem, reasonText } from './labels';
import { useInstantOffered } from './useInstantOffered';
import { filterEligible, type KindFilter } from './runTotals';
import { shownEntryCents } from '../../../../shared/direction';
import { Amount } from '../../components/Amount';

type NotEligible = EligibilityReport['notEligible'][number];

/** The entries left out of any run, each with its reasons in words and a link to fix it. */
function LeftOut({ rows, horizonDays }: { rows: readonly NotEligible[]; horizonDays: number | string }) {
  const { t } = useI18n();
  const columns: Column<NotEligible>[] = [
    {
      key: 'number',
      header: t('orders.entry'),
      cell: (e) => (
        <a href={routeHref({ screen: 'entries', id: e.entryId })} aria-label={t('orders.fixEntry', { number: e.number })}>
          {e.number}
        </a>
      ),
      className: 'nowrap',
    },
    { key: 'counterparty', header: t('orders.counterparty'), cell: (e) => e.accountName },
    {
      key: 'amount',
      header: t('orders.amount'),
      align: 'right',
      cell: (e) => <Amount cents={shownEntryCents({ amountCents: e.openAmountCents })} />,
      className: 'nowrap',
    },
    {
      key: 'reasons',
      header: t('orders.reasons'),
      cell: (e) => (
        <ul className="reason-list">
          {e.reasons.map((code, i) => (
            <li key={code}>{reasonText(t, code, e.messages[i], { days: horizonDays })}</li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <>
      <h3>{t('runs.leftOutTitle')}</h3>
      <Table caption={t('runs.leftOutTitle')} columns={columns} rows={rows} rowKey={(e) => e.entryId} testId="not-eligible" />
    </>
  );
}

/**
 * The payment run the clerk puts together: the eligible entries (all chosen
 * at first), filters, a box per entry and for all shown, the totals of the
 * chosen ones per currency and direction, the entries left out and why, and
 * the button that builds the chosen ones into draft orders.
 */
export function PreparePanel({ onBuilt }: { onBuilt: (count: number) => void }) {
  const tr = useI18n();
  const { t } = tr;
  const report = useApi('orders.eligibility', {});
  const [building, setBuilding] = useState(false);
  const [failed, setFailed] = useState<Problem>();
  const instantOffered = useInstantOffered();
  const [instant, setInstant] = useState(false);
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [filter, setFilter] = useState<{ kind: KindFilter; search: string }>({ kind: '', search: '' });
  const data = report.data;

  // A fresh report (after building, or "check again") starts with every eligible entry chosen.
  useEffect(() => setChosen(new Set(data?.eligible.map((e) => e.entryId) ?? [])), [data]);
  const shown = useMemo(() => filterEligible(data?.eligible ?? [], filter), [data, filter]);
  const chosenRows = useMemo(() => data?.eligible.filter((e) => chosen.has(e.entryId)) ?? [], [data, chosen]);

  const choose = (ids: readonly number[], on: boolean) =>
    setChosen((before) => {
      const next = new Set(before);
      for (const id of ids)
        if (on) next.add(id);
        else next.delete(id);
      return next;
    });

  const build = async () => {
    setBuilding(true);
    setFailed(undefined);
    try {
      const result = await call('orders.build', { entryIds: chosenRows.map((e) => e.entryId), ...(instant && instantOffered ? { instant } : {}) });
      onBuilt(result.orders.length);
      report.reload();
    } catch (e) {
      setFailed(orderProblem(e, tr));
    } finally {
      setBuilding(false);
    }
  };

  return (
    <Section
      title={t('orders.prepareTitle')}
      actions={
        <>
          <button type="button" onClick={report.reload} disabled={report.loading}>
            {t('orders.checkAgain')}
          </button>
          {instantOffered && (
            <label className="inline-check" title={t('instant.choiceHint')}>
              <input type="checkbox" checked={instant} onChange={(e) => setInstant(e.target.checked)} data-testid="run-instant-choice" /> {t('instant.choice')}
            </label>
          )}
          <button type="button" className="primary" onClick={() => void build()} disabled={building || chosenRows.length === 0}>
            {building ? t('action.working') : t('runs.build', { count: chosenRows.length })}
          </button>
        </>
      }
    >
      {data && <p className="muted">{t('orders.prepareIntro', { days: data.horizonDays })}</p>}
      <ErrorBanner problems={[report.error && problemFromError(report.error), failed]} onRetry={report.error ? report.reload : undefined} />
      {data && (
        <>
          <p role="status" data-testid="eligibility-counts">
            {t('orders.eligibleCounts', { eligible: data.eligible.length, notEligible: data.notEligible.length })}
          </p>
          {data.eligible.length === 0 && <p className="muted">{t('orders.noneEligible')}</p>}
          {data.eligible.length > 0 && (
            <>
              <ChooseFilters {...filter} onSearch={(search) => setFilter({ ...filter, search })} onKind={(kind) => setFilter({ ...filter, kind })} />
              <ChooseTable rows={shown} chosen={chosen} onChoose={choose} />
              <p data-testid="run-chosen">{t('runs.chosen', { count: chosenRows.length, total: data.eligible.length })}</p>
              <RunTotalsTable rows={chosenRows} />
            </>
          )}
          {data.notEligible.length > 0 && <LeftOut rows={data.notEligible} horizonDays={data.horizonDays} />}
        </>
      )}
    </Section>
  );
}
