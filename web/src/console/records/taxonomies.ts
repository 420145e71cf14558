// The lists a contact record is filled from (GET /api/guidance/taxonomies), loaded once per console and
// shared by every form that needs them: useTaxonomies() for React, labels and option groups in the
// console's language, retired items left out unless a record already uses them.
import type { TTaxonomy, TTaxonomyItem, TTaxonomyName } from '@abri/contracts';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client.ts';

export type Taxonomies = Record<TTaxonomyName, TTaxonomy>;

let cache: Taxonomies | null = null;
let pending: Promise<Taxonomies> | null = null;
const listeners = new Set<(taxonomies: Taxonomies | null) => void>();

function fetchTaxonomies(): Promise<Taxonomies> {
  pending ??= api.get<TTaxonomy[]>('/api/guidance/taxonomies').then(
    (list) => {
      cache = Object.fromEntries(list.map((taxonomy) => [taxonomy.name, taxonomy])) as Taxonomies;
      pending = null;
      for (const listener of listeners) listener(cache);
      return cache;
    },
    (error: unknown) => {
      pending = null;
      throw error;
    },
  );
  return pending;
}

/** Forget the lists (after an administrator edited one): every mounted form loads them again. */
export function invalidateTaxonomies(): void {
  cache = null;
  for (const listener of listeners) listener(null);
}

export function useTaxonomies(): { taxonomies: Taxonomies | null; error: unknown; reload: () => void } {
  const [taxonomies, setTaxonomies] = useState<Taxonomies | null>(cache);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    listeners.add(setTaxonomies);
    return () => {
      listeners.delete(setTaxonomies);
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `attempt` asks again after an error
  useEffect(() => {
    if (taxonomies) return;
    let cancelled = false;
    setError(null);
    fetchTaxonomies().then(
      (loaded) => {
        if (!cancelled) setTaxonomies(loaded);
      },
      (caught: unknown) => {
        if (!cancelled) setError(caught);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [taxonomies, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { taxonomies, error, reload };
}

function lang(language: string): 'fr' | 'en' {
  return language === 'en' ? 'en' : 'fr';
}

export function itemLabel(item: TTaxonomyItem, language: string): string {
  return item.label[lang(language)] || item.label.fr;
}

/** The label of a code, or the code itself when the list does not have it (any more). */
export function codeLabel(taxonomy: TTaxonomy | undefined, code: string, language: string): string {
  const item = taxonomy?.items.find((entry) => entry.code === code);
  return item ? itemLabel(item, language) : code;
}

export function codeLabels(taxonomy: TTaxonomy | undefined, codes: readonly string[], language: string) {
  return codes.map((code) => codeLabel(taxonomy, code, language));
}

export type OptionGroup = { key: string; label: string | null; options: { value: string; label: string }[] };

/**
 * The items to offer, by group in the list's order (items without a group first, under no heading).
 * Retired items only when `keep` (the record's current values) has them; unknown kept codes are added.
 */
export function optionGroups(
  taxonomy: TTaxonomy | undefined,
  language: string,
  keep: readonly string[] = [],
): OptionGroup[] {
  if (!taxonomy)
    return keep.map((code) => ({ key: code, label: null, options: [{ value: code, label: code }] }));
  const groups = new Map<string, OptionGroup>();
  const ungrouped: OptionGroup = { key: '', label: null, options: [] };
  for (const item of taxonomy.items) {
    if (item.retired && !keep.includes(item.code)) continue;
    const option = { value: item.code, label: itemLabel(item, language) };
    if (!item.group) {
      ungrouped.options.push(option);
      continue;
    }
    let group = groups.get(item.group);
    if (!group) {
      const heading = taxonomy.groups[item.group];
      group = {
        key: item.group,
        label: heading ? heading[lang(language)] || heading.fr : item.group,
        options: [],
      };
      groups.set(item.group, group);
    }
    group.options.push(option);
  }
  const known = new Set(taxonomy.items.map((item) => item.code));
  for (const code of keep) if (!known.has(code)) ungrouped.options.push({ value: code, label: code });
  return [ungrouped, ...groups.values()].filter((group) => group.options.length > 0);
}
