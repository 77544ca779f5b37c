import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../../../shared/domain';
import { call } from '../api/client';
import { makeTranslator, type Translator } from './translator';

export interface I18n extends Translator {
  /** Switches the language and stores it in the settings, so it survives a reload. */
  setLocale: (locale: Locale) => Promise<void>;
}

const english = makeTranslator('en');
const I18nContext = createContext<I18n>({ ...english, setLocale: async () => {} });

export function I18nProvider({ initialLocale, children }: { initialLocale: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback(async (next: Locale) => {
    const saved = await call('settings.update', { locale: next });
    setLocaleState(saved.locale);
  }, []);

  const value = useMemo<I18n>(() => ({ ...makeTranslator(locale), setLocale }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** Translation and locale-aware formatting for the active language. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
