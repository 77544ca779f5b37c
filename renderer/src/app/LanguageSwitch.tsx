import { useState } from 'react';
import type { Locale } from '../../../shared/domain';
import { useI18n } from '../i18n/I18nProvider';
import { problemFromError, type Problem } from '../i18n/problems';

const LANGUAGES: { locale: Locale; short: string; name: string }[] = [
  { locale: 'en', short: 'EN', name: 'English' },
  { locale: 'de', short: 'DE', name: 'Deutsch' },
];

/** EN / DE, each named in its own language so anyone finds theirs. */
export function LanguageSwitch() {
  const { locale, setLocale, t, problem } = useI18n();
  const [failed, setFailed] = useState<Problem>();
  const choose = (next: Locale) => {
    setFailed(undefined);
    setLocale(next).catch((e: unknown) => setFailed(problemFromError(e)));
  };
  return (
    <div className="language-switch" role="group" aria-label={t('settings.language')}>
      {LANGUAGES.map((l) => (
        <button
          key={l.locale}
          type="button"
          lang={l.locale}
          aria-label={l.name}
          aria-pressed={locale === l.locale}
          title={l.name}
          onClick={() => choose(l.locale)}
        >
          {l.short}
        </button>
      ))}
      {failed && (
        <p className="field-error" role="alert">
          {problem(failed)}
        </p>
      )}
    </div>
  );
}
