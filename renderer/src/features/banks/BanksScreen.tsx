import { useState } from 'react';
import type { BankAccount } from '../../../../shared/domain';
import { formatIban } from '../../../../shared/ids';
import { routeHref } from '../../app/routing';
import { useApi } from '../../api/useApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import { BankAccessSection, accessHref } from './BankAccessSection';
import { BankAccountForm } from './BankAccountForm';
import { DemoBankPointer, DemoBankSection } from './DemoBankSection';

/** `demoFirst` (route `#/banks/demo`): the demo bank and its signer at the top, where the order page's pointer leads. */
export function BanksScreen({ demoFirst = false }: { demoFirst?: boolean }) {
  const { t, sortByText } = useI18n();
  const entities = useApi('entities.list', {});
  const accounts = useApi('bankAccounts.list', {});
  const accesses = useApi('bankAccess.list', {});
  const [editing, setEditing] = useState<BankAccount | 'new' | null>(null);

  const columns: Column<BankAccount>[] = [
    {
      key: 'name',
      header: t('bankAccount.name'),
      cell: (a) => (
        <button type="button" className="link" onClick={() => setEditing(a)}>
          {a.name}
        </button>
      ),
    },
    { key: 'entity', header: t('field.entity'), cell: (a) => a.entityName },
    { key: 'iban', header: t('field.iban'), cell: (a) => formatIban(a.iban), className: 'mono nowrap' },
    { key: 'bic', header: t('field.bic'), cell: (a) => a.bic ?? '—', className: 'mono' },
    { key: 'currency', header: t('field.currency'), cell: (a) => a.currency },
    {
      key: 'access',
      header: t('bankAccount.bankAccess'),
      cell: (a) => {
        const access = a.bankAccessId ? accesses.data?.find((x) => x.id === a.bankAccessId) : undefined;
        if (access) return <a href={accessHref(access)}>{access.name}</a>;
        return a.bankAccessId ? `#${a.bankAccessId}` : <span className="muted">{t('bankAccount.noAccess')}</span>;
      },
    },
  ];

  const problems = [entities.error, accounts.error, accesses.error].map((e) => e && problemFromError(e));
  const retry = () => {
    entities.reload();
    accounts.reload();
    accesses.reload();
  };
  const add = (
    <button type="button" className="primary" onClick={() => setEditing('new')}>
      {t('bankAccount.new')}
    </button>
  );

  let body;
  if (!entities.data || !accounts.data) {
    body = entities.loading || accounts.loading ? <Loading /> : null;
  } else if (entities.data.length === 0) {
    body = (
      <Section title={t('banks.accountsTitle')}>
        <EmptyState
          title={t('banks.noEntityTitle')}
          action={
            <a className="button primary" href={routeHref({ screen: 'settings' })}>
              {t('banks.goToSettings')}
            </a>
          }
        >
          <p>{t('banks.noEntityText')}</p>
        </EmptyState>
      </Section>
    );
  } else {
    body = (
      <Section title={t('banks.accountsTitle')} actions={accounts.data.length ? add : undefined}>
        {accounts.data.length === 0 ? (
          <EmptyState title={t('banks.noAccountsTitle')} action={add}>
            <p>{t('banks.noAccountsText')}</p>
          </EmptyState>
        ) : (
          <Table
            caption={t('banks.accountsTitle')}
            columns={columns}
            rows={sortByText(
              sortByText(accounts.data, (a) => a.name),
              (a) => a.entityName,
            )}
            rowKey={(a) => a.id}
            testId="bank-accounts-table"
          />
        )}
      </Section>
    );
  }

  return (
    <>
      <PageHeader title={t('nav.banks')} />
      <ErrorBanner problems={problems} onRetry={retry} />
      {demoFirst ? <DemoBankSection accesses={accesses.data} scrollTo /> : <DemoBankPointer />}
      <BankAccessSection accesses={accesses} />
      {body}
      {!demoFirst && <DemoBankSection accesses={accesses.data} />}
      {editing && entities.data && (
        <BankAccountForm
          account={editing === 'new' ? undefined : editing}
          entities={entities.data}
          accesses={accesses.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            accounts.reload();
          }}
        />
      )}
    </>
  );
}
