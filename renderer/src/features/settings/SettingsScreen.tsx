import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { BackupSection } from './BackupSection';
import { EntitiesSection } from './EntitiesSection';
import { LedgerSection } from './LedgerSection';
import { MatchingSection } from './MatchingSection';
import { PeopleSection } from './PeopleSection';
import { PreferencesSection } from './PreferencesSection';
import { StatusSection } from './StatusSection';

export function SettingsScreen() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('nav.settings')} />
      <EntitiesSection />
      <PreferencesSection />
      <MatchingSection />
      <PeopleSection />
      <StatusSection />
      <LedgerSection />
      <BackupSection />
    </>
  );
}
