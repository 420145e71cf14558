// Strings of the staff chat, kept apart from the shared fr.json / en.json: merged into the `translation`
// namespace under `consoleChat` when this module loads, and again on every language change.
// English is added only once the shared English bundle is there, so that i18n/index.ts still loads it.
import { useCallback } from 'react';
import i18n, { useTranslation } from '../../i18n/index.ts';
import en from './i18n/en.json';
import fr from './i18n/fr.json';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
type WithoutPlural<K extends string> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;

/** A key of consoleChat in fr.json (plural forms by their base name). */
export type ChatKey = WithoutPlural<Leaves<(typeof fr)['consoleChat']>>;
export type ChatT = (key: ChatKey, options?: Record<string, unknown>) => string;

// Compile-time check that the English file has every key of the French one.
type Complete<Other, Reference> = Other extends Reference ? true : never;
const englishComplete: Complete<typeof en, typeof fr> = true;
void englishComplete;

const BUNDLES: Record<string, typeof fr> = { fr, en };

function register(language: string): void {
  const bundle = BUNDLES[language];
  if (!bundle) return;
  // Creating the English bundle here would make i18n/index.ts think English is already loaded.
  if (language !== 'fr' && !i18n.hasResourceBundle(language, 'translation')) return;
  i18n.addResourceBundle(language, 'translation', bundle);
}

register('fr');
if (i18n.language) register(i18n.language);
i18n.on('languageChanged', register);

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** t() for the chat strings: `ct('queue.pick')` reads consoleChat.queue.pick. */
export function useChatT(): ChatT {
  const { t } = useTranslation();
  return useCallback<ChatT>((key, options) => (t as unknown as LooseT)(`consoleChat.${key}`, options), [t]);
}

/** The same outside React (for notifications built in event handlers). */
export const chatT: ChatT = (key, options) => (i18n.t as unknown as LooseT)(`consoleChat.${key}`, options);
