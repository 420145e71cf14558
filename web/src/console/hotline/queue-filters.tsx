// The queue's filters, applied together; they live in the address (see queue-page.tsx).
import { type FormEvent, useState } from 'react';
import { CheckboxField, SelectField, SubmitButton, TextField } from '../../ui/fields.tsx';
import { PRIORITIES, QUEUE_STATUS_FILTERS, REPORT_CATEGORIES } from './constants.ts';
import { useHotlineT } from './i18n.ts';

export const QUEUE_FILTERS = ['status', 'category', 'priority', 'host', 'assigned', 'overdue'] as const;
export type QueueFilters = Record<(typeof QUEUE_FILTERS)[number], string>;

export function filtersOf(params: URLSearchParams): QueueFilters {
  return Object.fromEntries(QUEUE_FILTERS.map((key) => [key, params.get(key) ?? ''])) as QueueFilters;
}

type Props = {
  applied: QueueFilters;
  busy: boolean;
  /** The "by host" view groups by host: only the status applies there. */
  hostsView: boolean;
  onApply: (filters: QueueFilters) => void;
};

export function QueueFiltersForm({ applied, busy, hostsView, onApply }: Props) {
  const t = useHotlineT();
  const [draft, setDraft] = useState<QueueFilters>(applied);
  const set = (key: keyof QueueFilters) => (value: string) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...draft, host: draft.host.trim().toLowerCase() });
  };
  return (
    <section className="card" aria-labelledby="hotline-filters-title">
      <h2 id="hotline-filters-title">{t('queue.filtersTitle')}</h2>
      <form className="form" onSubmit={submit} aria-labelledby="hotline-filters-title">
        <div className="form-grid form-grid--dense">
          <SelectField
            label={t('queue.filterStatus')}
            value={draft.status || 'open'}
            onChange={(value) => set('status')(value === 'open' ? '' : value)}
            options={QUEUE_STATUS_FILTERS.map((value) => ({ value, label: t(`statusFilter.${value}`) }))}
          />
          {!hostsView && (
            <>
              <SelectField
                label={t('queue.filterCategory')}
                value={draft.category}
                onChange={set('category')}
                options={[
                  { value: '', label: t('list.any') },
                  ...REPORT_CATEGORIES.map((value) => ({ value, label: t(`category.${value}`) })),
                ]}
              />
              <SelectField
                label={t('queue.filterPriority')}
                value={draft.priority}
                onChange={set('priority')}
                options={[
                  { value: '', label: t('list.any') },
                  ...PRIORITIES.map((value) => ({
                    value: String(value),
                    label: `${t('priority.short', { priority: value })} · ${t(`priority.${value}`)}`,
                  })),
                ]}
              />
              <TextField
                label={t('queue.filterHost')}
                hint={t('queue.filterHostHint')}
                type="search"
                maxLength={253}
                autoComplete="off"
                spellCheck={false}
                value={draft.host}
                onChange={(event) => set('host')(event.target.value)}
              />
              <SelectField
                label={t('queue.filterAssigned')}
                value={draft.assigned}
                onChange={set('assigned')}
                options={[
                  { value: '', label: t('queue.assignedAny') },
                  { value: 'me', label: t('queue.assignedMe') },
                  { value: 'unassigned', label: t('queue.assignedNobody') },
                ]}
              />
            </>
          )}
        </div>
        {!hostsView && (
          <CheckboxField
            label={t('queue.filterOverdue')}
            checked={draft.overdue === 'true'}
            onChange={(event) => set('overdue')(event.target.checked ? 'true' : '')}
          />
        )}
        <div className="actions">
          <SubmitButton busy={busy}>{t('list.apply')}</SubmitButton>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              const empty = filtersOf(new URLSearchParams());
              setDraft(empty);
              onApply(empty);
            }}
          >
            {t('list.clear')}
          </button>
        </div>
      </form>
    </section>
  );
}
