import { useState } from 'react';
import { routeHref } from '../../app/routing';
import { useApi } from '../../api/useApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import { AccountForm } from './AccountForm';
import { InstrumentsSection } from './InstrumentsSection';
import { kindLabel } from './labels';

/** One customer or supplier: address, and the mandates and bank details to pay with. */
export function AccountDetail({ id }: { id: number }) {
  const { t } = useI18n();
  const account = useApi('accounts.get', { id });
  const instruments = useApi('instruments.list', { accountId: id });
  const entities = useApi('entities.list', {});
  const [editing, setEditing] = useState(false);
  const back = <a href={routeHref({ screen: 'accounts' })}>← {t('nav.accounts')}</a>;

  if (account.error?.code === 'notFound') {
    return (
      <>
        <PageHeader title={t('account.notFound')} back={back} />
        <EmptyState title={t('account.notFoundText')} />
      </>
    );
  }
  const a = account.data;
  const problems = [account.error, instruments.error, entities.error].map((e) => e && problemFromError(e));
  return (
    <>
      <PageHeader
        back={back}
        title={
          a ? (
            <>
              {a.name} <span className="title-meta">{a.number}</span>
            </>
          ) : (
            t('common.loading')
          )
        }
      >
        {a && (
          <button type="button" onClick={() => setEditing(true)}>
            {t('account.edit')}
          </button>
        )}
      </PageHeader>
      <ErrorBanner
        problems={problems}
        onRetry={() => {
          account.reload();
          instruments.reload();
          entities.reload();
        }}
      />
      {!a ? (
        account.loading && <Loading />
      ) : (
        <dl className="facts facts-inline" data-testid="account-facts">
          <dt>{t('account.kind')}</dt>
          <dd>{kindLabel(t, a.kind)}</dd>
          <dt>{t('field.address')}</dt>
          <dd>{[a.street, [a.postalCode, a.city].filter(Boolean).join(' '), a.country].filter(Boolean).join(', ') || '—'}</dd>
          <dt>{t('account.email')}</dt>
          <dd>{a.email ?? '—'}</dd>
          {a.notes && (
            <>
              <dt>{t('account.notes')}</dt>
              <dd className="pre-line">{a.notes}</dd>
            </>
          )}
        </dl>
      )}
      {a && instruments.data && entities.data && (
        <>
          <InstrumentsSection kind="sepa_mandate" account={a} instruments={instruments.data} entities={entities.data} onChanged={instruments.reload} />
          <InstrumentsSection kind="bank_details" account={a} instruments={instruments.data} entities={entities.data} onChanged={instruments.reload} />
        </>
      )}
      {editing && a && (
        <AccountForm
          account={a}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            account.reload();
          }}
        />
      )}
    </>
  );
}
