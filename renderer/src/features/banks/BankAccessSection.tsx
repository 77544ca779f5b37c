import type { BankAccess } from '../../../../shared/domain';
import { routeHref } from '../../app/routing';
import type { ApiData } from '../../api/useApi';
import { EmptyState } from '../../components/EmptyState';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import { isInSetup, lowestDaysLeft, RENEWAL_DAYS, STATE_LABEL, stateBadgeClass, VERSION_LABEL } from './access';

/** Where a click on an access leads: the wizard while it is being set up, else its own screen. */
export function accessHref(a: BankAccess): string {
  return routeHref(isInSetup(a.state) ? { screen: 'banks', id: a.id, sub: 'setup' } : { screen: 'banks', id: a.id });
}

/** The EBICS contracts: one row each, with where it stands and how long its keys last. */
export function BankAccessSection({ accesses }: { accesses: ApiData<BankAccess[]> }) {
  const { t, plural, sortByText } = useI18n();
  const setUp = (
    <a className="button primary" href={routeHref({ screen: 'banks', sub: 'setup' })}>
      {t('access.setUp')}
    </a>
  );
  const columns: Column<BankAccess>[] = [
    {
      key: 'name',
      header: t('access.name'),
      cell: (a) => (
        <>
          <a href={accessHref(a)}>{a.name}</a>
          {a.isDemo && <span className="badge badge-demo"> {t('access.demoBadge')}</span>}
        </>
      ),
    },
    {
      key: 'host',
      header: t('access.host'),
      cell: (a) => (
        <>
          <span className="mono">{a.hostId}</span> <span className="muted truncate-inline">{a.hostUrl}</span>
        </>
      ),
    },
    { key: 'ids', header: t('access.partnerUser'), cell: (a) => `${a.partnerId} / ${a.userId}`, className: 'mono' },
    { key: 'version', header: t('access.version'), cell: (a) => VERSION_LABEL[a.ebicsVersion].replace('EBICS ', ''), className: 'nowrap' },
    { key: 'state', header: t('access.state'), cell: (a) => <span className={stateBadgeClass(a.state)}>{t(STATE_LABEL[a.state])}</span> },
    {
      key: 'keys',
      header: t('access.keys'),
      cell: (a) => {
        const days = lowestDaysLeft(a);
        if (days === null) return <span className="muted">—</span>;
        const text = plural(days, 'access.daysLeftOne', 'access.daysLeftOther');
        return days < RENEWAL_DAYS ? <span className="badge badge-warn">{text}</span> : text;
      },
      className: 'nowrap',
    },
  ];

  let body;
  if (!accesses.data) body = accesses.loading ? <Loading /> : null;
  else if (accesses.data.length === 0) {
    body = (
      <EmptyState title={t('banks.accessEmptyTitle')} action={setUp}>
        <p>{t('banks.accessEmptyText')}</p>
      </EmptyState>
    );
  } else {
    body = (
      <Table
        caption={t('banks.accessTitle')}
        columns={columns}
        rows={sortByText(accesses.data, (a) => a.name)}
        rowKey={(a) => a.id}
        testId="bank-access-table"
      />
    );
  }
  return (
    <Section title={t('banks.accessTitle')} actions={accesses.data?.length ? setUp : undefined}>
      {body}
    </Section>
  );
}
