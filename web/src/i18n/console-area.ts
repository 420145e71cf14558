// The strings of one area of the console (chat, records, guidance) live in that area's own fr.json / en.json,
// merged into the `translation` namespace under the area's name when the area loads, and again on every
// language change. English is added only once the shared English bundle is there, so that index.ts still
// loads it. Keys are type-checked against the French file; the English one must have every French key.
import { useCallback } from 'react';
import i18n, { useTranslation } from './index.ts';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
type WithoutPlural<K extends string> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;

/** The keys of an area's strings (plural forms by their base name). */
export type AreaKey<Strings> = WithoutPlural<Leaves<Strings>>;
export type AreaT<Key extends string> = (key: Key, options?: Record<string, unknown>) => string;

/** `true` only when the English file has every key of the French one: `const ok: Complete<En, Fr> = true`. */
export type Complete<Other, Reference> = Other extends Reference ? true : never;

type LooseT = (key: string, options?: Record<string, unknown>) => string;

export function consoleArea<Key extends string>(name: string, bundles: Record<'fr' | 'en', object>) {
  const register = (language: string) => {
    const bundle = (bundles as Record<string, object>)[language];
    if (!bundle) return;
    // Creating the English bundle here would make index.ts think English is already loaded.
    if (language !== 'fr' && !i18n.hasResourceBundle(language, 'translation')) return;
    i18n.addResourceBundle(language, 'translation', bundle);
  };
  register('fr');
  if (i18n.language) register(i18n.language);
  i18n.on('languageChanged', register);

  return {
    /** t() for the area: `t('queue.pick')` reads `<name>.queue.pick`. */
    useT(): AreaT<Key> {
      const { t } = useTranslation();
      return useCallback<AreaT<Key>>(
        (key, options) => (t as unknown as LooseT)(`${name}.${key}`, options),
        [t, name],
      );
    },
    /** The same outside React (notifications built in event handlers). */
    t: ((key, options) => (i18n.t as unknown as LooseT)(`${name}.${key}`, options)) as AreaT<Key>,
    /** Whether a key exists (codes the server may add: error codes, history actions). */
    has: (key: string): boolean => i18n.exists(`${name}.${key}`),
  };
}
