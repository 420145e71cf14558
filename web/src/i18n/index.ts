// i18next set-up: French by default, English complete. The visitor's choice is kept in sessionStorage
// only (no cookie, no localStorage), so it disappears with the tab and with the quick exit.
// French is in the entry chunk; English is a separate chunk fetched only when chosen, which keeps
// the public JavaScript small for most visitors. The staff console's strings (console-fr/en.json) are
// not in the entry either: the console loads them (loadConsoleStrings) before it renders.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type consoleEn from './console-en.json';
import type consoleFr from './console-fr.json';
import type en from './en.json';
import fr from './fr.json';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

// Compile-time check that the English file has every key of the French one.
type Complete<Other, Reference> = Other extends Reference ? true : never;
const englishComplete: Complete<typeof en, typeof fr> = true;
const consoleEnglishComplete: Complete<typeof consoleEn, typeof consoleFr> = true;
void englishComplete;
void consoleEnglishComplete;

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

async function loadLanguage(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  if (language === 'en') {
    const module = await import('./en.json');
    i18n.addResourceBundle('en', 'translation', module.default, true, true);
  }
}

let consoleWanted = false;
const consoleLoaded = new Set<Language>();

/**
 * Add the console's strings (the `console` subtree) for a language, fetching them on first use. Once
 * called, every later language change loads them too, before the language switches.
 */
export async function loadConsoleStrings(language: Language = currentLanguage()): Promise<void> {
  consoleWanted = true;
  if (consoleLoaded.has(language)) return;
  await loadLanguage(language);
  const module = language === 'en' ? await import('./console-en.json') : await import('./console-fr.json');
  i18n.addResourceBundle(language, 'translation', { console: module.default }, true, true);
  consoleLoaded.add(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'fr';
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be unavailable (private mode, blocked): the choice then lasts for this page only.
  }
  try {
    await loadLanguage(language);
    if (consoleWanted) await loadConsoleStrings(language);
  } catch {
    return; // The English chunk could not be fetched: stay in the current language.
  }
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = isLanguage(language) ? language : 'fr';
});

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: fr } },
  lng: 'fr',
  fallbackLng: 'fr',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/** Resolves when the language kept for this tab is ready (immediately for French). */
export const i18nReady: Promise<void> =
  storedLanguage() === 'fr' ? Promise.resolve() : changeLanguage(storedLanguage()).catch(() => {});

export default i18n;
