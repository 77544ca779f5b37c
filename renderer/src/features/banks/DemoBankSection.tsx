import { useApi } from '../../api/useApi';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n/I18nProvider';

/** The embedded demo bank and the user letter it "posts": everything the setup needs to try Kontor. */
export function DemoBankSection() {
  const { t } = useI18n();
  const status = useApi('demoBank.status', {});
  if (!status.data) return null;
  return (
    <Section title={t('banks.demoTitle')}>
      {status.data.running ? (
        <>
          <p>{t('banks.demoText')}</p>
          <pre className="letter mono" data-testid="demo-bank-letter">
            {status.data.letter}
          </pre>
        </>
      ) : (
        <p className="muted">{t('banks.demoOff')}</p>
      )}
    </Section>
  );
}
