import { useState } from 'react';
import type { Entry } from '../../../../shared/domain';
import type { ImportCommitResult } from '../../../../shared/entry-import';
import { navigate, routeHref, useRoute } from '../../app/routing';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Table, type Column } from '../../components/Table';
import { useDebounced } from '../../hooks/useDebounced';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';
import { EntryFilters, NO_FILTER, toQuery, type FilterValues } from './EntryFilters';
import { EntryForm } from './EntryForm';
import { ImportDialog } from './import/ImportDialog';

const PAGE_SIZE = 200;

/** Receivables and payables: the ledger's open items. */
export function EntriesScreen() {
  const { t, plural, amount, date } = useI18n();
  const entities = useApi('entities.list', {});
  const accounts = useApi('accounts.list', {});
  const bankAccounts = useApi('bankAccounts.list', {});
  const [filter, setFilter] = useState<FilterValues>(NO_FILTER);
  const [page, setPage] = useState(0);
  const search = useDebounced(filter.search.trim());
  const entries = useApi('entries.list', { ...toQuery(filter, search), limit: PAGE_SIZE, offset: page * PAGE_SIZE });
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const route = useRoute();
  // `#/entries/12` (e.g. from the orders screen's reasons) opens that entry's form.
  const linked = useApi('entries.get', { id: route.id ?? 0 }, route.id !== undefined);
  const settings = useApi('settings.get', {});
  // Today by Kontor's one clock in the main process, not the browser's.
  const status = useApi('app.status', {});
  const today = status.data?.today;
  const canApprove = settings.data !== undefined && settings.data.role !== 'preparer';
  const [deciding, setDeciding] = useState<number | null>(null);
  const [decided, setDecided] = useState<string>();
  const [decisionFailed, setDecisionFailed] = useState<Problem>();

  const decide = async (entry: Entry, decision: 'approve' | 'reject') => {
    setDeciding(entry.id);
    setDecided(undefined);
    setDecisionFailed(undefined);
    try {
      await call(decision === 'approve' ? 'entries.approve' : 'entries.reject', { id: entry.id });
      setDecided(t(decision === 'approve' ? 'approval.approvedNote' : 'approval.rejectedNote', { number: entry.number }));
      entries.reload();
    } catch (e) {
      setDecisionFailed(problemFromError(e));
    } finally {
      setDeciding(null);
    }
  };
  const [imported, setImported] = useState<ImportCommitResult>();

  const changeFilter = (next: FilterValues) => {
    setFilter(next);
    setPage(0);
  };

  const columns: Column<Entry>[] = [
    {
      key: 'number',
      header: t('entry.number'),
      cell: (e) => (
        <button type="button" className="link" onClick={() => setEditing(e)}>
          {e.number}
        </button>
      ),
      className: 'nowrap',
    },
    {
      key: 'type',
      header: t('entry.type'),
      cell: (e) => <span className={`badge ${e.type === 'Debit' ? 'badge-in' : 'badge-out'}`}>{t(e.type === 'Debit' ? 'entry.receivable' : 'entry.payable')}</span>,
    },
    {
      key: 'account',
      header: t('entry.account'),
      cell: (e) => (
        <>
          {e.accountName} <span className="muted">{e.accountNumber}</span>
        </>
      ),
    },
    { key: 'statementDate', header: t('entry.statementDate'), cell: (e) => date(e.statementDate), className: 'nowrap' },
    { key: 'dueDate', header: t('entry.dueDate'), cell: (e) => date(e.dueDate) || '—', className: 'nowrap' },
    {
      key: 'open',
      header: t('entry.openAmount'),
      align: 'right',
      cell: (e) => (
        <>
          <span className={e.openAmountCents < 0 ? 'amount negative' : 'amount'}>{amount(e.openAmountCents)}</span>{' '}
          <span className="muted">{e.currency}</span>
        </>
      ),
      className: 'nowrap',
    },
    { key: 'reference', header: t('entry.paymentReference'), cell: (e) => e.paymentReference ?? '', className: 'truncate' },
    {
      key: 'method',
      header: t('entry.methodShort'),
      cell: (e) => (e.requestedMethod ? t(e.requestedMethod === 'sepa' ? 'entry.methodSepa' : 'entry.methodOther') : '—'),
    },
    {
      key: 'status',
      header: t('common.status'),
      cell: (e) => (
        <>
          <span className={e.status === 'Open' ? 'badge badge-open' : 'badge badge-ok'}>{t(e.status === 'Open' ? 'entry.statusOpen' : 'entry.statusBalanced')}</span>
          {e.creditApproval === 'pending' && <span className="badge badge-warn">{t('approval.awaiting')}</span>}
          {e.creditApproval === 'rejected' && <span className="badge badge-danger">{t('entry.approval.rejected')}</span>}
        </>
      ),
      className: 'nowrap',
    },
    {
      key: 'approval',
      header: t('common.actions'),
      cell: (e) =>
        canApprove && e.type === 'Credit' && e.creditApproval === 'pending' ? (
          <span className="button-row">
            <button
              type="button"
              className="small"
              disabled={deciding === e.id}
              aria-label={t('approval.approveEntry', { number: e.number })}
              onClick={() => void decide(e, 'approve')}
            >
              {t('approval.approve')}
            </button>
            <button
              type="button"
              className="small"
              disabled={deciding === e.id}
              aria-label={t('approval.rejectEntry', { number: e.number })}
              onClick={() => void decide(e, 'reject')}
            >
              {t('approval.reject')}
            </button>
          </span>
        ) : null,
      className: 'nowrap',
    },
  ];

  const [ents, accs, banks] = [entities.data, accounts.data, bankAccounts.data];
  const problems = [entities.error, accounts.error, bankAccounts.error, entries.error, linked.error, status.error].map((e) => e && problemFromError(e));
  const retry = () => {
    entities.reload();
    accounts.reload();
    bankAccounts.reload();
    entries.reload();
    status.reload();
  };
  const ready = Boolean(ents?.length && accs?.length && banks && today);
  const add = (
    <button type="button" className="primary" onClick={() => setEditing('new')} disabled={!ready}>
      {t('entry.new')}
    </button>
  );
  const importButton = (
    <button type="button" onClick={() => setImporting(true)} disabled={!ents?.length}>
      {t('import.open')}
    </button>
  );
  const total = entries.data?.total ?? 0;
  const filtered = Object.values(filter).some((v) => v !== '');

  let body;
  if (!ents || !accs || !banks || !entries.data) {
    body = <Loading />;
  } else if (ents.length === 0) {
    body = (
      <EmptyState
        title={t('banks.noEntityTitle')}
        action={
          <a className="button primary" href={routeHref({ screen: 'settings' })}>
            {t('banks.goToSettings')}
          </a>
        }
      >
        <p>{t('entries.noEntityText')}</p>
      </EmptyState>
    );
  } else if (accs.length === 0) {
    body = (
      <EmptyState
        title={t('entries.noAccountsTitle')}
        action={
          <a className="button primary" href={routeHref({ screen: 'accounts' })}>
            {t('entries.goToAccounts')}
          </a>
        }
      >
        <p>{t('entries.noAccountsText')}</p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <EntryFilters values={filter} accounts={accs} onChange={changeFilter} />
        <div className="list-meta">
          <p role="status" data-testid="entries-total">
            {plural(total, 'entries.countOne', 'entries.countOther')}
          </p>
          {total > PAGE_SIZE && (
            <div className="pager">
              <button type="button" className="small" disabled={page === 0} onClick={() => setPage(page - 1)}>
                {t('common.previous')}
              </button>
              <span>{t('common.range', { from: page * PAGE_SIZE + 1, to: Math.min(total, (page + 1) * PAGE_SIZE), total })}</span>
              <button type="button" className="small" disabled={(page + 1) * PAGE_SIZE >= total} onClick={() => setPage(page + 1)}>
                {t('common.next')}
              </button>
            </div>
          )}
        </div>
        {entries.data.rows.length === 0 ? (
          filtered ? (
            <EmptyState title={t('common.noMatches')}>
              <p>{t('common.noMatchesText')}</p>
            </EmptyState>
          ) : (
            <EmptyState title={t('entries.emptyTitle')} action={add}>
              <p>{t('entries.emptyText')}</p>
            </EmptyState>
          )
        ) : (
          <Table caption={t('nav.entries')} columns={columns} rows={entries.data.rows} rowKey={(e) => e.id} testId="entries-table" />
        )}
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('nav.entries')}>
        {importButton}
        {add}
      </PageHeader>
      <ErrorBanner problems={problems} onRetry={retry} />
      <ErrorBanner problems={[decisionFailed]} />
      <div role="status">
        {decided && (
          <p className="banner banner-ok" data-testid="approval-result">
            {decided}
          </p>
        )}
        {imported && (
          <p className="banner banner-ok" data-testid="import-result">
            {plural(imported.imported, 'import.doneOne', 'import.doneOther')}
            {imported.skipped > 0 && <> {plural(imported.skipped, 'import.doneSkippedOne', 'import.doneSkippedOther')}</>}
            {imported.accountsCreated > 0 && <> {plural(imported.accountsCreated, 'import.doneAccountsOne', 'import.doneAccountsOther')}</>}
          </p>
        )}
      </div>
      {body}
      {!editing && route.id !== undefined && linked.data?.id === route.id && ents && accs && banks && today && (
        <EntryForm
          key={route.id}
          entry={linked.data}
          entities={ents}
          accounts={accs}
          bankAccounts={banks}
          today={today}
          onClose={() => navigate({ screen: 'entries' }, { replace: true })}
          onSaved={() => {
            navigate({ screen: 'entries' }, { replace: true });
            entries.reload();
          }}
        />
      )}
      {editing && ents && accs && banks && today && (
        <EntryForm
          entry={editing === 'new' ? undefined : editing}
          entities={ents}
          accounts={accs}
          bankAccounts={banks}
          today={today}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            entries.reload();
          }}
        />
      )}
      {importing && ents && (
        <ImportDialog
          entities={ents}
          onClose={() => setImporting(false)}
          onImported={(result) => {
            setImporting(false);
            setImported(result);
            accounts.reload();
            entries.reload();
          }}
        />
      )}
    </>
  );
}
