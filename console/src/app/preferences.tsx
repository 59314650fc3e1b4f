import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n/language';
import { browserTimeZone, isTimeZone } from '../time/format';

/** Viewer preferences (not secrets): language and time zone, remembered in this browser. */
const LANGUAGE_KEY = 'tus.language';
const ZONE_KEY = 'tus.timezone';

export function savedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

function savedZone(): string {
  try {
    const zone = localStorage.getItem(ZONE_KEY);
    if (zone && isTimeZone(zone)) return zone;
  } catch {
    // storage unavailable: the browser's zone
  }
  return browserTimeZone();
}

/** The browser's own variant of the chosen language (en-GB, de-CH), for dates and numbers. */
export function formattingLocale(language: string, browser: readonly string[]): string {
  return browser.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

interface Preferences {
  language: Language;
  /** BCP 47 tag for Intl formatting. */
  locale: string;
  setLanguage(language: Language): void;
  /** The zone every time is shown and entered in. */
  zone: string;
  setZone(zone: string): void;
}

const PreferencesContext = createContext<Preferences | null>(null);

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [zone, setZoneState] = useState(savedZone);
  const setLanguage = useCallback(
    (language: Language) => {
      void i18n.changeLanguage(language);
      document.documentElement.lang = language;
      try {
        localStorage.setItem(LANGUAGE_KEY, language);
      } catch {
        // not remembered
      }
    },
    [i18n],
  );
  const setZone = useCallback((next: string) => {
    setZoneState(next);
    try {
      localStorage.setItem(ZONE_KEY, next);
    } catch {
      // not remembered
    }
  }, []);
  const value = useMemo(
    () => ({
      language: i18n.language as Language,
      locale: formattingLocale(i18n.language, navigator.languages ?? []),
      setLanguage,
      zone,
      setZone,
    }),
    [i18n.language, setLanguage, zone, setZone],
  );
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside PreferencesProvider');
  return value;
}
