// Typed translation keys: a key missing from fr.json (or console-fr.json for the console) is a compile error.
import 'i18next';
import type consoleFr from './console-fr.json';
import type fr from './fr.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fr & { console: typeof consoleFr } };
  }
}
