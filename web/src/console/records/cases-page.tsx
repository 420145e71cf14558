// /console/cases: the cases I may see, searched by reference or words, filtered by status, topic, dates
// opened, mine, follow-up due; the filters are in the address, so that back and a shared link keep them.
import './records.css';
import type { TCaseSummary } from '@abri/contracts';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { CheckboxField, SelectField, SubmitButton, TextField } from '../../ui/fields.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { formatDateTime } from '../format.ts';
import { CodeSelect } from './code-fields.tsx';
import { CASE_STATUSES, PAGE_SIZE } from './constants.ts';
import { formatDate, isDue } from './dates.ts';
import { useRecordsT } from './i18n.ts';
import { Pager, useFilterParams, usePage } from './pager.tsx';
import { RecordError } from './record-error.tsx';
import { codeLabels, optionGroups, useTaxonomies } from './taxonomies.ts';

const FILTERS = ['q', 'status', 'topic', 'from', 'to', 'mine', 'due'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

function filtersOf(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ''])) as Filters;
}

export default function CasesPage() {
  const t = useRecordsT();
  const { t: tt, i18n } = useTranslation();
  usePageTitle(t('cases.title'), tt('console.brand'));
  const [params, setFilters] = useFilterParams();
  const applied = filtersOf(params);
  const [draft, setDraft] = useState<Filters>(applied);
  const { offset } = usePage();
  const { taxonomies } = useTaxonomies();
  const query = new URLSearchParams();
  for (const key of FILTERS) if (applied[key]) query.set(key, applied[key]);
  query.set('limit', String(PAGE_SIZE));
  query.set('offset', String(offset));
  const queryString = query.toString();
  const { data, error, loading, reload } = useLoad(
    () => api.get<{ cases: TCaseSummary[]; total: number }>(`/api/cases?${queryString}`),
    [queryString],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...draft, q: draft.q.trim() });
  };
  const text = (key: keyof Filters) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) =>
      setDraft((current) => ({ ...current, [key]: event.target.value })),
  });
  const flag = (key: 'mine' | 'due') => ({
    checked: draft[key] === 'true',
    onChange: (event: { target: { checked: boolean } }) =>
      setDraft((current) => ({ ...current, [key]: event.target.checked ? 'true' : '' })),
  });

  return (
    <>
      <h1>{t('cases.title')}</h1>
      <p>
        <Link className="button button--primary" to="/console/cases/new">
          {t('cases.new')}
        </Link>
      </p>
      <section className="card" aria-labelledby="case-filters-title">
        <h2 id="case-filters-title">{t('list.filtersTitle')}</h2>
        <form className="form" onSubmit={submit} aria-labelledby="case-filters-title">
          <div className="form-grid form-grid--dense">
            <TextField
              label={t('cases.search')}
              hint={t('cases.searchHint')}
              type="search"
              maxLength={100}
              {...text('q')}
            />
            <SelectField
              label={t('cases.status')}
              value={draft.status}
              onChange={(value) => setDraft((current) => ({ ...current, status: value }))}
              options={[
                { value: '', label: t('list.any') },
                ...CASE_STATUSES.map((value) => ({ value, label: t(`caseStatus.${value}`) })),
              ]}
            />
            <CodeSelect
              name="topic"
              label={t('cases.topic')}
              emptyLabel={t('list.any')}
              groups={optionGroups(taxonomies?.topics, i18n.language, draft.topic ? [draft.topic] : [])}
              value={draft.topic || null}
              onChange={(value) => setDraft((current) => ({ ...current, topic: value ?? '' }))}
            />
            <TextField label={t('cases.from')} type="date" {...text('from')} />
            <TextField label={t('cases.to')} type="date" {...text('to')} />
          </div>
          <div className="checkbox-row">
            <CheckboxField label={t('cases.mine')} {...flag('mine')} />
            <CheckboxField label={t('cases.due')} {...flag('due')} />
          </div>
          <div className="actions">
            <SubmitButton busy={loading}>{t('list.apply')}</SubmitButton>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                const empty = filtersOf(new URLSearchParams());
                setDraft(empty);
                setFilters(empty);
              }}
            >
              {t('list.clear')}
            </button>
          </div>
        </form>
      </section>

      <RecordError error={error} onRetry={() => void reload()} />
      {data && data.cases.length === 0 && <p>{t('cases.noMatch')}</p>}
      {data && data.cases.length > 0 && (
        <TableWrap label={t('cases.listTitle')}>
          <table className="table table--dense" aria-busy={loading || undefined}>
            <caption>{t('cases.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.colReference')}</th>
                <th scope="col">{t('cases.colTitle')}</th>
                <th scope="col">{t('cases.colStatus')}</th>
                <th scope="col">{t('cases.colTopics')}</th>
                <th scope="col">{t('cases.colAssignee')}</th>
                <th scope="col">{t('cases.colFollowUp')}</th>
                <th scope="col">{t('cases.colUpdated')}</th>
              </tr>
            </thead>
            <tbody>
              {data.cases.map((found) => (
                <tr key={found.id}>
                  <td>
                    <Link to={`/console/cases/${found.id}`}>{found.reference}</Link>
                  </td>
                  <td>{found.title}</td>
                  <td>
                    <span className={`records-status records-status--${found.status}`}>
                      {t(`caseStatus.${found.status}`)}
                    </span>
                  </td>
                  <td>{codeLabels(taxonomies?.topics, found.topics, i18n.language).join(', ') || '—'}</td>
                  <td>{found.assigneeName ?? t('cases.unassigned')}</td>
                  <td>
                    {formatDate(found.followUpAt, i18n.language)}
                    {found.status !== 'closed' && isDue(found.followUpAt) && (
                      <span className="records-due"> {t('cases.dueBadge')}</span>
                    )}
                  </td>
                  <td>{formatDateTime(found.updatedAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {data && <Pager total={data.total} label={t('cases.pagerLabel')} />}
    </>
  );
}
