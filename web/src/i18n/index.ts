// i18next set-up: French by default, English complete. The visitor's choice is kept in sessionStorage
// only (no cookie, no localStorage), so it disappears with the tab and with the quick exit.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import fr from './fr.json';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

// Compile-time check that the English file has every key of the French one.
const english: typeof fr = en;

const STORAGE_KEY = 'abri.lang';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.sessionStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'fr';
  } catch {
    return 'fr';
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'fr';
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be unavailable (private mode, blocked): the choice then lasts for this page only.
  }
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = isLanguage(language) ? language : 'fr';
});

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: english } },
  lng: storedLanguage(),
  fallbackLng: 'fr',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export default i18n;
