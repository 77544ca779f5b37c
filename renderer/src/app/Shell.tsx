import { useEffect } from 'react';
import { followLedgerChanges } from '../api/ledgerChanges';
import { useApi } from '../api/useApi';
import { AccountDetail } from '../features/accounts/AccountDetail';
import { AccountsScreen } from '../features/accounts/AccountsScreen';
import { AuditScreen } from '../features/audit/AuditScreen';
import { BankAccessDetail } from '../features/banks/BankAccessDetail';
import { BanksScreen } from '../features/banks/BanksScreen';
import { FileDropProvider, FileDropStatus } from '../features/bank-csv/FileDropProvider';
import { BankSetupWizard } from '../features/banks/setup/BankSetupWizard';
import { EntriesScreen } from '../features/entries/EntriesScreen';
import { OrderDetail } from '../features/orders/OrderDetail';
import { OrdersScreen } from '../features/orders/OrdersScreen';
import { PaymentsScreen } from '../features/payments/PaymentsScreen';
import { ReconciliationScreen } from '../features/reconciliation/ReconciliationScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { SetupScreen } from '../features/setup/SetupScreen';
import { useFirstStart } from '../features/setup/useFirstStart';
import { StatementsScreen } from '../features/statements/StatementsScreen';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/en';
import { LanguageSwitch } from './LanguageSwitch';
import { routeHref, SCREENS, useRoute, type Route, type Screen } from './routing';

const NAV_LABELS: Record<Screen, MessageKey> = {
  setup: 'nav.setup',
  banks: 'nav.banks',
  entries: 'nav.entries',
  accounts: 'nav.accounts',
  orders: 'nav.orders',
  statements: 'nav.statements',
  reconciliation: 'nav.reconciliation',
  payments: 'nav.payments',
  audit: 'nav.audit',
  settings: 'nav.settings',
};

function Content({ route }: { route: Route }) {
  switch (route.screen) {
    case 'setup':
      return <SetupScreen />;
    case 'banks':
      // Not keyed by the id: saving the first step gives the address its id, and the wizard goes on as it is.
      if (route.sub === 'setup') return <BankSetupWizard id={route.id} preset={route.preset} />;
      return route.id ? <BankAccessDetail key={route.id} id={route.id} /> : <BanksScreen demoFirst={route.sub === 'demo'} />;
    case 'entries':
      return <EntriesScreen />;
    case 'accounts':
      return route.id ? <AccountDetail key={route.id} id={route.id} /> : <AccountsScreen />;
    case 'orders':
      return route.id ? <OrderDetail key={route.id} id={route.id} /> : <OrdersScreen />;
    case 'statements':
      return <StatementsScreen />;
    case 'reconciliation':
      return <ReconciliationScreen />;
    case 'payments':
      return <PaymentsScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

/** Navigation on the left, the current screen on the right; files dropped anywhere on the window are imported. */
export function Shell() {
  const { t } = useI18n();
  const route = useRoute();
  useFirstStart();
  // On a team ledger the screens follow what other workstations commit; a ledger file has nobody else.
  const team = useApi('ledger.status', {}).data?.engine === 'team';
  useEffect(() => (team ? followLedgerChanges() : undefined), [team]);

  useEffect(() => {
    document.title = `${t(NAV_LABELS[route.screen])} – Kontor`;
  }, [route.screen, t]);

  return (
    <FileDropProvider>
      <div className="shell">
        <aside className="sidebar">
          <div className="brand">Kontor</div>
          <nav aria-label={t('nav.label')}>
            <ul>
              {SCREENS.map((screen) => (
                <li key={screen}>
                  <a href={routeHref({ screen })} aria-current={route.screen === screen ? 'page' : undefined}>
                    {t(NAV_LABELS[screen])}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="sidebar-footer">
            <LanguageSwitch />
          </div>
        </aside>
        <main className="content">
          <FileDropStatus />
          <Content route={route} />
        </main>
      </div>
    </FileDropProvider>
  );
}
