import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, type Locale } from '../../shared/roles.ts';
import { EN, ES } from './resources.ts';

// The language before sign-in: the last one chosen on this device, else the browser's. Once signed
// in, the user's profile locale wins (see features/auth/session.ts).
const STORAGE_KEY = 'braid.locale';

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  return navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: { en: { translation: EN }, es: { translation: ES } },
  lng: initialLocale(),
  fallbackLng: 'en',
  supportedLngs: [...LOCALES],
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'en';
}

export async function applyLocale(locale: Locale): Promise<void> {
  localStorage.setItem(STORAGE_KEY, locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

export { i18n };
