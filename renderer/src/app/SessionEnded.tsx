import { useI18n } from '../i18n/I18nProvider';

/** The browser host no longer knows us (restarted, or the tab was opened without its address): only the printed address helps. */
export function SessionEnded() {
  const { t } = useI18n();
  return (
    <main className="boot session-ended">
      <h1>{t('session.endedTitle')}</h1>
      <p>{t('session.endedText')}</p>
    </main>
  );
}
