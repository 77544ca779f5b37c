import { routeHref } from '../../app/routing';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/en';

/** A screen that comes in a later version: what it will do, and what to prepare now. */
function Placeholder({ title, what, first }: { title: MessageKey; what: MessageKey; first: MessageKey }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t(title)} />
      <EmptyState
        title={t(what)}
        action={
          <a className="button" href={routeHref({ screen: 'banks' })}>
            {t('placeholder.goToBanks')}
          </a>
        }
      >
        <p>{t(first)}</p>
      </EmptyState>
    </>
  );
}

export function ReconciliationScreen() {
  return <Placeholder title="nav.reconciliation" what="reconciliation.placeholder" first="reconciliation.firstStep" />;
}
