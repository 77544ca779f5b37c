import { useState } from 'react';
import type { EligibilityReport } from '../../../../shared/domain';
import { routeHref } from '../../app/routing';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Section } from '../../components/Section';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';
import { reasonText } from './labels';
import { shownEntryCents, shownOrderCents } from '../../../../shared/direction';
import { Amount } from '../../components/Amount';

type Eligible = EligibilityReport['eligible'][number];
type NotEligible = EligibilityReport['notEligible'][number];

/**
 * What can be paid now: the eligible entries (receivables to collect,
 * payables to pay), the others with the reasons in words and a link to fix
 * them, and the button that turns the eligible ones into draft orders.
 */
export function PreparePanel({ onBuilt }: { onBuilt: (count: number) => void }) {
  const { t, date } = useI18n();
  const report = useApi('orders.eligibility', {});
  const [building, setBuilding] = useState(false);
  const [failed, setFailed] = useState<Problem>();

  const build = async () => {
    setBuilding(true);
    setFailed(undefined);
    try {
      const result = await call('orders.build', {});
      onBuilt(result.orders.length);
      report.reload();
    } catch (e) {
      setFailed(problemFromError(e));
    } finally {
      setBuilding(false);
    }
  };

  const eligibleColumns: Column<Eligible>[] = [
    {
      key: 'number',
      header: t('orders.entry'),
      cell: (e) => <a href={routeHref({ screen: 'entries', id: e.entryId })}>{e.number}</a>,
      className: 'nowrap',
    },
    { key: 'counterparty', header: t('orders.counterparty'), cell: (e) => e.accountName },
    {
      key: 'amount',
      header: t('orders.amount'),
      align: 'right',
      cell: (e) => <Amount cents={shownOrderCents(e.kind, e.amountCents)} />,
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

  const notEligibleColumns: Column<NotEligible>[] = [
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
            <li key={code}>{reasonText(t, code, e.messages[i], { days: report.data?.horizonDays ?? '' })}</li>
          ))}
        </ul>
      ),
    },
  ];

  const data = report.data;
  const receivables = data?.eligible.filter((e) => e.kind === 'direct_debit') ?? [];
  const payables = data?.eligible.filter((e) => e.kind === 'credit_transfer') ?? [];

  return (
    <Section
      title={t('orders.prepareTitle')}
      actions={
        <>
          <button type="button" onClick={report.reload} disabled={report.loading}>
            {t('orders.checkAgain')}
          </button>
          <button type="button" className="primary" onClick={() => void build()} disabled={building || !data?.eligible.length}>
            {building ? t('action.working') : t('orders.build')}
          </button>
        </>
      }
    >
      {report.data && <p className="muted">{t('orders.prepareIntro', { days: report.data.horizonDays })}</p>}
      <ErrorBanner problems={[report.error && problemFromError(report.error), failed]} onRetry={report.error ? report.reload : undefined} />
      {data && (
        <>
          <p role="status" data-testid="eligibility-counts">
            {t('orders.eligibleCounts', { eligible: data.eligible.length, notEligible: data.notEligible.length })}
          </p>
          {data.eligible.length === 0 && <p className="muted">{t('orders.noneEligible')}</p>}
          {receivables.length > 0 && (
            <>
              <h3>{t('orders.receivablesTitle')}</h3>
              <Table
                caption={t('orders.receivablesTitle')}
                columns={eligibleColumns}
                rows={receivables}
                rowKey={(e) => e.entryId}
                testId="eligible-receivables"
              />
            </>
          )}
          {payables.length > 0 && (
            <>
              <h3>{t('orders.payablesTitle')}</h3>
              <Table caption={t('orders.payablesTitle')} columns={eligibleColumns} rows={payables} rowKey={(e) => e.entryId} testId="eligible-payables" />
            </>
          )}
          {data.notEligible.length > 0 && (
            <>
              <h3>{t('orders.notEligibleTitle')}</h3>
              <Table
                caption={t('orders.notEligibleTitle')}
                columns={notEligibleColumns}
                rows={data.notEligible}
                rowKey={(e) => e.entryId}
                testId="not-eligible"
              />
            </>
          )}
        </>
      )}
    </Section>
  );
}
