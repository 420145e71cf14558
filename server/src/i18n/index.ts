// Server-side strings (PDF documents, e-mails to partners and staff), French first and English complete,
// kept in fr.json / en.json like the web client's; a test checks that both have the same keys.
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export type Language = 'fr' | 'en';
const BUNDLES: Record<Language, Record<string, unknown>> = { fr, en };

function lookup(bundle: Record<string, unknown>, key: string): string | undefined {
  let node: unknown = bundle;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** t(key, {name}) in one language; a missing key falls back to French, then to the key itself. */
export function translator(language: Language): Translate {
  return (key, values = {}) => {
    const template = lookup(BUNDLES[language], key) ?? lookup(BUNDLES.fr, key) ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
  };
}

export function languageOf(value: unknown): Language {
  return value === 'en' ? 'en' : 'fr';
}
