import { useState, type ReactNode } from 'react';
import type { Entry } from '../../../../shared/domain';
import type { ImportCommitResult } from '../../../../shared/entry-import';
import { navigate, routeHref, useRoute } from '../../app/routing';
import { useApi } from '../../api/useApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Table, type Column } from '../../components/Table';
import { useDebounced } from '../../hooks/useDebounced';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import { EntryFilters, NO_FILTER, toQuery, type FilterValues } from './EntryFilters';
import { EntryForm } from './EntryForm';
import { useEntryColumns } from './entryColumns';
import { useEntryApproval } from './useEntryApproval';
import { ImportDialog } from './import/ImportDialog';

const PAGE_SIZE = 200;

/** Receivables and payables: the ledger's open items. */
export function EntriesScreen() {
  const { t, plural } = useI18n();
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
  const canApprove = settings.data?.roles.includes('approver') ?? false;
  const { deciding, decided, decisionFailed, decide } = useEntryApproval(entries.reload);
  const [imported, setImported] = useState<ImportCommitResult>();

  const changeFilter = (next: FilterValues) => {
    setFilter(next);
    setPage(0);
  };

  const columns = useEntryColumns({ onOpen: setEditing, canApprove, deciding, onDecide: (e, d) => void decide(e, d) });

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
  // What the entry form needs loaded before it can open.
  const formData = ents && accs && banks && today ? { entities: ents, accounts: accs, bankAccounts: banks, today } : undefined;
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
  } else if (ents.length === 0 || accs.length === 0) {
    body = <SetupMissing missing={ents.length === 0 ? 'entity' : 'account'} />;
  } else {
    body = (
      <>
        <EntryFilters values={filter} accounts={accs} onChange={changeFilter} />
        <EntryRows rows={entries.data.rows} columns={columns} total={total} page={page} onPage={setPage} filtered={filtered} add={add} />
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
            {imported.mandatesCreated + imported.bankDetailsCreated > 0 && (
              <> {t('importTypes.doneMasterData', { mandates: imported.mandatesCreated, bankDetails: imported.bankDetailsCreated })}</>
            )}
          </p>
        )}
      </div>
      {body}
      {!editing && route.id !== undefined && linked.data?.id === route.id && formData && (
        <EntryForm
          key={route.id}
          entry={linked.data}
          {...formData}
          onClose={() => navigate({ screen: 'entries' }, { replace: true })}
          onSaved={() => {
            navigate({ screen: 'entries' }, { replace: true });
            entries.reload();
          }}
        />
      )}
      {editing && formData && (
        <EntryForm
          entry={editing === 'new' ? undefined : editing}
          {...formData}
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

/** What to set up first when there is no entity or no account yet. */
function SetupMissing({ missing }: { missing: 'entity' | 'account' }) {
  const { t } = useI18n();
  return missing === 'entity' ? (
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
  ) : (
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
}

interface EntryRowsProps {
  rows: readonly Entry[];
  columns: Column<Entry>[];
  /** All entries of the filter, for the count and the pager. */
  total: number;
  page: number;
  onPage: (page: number) => void;
  /** A filter is set: an empty list says nothing matches rather than "no entries yet". */
  filtered: boolean;
  /** The "new entry" button, offered when there are no entries yet. */
  add: ReactNode;
}

/** The count, the pager and one page of entries, or why there are none. */
function EntryRows({ rows, columns, total, page, onPage, filtered, add }: EntryRowsProps) {
  const { t, plural } = useI18n();
  return (
    <>
      <div className="list-meta">
        <p role="status" data-testid="entries-total">
          {plural(total, 'entries.countOne', 'entries.countOther')}
        </p>
        <Pager page={page} pageSize={PAGE_SIZE} total={total} onPage={onPage} />
      </div>
      {rows.length === 0 ? (
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
        <Table caption={t('nav.entries')} columns={columns} rows={rows} rowKey={(e) => e.id} testId="entries-table" />
      )}
    </>
  );
}

/** Previous/next through pages of entries, shown only when there is more than one page. */
function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const { t } = useI18n();
  if (total <= pageSize) return null;
  return (
    <div className="pager">
      <button type="button" className="small" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t('common.previous')}
      </button>
      <span>{t('common.range', { from: page * pageSize + 1, to: Math.min(total, (page + 1) * pageSize), total })}</span>
      <button type="button" className="small" disabled={(page + 1) * pageSize >= total} onClick={() => onPage(page + 1)}>
        {t('common.next')}
      </button>
    </div>
  );
}
