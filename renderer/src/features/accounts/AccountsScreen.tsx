import { useId, useState } from 'react';
import type { Account, AccountKind } from '../../../../shared/domain';
import type { PartyBulkEditResult, PartyCommitResult } from '../../../../shared/parties';
import { navigate, routeHref } from '../../app/routing';
import { useApi } from '../../api/useApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Table, type Column } from '../../components/Table';
import { useDebounced } from '../../hooks/useDebounced';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import { AccountForm } from './AccountForm';
import { PartyImportDialog } from './import/PartyImportDialog';
import { PartyBulkEditDialog } from './PartyBulkEditDialog';
import { useSelection, type Selection } from './useSelection';
import { kindLabel } from './labels';

/** The list's columns: a box to select each party for the bulk edit, then its facts and usual payment method. */
function useAccountColumns(selection: Selection): Column<Account>[] {
  const { t } = useI18n();
  return [
    {
      key: 'select',
      header: '',
      cell: (a) => (
        <input
          type="checkbox"
          checked={selection.has(a.id)}
          aria-label={t('partyEdit.select', { name: a.name })}
          onChange={(e) => selection.set([a.id], e.target.checked)}
        />
      ),
    },
    {
      key: 'number',
      header: t('account.number'),
      cell: (a) => <a href={routeHref({ screen: 'accounts', id: a.id })}>{a.number}</a>,
      className: 'nowrap',
    },
    { key: 'name', header: t('account.name'), cell: (a) => a.name },
    { key: 'kind', header: t('account.kind'), cell: (a) => kindLabel(t, a.kind) },
    { key: 'city', header: t('field.city'), cell: (a) => [a.postalCode, a.city].filter(Boolean).join(' ') },
    { key: 'country', header: t('field.country'), cell: (a) => a.country ?? '' },
    { key: 'email', header: t('account.email'), cell: (a) => a.email ?? '' },
    {
      key: 'method',
      header: t('partyEdit.method'),
      cell: (a) => (a.paymentMethod ? t(a.paymentMethod === 'sepa' ? 'partyEdit.methodSepa' : 'partyEdit.methodOther') : ''),
    },
  ];
}

export function AccountsScreen() {
  const { t, sortByText } = useI18n();
  const kindId = useId();
  const searchId = useId();
  const [kind, setKind] = useState<AccountKind | ''>('');
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search.trim());
  const accounts = useApi('accounts.list', { ...(kind ? { kind } : {}), ...(debounced ? { search: debounced.slice(0, 100) } : {}) });
  const [creating, setCreating] = useState(false);
  const entities = useApi('entities.list', {});
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<PartyCommitResult | null>(null);
  const filtered = kind !== '' || debounced !== '';
  const selection = useSelection(accounts.data);
  const [editing, setEditing] = useState(false);
  const [edited, setEdited] = useState<PartyBulkEditResult | null>(null);

  const columns = useAccountColumns(selection);

  const add = (
    <button type="button" className="primary" onClick={() => setCreating(true)}>
      {t('account.new')}
    </button>
  );

  return (
    <>
      <PageHeader title={t('nav.accounts')}>
        <button type="button" onClick={() => setEditing(true)} disabled={selection.ids.length === 0} data-testid="party-edit-open">
          {t('partyEdit.open', { count: selection.ids.length })}
        </button>
        <button type="button" onClick={() => setImporting(true)} disabled={!entities.data?.length}>
          {t('partyImport.open')}
        </button>
        {add}
      </PageHeader>
      {imported && (
        <p className="banner banner-ok" data-testid="party-import-result">
          {t('partyImport.done', { ...imported })}
        </p>
      )}
      {edited && (
        <p className="banner banner-ok" data-testid="party-edit-result">
          {t('partyEdit.done', { changed: edited.changed, unchanged: edited.unchanged })}
        </p>
      )}
      <div className="filters" role="search">
        <div className="field">
          <label htmlFor={kindId}>{t('account.kind')}</label>
          <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as AccountKind | '')}>
            <option value="">{t('account.kindAll')}</option>
            <option value="customer">{t('account.kindCustomers')}</option>
            <option value="supplier">{t('account.kindSuppliers')}</option>
          </select>
        </div>
        <div className="field field-grow">
          <label htmlFor={searchId}>{t('common.search')}</label>
          <input id={searchId} type="search" value={search} placeholder={t('account.searchHint')} onChange={(e) => setSearch(e.target.value)} />
        </div>
        {accounts.data && accounts.data.length > 0 && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={selection.allOn}
              onChange={(e) =>
                selection.set(
                  accounts.data!.map((a) => a.id),
                  e.target.checked,
                )
              }
            />{' '}
            {t('partyEdit.selectAll')}
          </label>
        )}
        {accounts.data && <p className="filter-count">{t('account.count', { count: accounts.data.length })}</p>}
      </div>
      <ErrorBanner problems={[accounts.error && problemFromError(accounts.error)]} onRetry={accounts.reload} />
      {!accounts.data ? (
        accounts.loading && <Loading />
      ) : accounts.data.length === 0 ? (
        filtered ? (
          <EmptyState title={t('common.noMatches')}>
            <p>{t('common.noMatchesText')}</p>
          </EmptyState>
        ) : (
          <EmptyState title={t('account.emptyTitle')} action={add}>
            <p>{t('account.emptyText')}</p>
          </EmptyState>
        )
      ) : (
        <Table caption={t('nav.accounts')} columns={columns} rows={sortByText(accounts.data, (a) => a.name)} rowKey={(a) => a.id} testId="accounts-table" />
      )}
      {importing && entities.data && (
        <PartyImportDialog
          entities={entities.data}
          onClose={() => setImporting(false)}
          onImported={(result) => {
            setImporting(false);
            setImported(result);
            accounts.reload();
          }}
        />
      )}
      {editing && entities.data && (
        <PartyBulkEditDialog
          accountIds={selection.ids}
          entities={entities.data}
          onClose={() => setEditing(false)}
          onDone={(result) => {
            setEditing(false);
            setEdited(result);
            selection.clear();
            accounts.reload();
          }}
        />
      )}
      {creating && (
        <AccountForm
          account={undefined}
          onClose={() => setCreating(false)}
          onSaved={(a) => {
            setCreating(false);
            navigate({ screen: 'accounts', id: a.id });
          }}
        />
      )}
    </>
  );
}
