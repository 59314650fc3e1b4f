import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { savedLanguage } from '../app/preferences';
import { de } from './de';
import { en } from './en';
import { it } from './it';
import { pickLanguage } from './language';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
type WithoutPlural<K> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;
/** A message key, for tables that name messages (the navigation). */
export type MessageKey = WithoutPlural<Leaves<typeof en>>;

const language = pickLanguage(savedLanguage(), navigator.languages ?? [navigator.language]);
document.documentElement.lang = language;

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, de: { translation: de }, it: { translation: it } },
  lng: language,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

export default i18n;
