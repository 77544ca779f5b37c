import { useSyncExternalStore } from 'react';
import { useApi } from '../api/useApi';
import { isSessionEnded, onSessionChange } from '../api/session';
import { ErrorBanner } from '../components/ErrorBanner';
import { I18nProvider } from '../i18n/I18nProvider';
import { problemFromError } from '../i18n/problems';
import { SessionEnded } from './SessionEnded';
import { Shell } from './Shell';

/** Loads the settings (the language first of all), then shows the app. */
export function App() {
  const ended = useSyncExternalStore(onSessionChange, isSessionEnded);
  const settings = useApi('settings.get', {});

  if (ended) {
    return (
      <I18nProvider initialLocale={settings.data?.locale ?? 'en'}>
        <SessionEnded />
      </I18nProvider>
    );
  }
  if (settings.error && !settings.data) {
    return (
      <main className="boot">
        <h1>Kontor</h1>
        <ErrorBanner problems={[problemFromError(settings.error)]} onRetry={settings.reload} />
      </main>
    );
  }
  if (!settings.data) {
    return (
      <main className="boot">
        <p role="status">Kontor …</p>
      </main>
    );
  }
  return (
    <I18nProvider initialLocale={settings.data.locale}>
      <Shell />
    </I18nProvider>
  );
}
