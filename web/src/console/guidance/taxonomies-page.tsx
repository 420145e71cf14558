// The lists contact records are filled from (ability settings.manage): age bands, genders, regions, topics,
// platforms, outcomes, referrals. An item once offered is never removed, only retired (no longer offered;
// older records still read): records may use its code. Only items added in this edit can be taken out.
import type { TTaxonomy, TTaxonomyName } from '@abri/contracts';
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from '../../i18n/index.ts';
import { SuccessMessage } from '../../ui/error-message.tsx';
import { SelectField, SubmitButton, TextField } from '../../ui/fields.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { formatDateTime } from '../format.ts';
import { guidanceApi } from './api.ts';
import { TAXONOMY_NAMES } from './constants.ts';
import { ConflictNotice, GuidanceError, isConflict, relativePath } from './errors.tsx';
import { type GuidanceT, useGuidanceT } from './i18n.ts';
import { TaxonomyGroups } from './taxonomy-groups.tsx';
import { codeProblem, type Row, TaxonomyTable } from './taxonomy-table.tsx';
import { useUnsavedChanges } from './unsaved.ts';

type Draft = { rows: Row[]; groups: TTaxonomy['groups'] };

let lastKey = 0;
function nextKey(): string {
  lastKey += 1;
  return `row-${lastKey}`;
}
const toRows = (taxonomy: TTaxonomy): Row[] =>
  taxonomy.items.map((item) => ({ ...item, key: nextKey(), isNew: false }));
const draftOf = (taxonomy: TTaxonomy): Draft => ({
  rows: toRows(taxonomy),
  groups: structuredClone(taxonomy.groups),
});

function itemsOf(rows: readonly Row[]): TTaxonomy['items'] {
  return rows.map(({ key: _key, isNew: _isNew, ...item }) => {
    const clean: TTaxonomy['items'][number] = { code: item.code, label: item.label };
    if (item.group) clean.group = item.group;
    if (item.chi) clean.chi = item.chi;
    if (item.retired) clean.retired = true;
    return clean;
  });
}

/** "Élément 3018 › Libellé anglais" for a path of the server's details. */
function describePath(t: GuidanceT, rows: readonly Row[], path: string): string | null {
  for (const [root, what] of [
    ['items', 'item'],
    ['groups', 'group'],
  ] as const) {
    const rest = relativePath(path, root);
    if (rest === null || rest === '') continue;
    const [key, field, lang] = rest.split('.');
    const code = what === 'item' ? (rows[Number(key)]?.code ?? key) : key;
    const words = [
      t(what === 'item' ? 'taxonomies.itemPath' : 'taxonomies.groupPath', { code: code || '?' }),
    ];
    const language = field === 'label' ? lang : field;
    if (language === 'fr') words.push(t('taxonomies.colLabelFr'));
    if (language === 'en') words.push(t('taxonomies.colLabelEn'));
    if (field === 'code') words.push(t('taxonomies.colCode'));
    if (field === 'group') words.push(t('taxonomies.colGroup'));
    return words.join(' › ');
  }
  return null;
}

function isTaxonomyName(value: string | null): value is TTaxonomyName {
  return value !== null && (TAXONOMY_NAMES as readonly string[]).includes(value);
}

export default function TaxonomiesPage() {
  const t = useGuidanceT();
  const { t: tt, i18n } = useTranslation();
  usePageTitle(t('taxonomies.title'), tt('console.brand'));
  const [params, setParams] = useSearchParams();
  const requested = params.get('list');
  const name: TTaxonomyName = isTaxonomyName(requested) ? requested : 'topics';
  const [taxonomies, setTaxonomies] = useState<TTaxonomy[] | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [filter, setFilter] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const current = taxonomies?.find((entry) => entry.name === name) ?? null;

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setTaxonomies(await guidanceApi.taxonomies());
    } catch (caught) {
      setLoadError(caught);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  // A fresh draft whenever the list shown or its stored version changes.
  useEffect(() => {
    setDraft(current ? draftOf(current) : null);
    setSaveError(null);
    setLocalError(null);
    setFilter('');
  }, [current]);

  const dirty = useMemo(() => {
    if (!current || !draft) return false;
    return (
      JSON.stringify(itemsOf(draft.rows)) !== JSON.stringify(itemsOf(toRows(current))) ||
      JSON.stringify(draft.groups) !== JSON.stringify(current.groups)
    );
  }, [current, draft]);
  useUnsavedChanges(dirty, t('form.leaveConfirm'));

  const choose = (next: string) => {
    if (!isTaxonomyName(next) || next === name) return;
    if (dirty && !window.confirm(t('form.leaveConfirm'))) return;
    setSaved(null);
    setParams({ list: next });
  };

  const update = (mutate: (next: Draft) => void) => {
    setSaved(null);
    setLocalError(null);
    setDraft((previous) => {
      if (!previous) return previous;
      const next = structuredClone(previous);
      mutate(next);
      return next;
    });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!current || !draft) return;
    const problems = draft.rows.map((row) => codeProblem(t, draft.rows, row)).filter(Boolean);
    if (problems.length > 0) {
      setLocalError(t('taxonomies.fixCodes', { count: problems.length }));
      return;
    }
    setBusy(true);
    setSaveError(null);
    setSaved(null);
    try {
      const stored = await guidanceApi.saveTaxonomy(name, {
        baseVersion: current.version,
        ...(Object.keys(draft.groups).length > 0 ? { groups: draft.groups } : {}),
        items: itemsOf(draft.rows),
      });
      setTaxonomies((list) => (list ?? []).map((entry) => (entry.name === stored.name ? stored : entry)));
      setSaved(stored.version);
    } catch (caught) {
      setSaveError(caught);
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    setBusy(true);
    await load();
    setBusy(false);
  };

  const needle = filter.trim().toLowerCase();
  const shown =
    draft?.rows.filter(
      (row) =>
        !needle ||
        row.isNew ||
        row.code.includes(needle) ||
        row.label.fr.toLowerCase().includes(needle) ||
        row.label.en.toLowerCase().includes(needle),
    ) ?? [];

  return (
    <>
      <h1>{t('taxonomies.title')}</h1>
      <p>{t('taxonomies.intro')}</p>
      <GuidanceError error={loadError} onRetry={() => void load()} />
      {!taxonomies && !loadError && (
        <p className="loading" role="status">
          {tt('common.loading')}
        </p>
      )}
      {taxonomies && (
        <div className="card">
          <SelectField
            label={t('taxonomies.choose')}
            value={name}
            onChange={choose}
            options={TAXONOMY_NAMES.map((list) => ({ value: list, label: t(`taxonomies.names.${list}`) }))}
          />
          {current && (
            <p className="muted">
              {t('taxonomies.versionLine', {
                version: current.version,
                count: current.items.length,
                date: formatDateTime(current.updatedAt, i18n.language),
              })}
            </p>
          )}
          {!current && <p>{t('taxonomies.missing')}</p>}
        </div>
      )}
      {current && draft && (
        <form
          className="form guidance-form"
          aria-label={t(`taxonomies.names.${name}`)}
          onSubmit={(event) => void save(event)}
          noValidate
        >
          <TaxonomyGroups
            groups={draft.groups}
            used={
              new Set(draft.rows.map((row) => row.group).filter((group): group is string => Boolean(group)))
            }
            error={saveError}
            onChange={(groups) =>
              update((next) => {
                next.groups = groups;
              })
            }
          />
          <section className="card" aria-labelledby="taxonomy-items-title">
            <h2 id="taxonomy-items-title">
              {t('taxonomies.itemsTitle', { list: t(`taxonomies.names.${name}`) })}
            </h2>
            <p className="field__hint">{t('taxonomies.itemsHint')}</p>
            <TextField
              label={t('taxonomies.filter')}
              type="search"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
            <p className="muted" role="status">
              {t('taxonomies.shown', { count: shown.length, total: draft.rows.length })}
            </p>
            <TableWrap label={t('taxonomies.itemsTitle', { list: t(`taxonomies.names.${name}`) })}>
              <TaxonomyTable
                rows={shown}
                allRows={draft.rows}
                groups={draft.groups}
                error={saveError}
                language={language}
                onChange={(key, patch) =>
                  update((next) => {
                    const row = next.rows.find((entry) => entry.key === key);
                    if (row) Object.assign(row, patch);
                  })
                }
                onRemove={(row) =>
                  update((next) => {
                    next.rows = next.rows.filter((entry) => entry.key !== row.key);
                  })
                }
              />
            </TableWrap>
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                update((next) => {
                  next.rows.push({ code: '', label: { fr: '', en: '' }, key: nextKey(), isNew: true });
                })
              }
            >
              {t('taxonomies.add')}
            </button>
          </section>
          <div className="sticky-actions">
            {localError && (
              <p className="notice notice--error" role="alert">
                {localError}
              </p>
            )}
            {isConflict(saveError) ? (
              <ConflictNotice onReload={() => void reload()} busy={busy} />
            ) : (
              <GuidanceError
                sticky
                error={saveError}
                describe={(path) => describePath(t, draft.rows, path)}
              />
            )}
            {saved !== null && <SuccessMessage>{t('form.saved', { version: saved })}</SuccessMessage>}
            <SubmitButton busy={busy}>{t('taxonomies.save')}</SubmitButton>
            {dirty && <p className="muted">{t('form.unsaved')}</p>}
          </div>
        </form>
      )}
    </>
  );
}
