// Translations: French by default, English complete. The visitor's choice is kept in sessionStorage
// only (no cookie, no localStorage), so it disappears with the tab and with the quick exit.
//
// A small implementation of the part of i18next that Abri uses (nested keys, {{placeholders}}, plural
// forms by `count` with Intl.PluralRules, French as fallback), with the same API (`useTranslation()`,
// `i18n.t`, `i18n.language`…): i18next and react-i18next weighed 16 KB gzipped in every visitor's entry
// chunk, more than a tenth of the public JavaScript budget.
//
// Strings are split so that a visitor downloads only those of the pages opened, in the language read:
// - fr.json / en.json: the public frame, the home page and what several pages share. French is in the
//   entry chunk; English is a separate chunk fetched only when chosen.
// - talk-*.json (/parler and its live chat), report-*.json, resources-*.json, confidentiality-*.json:
//   each page's own strings, fetched with the page (loadStrings, see app.tsx), in the current language.
// - console-*.json: the staff console's, loaded by the console before it renders (console-strings.ts).
// A section loaded once is loaded again in the other language before any change of language.
import { useMemo, useSyncExternalStore } from 'react';
import type confidentialityEn from './confidentiality-en.json';
import type confidentialityFr from './confidentiality-fr.json';
import type consoleEn from './console-en.json';
import type consoleFr from './console-fr.json';
import type en from './en.json';
import fr from './fr.json';
import type reportEn from './report-en.json';
import type reportFr from './report-fr.json';
import type resourcesEn from './resources-en.json';
import type resourcesFr from './resources-fr.json';
import type talkEn from './talk-en.json';
import type talkFr from './talk-fr.json';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

// Typed keys: a key missing from the French files (fr.json, a page's *-fr.json, console-fr.json) is a
// compile error. Plural forms (`…_one`, `…_other`) are asked for by their base name, with a `count`.
type Strings = typeof fr &
  typeof talkFr &
  typeof reportFr &
  typeof resourcesFr &
  typeof confidentialityFr & { console: typeof consoleFr };
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
type WithoutPlural<K extends string> =
  K extends `${infer Base}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? Base : K;
export type TranslationKey = WithoutPlural<Leaves<Strings>>;
/** Values for the {{placeholders}}; `count` also picks the plural form. */
export type TOptions = Record<string, unknown>;
export type TFunction = (key: TranslationKey, options?: TOptions) => string;

// Compile-time check that the English files have every key of the French ones.
type Complete<Other, Reference> = Other extends Reference ? true : never;
const englishComplete: [
  Complete<typeof en, typeof fr>,
  Complete<typeof talkEn, typeof talkFr>,
  Complete<typeof reportEn, typeof reportFr>,
  Complete<typeof resourcesEn, typeof resourcesFr>,
  Complete<typeof confidentialityEn, typeof confidentialityFr>,
  Complete<typeof consoleEn, typeof consoleFr>,
] = [true, true, true, true, true, true];
void englishComplete;

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

// --- The strings and their lookup ---

type Tree = { [key: string]: string | Tree };
const bundles: Partial<Record<string, Tree>> = { fr: {} };
let active: Language = 'fr';
const listeners = new Set<(language: Language) => void>();
const pluralRules = new Map<string, Intl.PluralRules>();

function merge(target: Tree, source: Tree): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (typeof value === 'object' && typeof existing === 'object') merge(existing, value);
    else target[key] = typeof value === 'object' ? structuredClone(value) : value;
  }
}

function lookup(lng: string, key: string): string | undefined {
  let node: string | Tree | undefined = bundles[lng];
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function pluralForm(lng: string, count: number): string {
  let rules = pluralRules.get(lng);
  if (!rules) {
    rules = new Intl.PluralRules(lng);
    pluralRules.set(lng, rules);
  }
  return rules.select(count);
}

/** As i18next does: `key_zero` for 0, then the plural form, then the key itself; French as fallback. */
function translate(lng: Language, key: string, options?: TOptions): string {
  const count = options?.count;
  for (const code of lng === 'fr' ? ['fr'] : [lng, 'fr']) {
    const keys =
      typeof count === 'number'
        ? [...(count === 0 ? [`${key}_zero`] : []), `${key}_${pluralForm(code, count)}`, key]
        : [key];
    for (const candidate of keys) {
      const found = lookup(code, candidate);
      if (found !== undefined) {
        return found.replace(/{{(.+?)}}/g, (placeholder, name: string) => {
          const value = options?.[name.trim()];
          return value === undefined ? placeholder : String(value ?? '');
        });
      }
    }
  }
  return key;
}

/** The object the rest of the code uses, shaped like i18next's (only what Abri needs). */
const i18n = {
  get language(): Language {
    return active;
  },
  t: ((key, options) => translate(active, key, options)) as TFunction,
  exists(key: string): boolean {
    return lookup(active, key) !== undefined || lookup('fr', key) !== undefined;
  },
  hasResourceBundle(lng: string, _namespace = 'translation'): boolean {
    return bundles[lng] !== undefined;
  },
  /** Add strings to a language, merged into those already there (the namespace is always `translation`). */
  addResourceBundle(lng: string, _namespace: string, resources: object): void {
    bundles[lng] ??= {};
    merge(bundles[lng], resources as Tree);
  },
  on(_event: 'languageChanged', listener: (language: Language) => void): void {
    listeners.add(listener);
  },
  off(_event: 'languageChanged', listener: (language: Language) => void): void {
    listeners.delete(listener);
  },
  async changeLanguage(lng: Language): Promise<void> {
    if (lng === active) return;
    active = lng;
    for (const listener of [...listeners]) listener(lng);
  },
};

const subscribe = (onChange: () => void) => {
  i18n.on('languageChanged', onChange);
  return () => i18n.off('languageChanged', onChange);
};
const getLanguage = () => active;

/** `t` in the current language; the component renders again when the language changes. */
export function useTranslation(): { t: TFunction; i18n: typeof i18n } {
  const lng = useSyncExternalStore(subscribe, getLanguage, getLanguage);
  const t = useMemo<TFunction>(() => (key, options) => translate(lng, key, options), [lng]);
  return { t, i18n };
}

// --- Loading ---

type Bundle = Promise<{ default: object }>;

/** The strings loaded on demand, in each language; the console's go under the `console` key. */
const SECTIONS = {
  talk: { fr: () => import('./talk-fr.json'), en: () => import('./talk-en.json') },
  report: { fr: () => import('./report-fr.json'), en: () => import('./report-en.json') },
  resources: { fr: () => import('./resources-fr.json'), en: () => import('./resources-en.json') },
  confidentiality: {
    fr: () => import('./confidentiality-fr.json'),
    en: () => import('./confidentiality-en.json'),
  },
  console: {
    fr: () => import('./console-fr.json').then((module) => ({ default: { console: module.default } })),
    en: () => import('./console-en.json').then((module) => ({ default: { console: module.default } })),
  },
} satisfies Record<string, Record<Language, () => Bundle>>;

export type StringSection = keyof typeof SECTIONS;

/** The sections used so far in this tab: a change of language loads them first. */
const wanted = new Set<StringSection>();
const loaded: Record<Language, Set<StringSection>> = { fr: new Set(), en: new Set() };
let englishCore: Promise<void> | null = null;

/** The shared strings of a language (French is always there). */
function loadCore(language: Language): Promise<void> {
  if (language === 'fr') return Promise.resolve();
  englishCore ??= import('./en.json').then(
    (module) => {
      i18n.addResourceBundle('en', 'translation', module.default);
    },
    (error: unknown) => {
      englishCore = null; // Try again next time.
      throw error;
    },
  );
  return englishCore;
}

async function loadSection(section: StringSection, language: Language): Promise<void> {
  if (loaded[language].has(section)) return;
  // Fetched side by side; the section is added after the shared strings (the console's chat checks for
  // the English bundle to know whether English is loaded).
  const [, module] = await Promise.all([loadCore(language), SECTIONS[section][language]()]);
  i18n.addResourceBundle(language, 'translation', module.default);
  loaded[language].add(section);
}

/**
 * Add a section's strings in a language (by default the current one), fetching them on first use. Once
 * called, every later language change loads them too, before the language switches.
 */
export function loadStrings(section: StringSection, language: Language = currentLanguage()): Promise<void> {
  wanted.add(section);
  return loadSection(section, language);
}

/** The console's strings (see console-strings.ts). */
export function loadConsoleStrings(language: Language = currentLanguage()): Promise<void> {
  return loadStrings('console', language);
}

export function currentLanguage(): Language {
  return active;
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be unavailable (private mode, blocked): the choice then lasts for this page only.
  }
  try {
    // Again if a page asked for its strings meanwhile, so that it does not show up in the other language.
    const missing = () => [...wanted].filter((section) => !loaded[language].has(section));
    do {
      await Promise.all([loadCore(language), ...missing().map((section) => loadSection(section, language))]);
    } while (missing().length > 0);
  } catch {
    return; // A chunk could not be fetched: stay in the current language.
  }
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

i18n.addResourceBundle('fr', 'translation', fr);

/** Resolves when the language kept for this tab is ready (immediately for French). */
export const i18nReady: Promise<void> =
  storedLanguage() === 'fr' ? Promise.resolve() : changeLanguage(storedLanguage()).catch(() => {});

export default i18n;
