// Fields filled from a taxonomy: a select with <optgroup>s (type-ahead works natively) and a grouped
// checkbox list, folded when long, with a filter box (Enter in the filter ticks the first match). Each field carries
// data-field=<name>, so that a form can move focus to the first field the server says is missing.
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { useRecordsT } from './i18n.ts';
import type { OptionGroup } from './taxonomies.ts';

type Common = {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
};

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="field__error">
      {error}
    </p>
  );
}

export function CodeSelect({
  name,
  label,
  hint,
  error,
  value,
  onChange,
  groups,
  emptyLabel,
}: Common & {
  value: string | null;
  onChange: (value: string | null) => void;
  groups: OptionGroup[];
  /** The first, empty choice ("not given"); none when the field always has a value. */
  emptyLabel?: string | undefined;
}) {
  const id = useId();
  return (
    <div className="field" data-field={name}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <select
        id={id}
        name={name}
        className="field__input"
        value={value ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {groups.map((group) =>
          group.label ? (
            <optgroup key={group.key} label={group.label}>
              {group.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ) : (
            group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))
          ),
        )}
      </select>
      <FieldError id={id} error={error} />
    </div>
  );
}

function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/**
 * Checkboxes by group. A long list starts folded: a filter box shows the matches as one types (Enter ticks
 * the first, Down goes to them), the ticked items stay in view, and a button unfolds the whole list.
 */
export function CodeChecklist({
  name,
  label,
  hint,
  error,
  values,
  onChange,
  groups,
  max,
}: Common & {
  values: readonly string[];
  onChange: (values: string[]) => void;
  groups: OptionGroup[];
  max?: number | undefined;
}) {
  const t = useRecordsT();
  const id = useId();
  const [filter, setFilter] = useState('');
  const [expanded, setExpanded] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  const total = groups.reduce((sum, group) => sum + group.options.length, 0);
  const filterable = total > 12;
  const words = normalise(filter.trim());
  const matches = (option: { value: string; label: string }, group: OptionGroup) =>
    normalise(`${option.label} ${group.label ?? ''}`).includes(words);
  const shown = groups
    .map((group) => ({
      ...group,
      options: group.options.filter((option) => {
        if (!filterable) return true;
        if (words) return matches(option, group) || values.includes(option.value);
        return expanded || values.includes(option.value);
      }),
    }))
    .filter((group) => group.options.length > 0);
  const matchCount = words
    ? groups.reduce((sum, group) => sum + group.options.filter((option) => matches(option, group)).length, 0)
    : 0;
  const labelOf = new Map(
    groups.flatMap((group) => group.options.map((option) => [option.value, option.label] as const)),
  );

  const toggle = (code: string, on: boolean) => {
    if (on && values.includes(code)) return;
    onChange(on ? [...values, code] : values.filter((value) => value !== code));
  };

  const onFilterKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && filter) {
      event.preventDefault();
      event.stopPropagation();
      setFilter('');
      return;
    }
    if (event.key === 'ArrowDown') {
      const first = listRef.current?.querySelector<HTMLInputElement>('input:not(:disabled)');
      if (first) {
        event.preventDefault();
        first.focus();
      }
      return;
    }
    if (event.key !== 'Enter' || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const first = groups
      .flatMap((group) => group.options.filter((option) => matches(option, group)))
      .find((option) => !values.includes(option.value));
    if (words && first && (max === undefined || values.length < max)) {
      toggle(first.value, true);
      setFilter('');
    }
  };

  return (
    <fieldset
      className="fieldset records-checklist"
      data-field={name}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend>{label}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <FieldError id={id} error={error} />
      <p className="records-checklist__chosen" aria-live="polite">
        {values.length === 0
          ? t('fields.noneChosen')
          : t('fields.chosen', { list: values.map((code) => labelOf.get(code) ?? code).join(', ') })}
      </p>
      {filterable && (
        <div className="field records-checklist__filter">
          <label htmlFor={`${id}-filter`} className="field__label">
            {t('fields.filter', { name: label })}
          </label>
          <p id={`${id}-filter-hint`} className="field__hint">
            {t('fields.filterHint')}
          </p>
          <input
            id={`${id}-filter`}
            type="search"
            className="field__input"
            autoComplete="off"
            value={filter}
            aria-describedby={`${id}-filter-hint`}
            aria-controls={`${id}-list`}
            onChange={(event) => setFilter(event.target.value)}
            onKeyDown={onFilterKey}
          />
          <p className="visually-hidden" aria-live="polite">
            {words ? t('fields.matches', { count: matchCount }) : ''}
          </p>
        </div>
      )}
      {words && matchCount === 0 && <p className="muted">{t('fields.noMatch')}</p>}
      <div className="records-checklist__groups" id={`${id}-list`} ref={listRef}>
        {shown.map((group) => (
          <div key={group.key || '_'} className="records-checklist__group">
            {group.label && (
              <p className="records-checklist__heading" id={`${id}-${group.key}`}>
                {group.label}
              </p>
            )}
            <ul className="plain-list" aria-labelledby={group.label ? `${id}-${group.key}` : undefined}>
              {group.options.map((option) => {
                const checked = values.includes(option.value);
                const full = !checked && max !== undefined && values.length >= max;
                return (
                  <li key={option.value} className="checkbox">
                    <input
                      id={`${id}-${option.value}`}
                      type="checkbox"
                      checked={checked}
                      disabled={full}
                      onChange={(event) => toggle(option.value, event.target.checked)}
                    />
                    <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
      {filterable && (
        <button
          type="button"
          className="button button--small"
          aria-expanded={expanded}
          aria-controls={`${id}-list`}
          onClick={() => setExpanded((open) => !open)}
        >
          {expanded ? t('fields.fold') : t('fields.unfold', { count: total })}
        </button>
      )}
    </fieldset>
  );
}
