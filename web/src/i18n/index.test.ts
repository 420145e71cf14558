// The in-house translation functions behave as i18next did for what Abri uses: nested keys,
// {{placeholders}}, plural forms by count, French as fallback, the key itself when nothing matches.
import { beforeAll, describe, expect, test } from 'vitest';

type Module = typeof import('./index.ts');
let mod: Module;

beforeAll(async () => {
  // The module sets <html lang> on a change of language; Node has no document.
  (globalThis as { document?: unknown }).document ??= { documentElement: {} };
  mod = await import('./index.ts');
});

describe('i18n', () => {
  test('interpolates and picks plural forms in French', () => {
    const { t } = mod.default;
    expect(t('common.loading')).toBe('Chargement…');
    expect(t('lang.switchTo', { language: 'English' })).toBe('Lire en English');
    mod.default.addResourceBundle('fr', 'translation', {
      test: { n_one: '{{count}} chose', n_other: '{{count}} choses' },
    });
    const loose = t as unknown as (key: string, options?: Record<string, unknown>) => string;
    expect(loose('test.n', { count: 0 })).toBe('0 chose');
    expect(loose('test.n', { count: 1 })).toBe('1 chose');
    expect(loose('test.n', { count: 2 })).toBe('2 choses');
    expect(loose('test.missing')).toBe('test.missing');
    expect(loose('lang.switchTo')).toBe('Lire en {{language}}');
  });

  test('loads a language and a page section before switching, falls back to French', async () => {
    await mod.loadStrings('talk');
    expect(mod.default.exists('talk.title')).toBe(true);
    expect(mod.default.hasResourceBundle('en', 'translation')).toBe(false);
    await mod.changeLanguage('en');
    expect(mod.currentLanguage()).toBe('en');
    expect(mod.default.hasResourceBundle('en', 'translation')).toBe(true);
    const { t } = mod.default;
    expect(t('common.loading')).toBe('Loading…');
    expect(t('talk.title')).not.toBe('talk.title');
    const loose = t as unknown as (key: string, options?: Record<string, unknown>) => string;
    expect(loose('test.n', { count: 0 })).toBe('0 chose'); // French fallback, with French plural rules
    await mod.changeLanguage('fr');
  });
});
