import { useState } from 'react';
import type { BusinessEntity } from '../../../../shared/domain';
import { useApi } from '../../api/useApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import { EntityForm } from './EntityForm';

/** The companies doing business: creditor for direct debits, owner of bank accounts. */
export function EntitiesSection() {
  const { t, sortByText } = useI18n();
  const entities = useApi('entities.list', {});
  const bankAccounts = useApi('bankAccounts.list', {});
  const [editing, setEditing] = useState<BusinessEntity | 'new' | null>(null);

  const accountName = (id: number | null) => bankAccounts.data?.find((a) => a.id === id)?.name ?? '';
  const columns: Column<BusinessEntity>[] = [
    {
      key: 'name',
      header: t('entity.name'),
      cell: (e) => (
        <button type="button" className="link" onClick={() => setEditing(e)}>
          {e.name}
        </button>
      ),
    },
    { key: 'creditorId', header: t('entity.creditorId'), cell: (e) => e.creditorId ?? '—', className: 'mono' },
    { key: 'address', header: t('field.address'), cell: (e) => [e.street, [e.postalCode, e.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') },
    { key: 'country', header: t('field.country'), cell: (e) => e.country },
    { key: 'preferred', header: t('entity.preferredBankAccount'), cell: (e) => accountName(e.preferredBankAccountId) || '—' },
  ];

  const add = (
    <button type="button" className="primary" onClick={() => setEditing('new')}>
      {t('entity.new')}
    </button>
  );

  return (
    <Section title={t('entity.sectionTitle')} actions={entities.data?.length ? add : undefined}>
      <ErrorBanner problems={[entities.error && problemFromError(entities.error)]} onRetry={entities.reload} />
      {!entities.data ? (
        entities.loading && <Loading />
      ) : entities.data.length === 0 ? (
        <EmptyState title={t('entity.emptyTitle')} action={add}>
          <p>{t('entity.emptyText')}</p>
        </EmptyState>
      ) : (
        <Table
          caption={t('entity.sectionTitle')}
          columns={columns}
          rows={sortByText(entities.data, (e) => e.name)}
          rowKey={(e) => e.id}
          testId="entities-table"
        />
      )}
      {editing && (
        <EntityForm
          entity={editing === 'new' ? undefined : editing}
          bankAccounts={(bankAccounts.data ?? []).filter((a) => editing !== 'new' && a.entityId === editing.id)}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            entities.reload();
          }}
        />
      )}
    </Section>
  );
}
