// Audit log (ability audit.read): filters, newest first, "older entries" by cursor, chain verification.
import type { TAuditEvent, TAuditVerifyResult } from '@abri/contracts';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { useTranslation } from '../i18n/index.ts';
import { ErrorMessage } from '../ui/error-message.tsx';
import { SelectField, SubmitButton, TextField } from '../ui/fields.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { TableWrap } from '../ui/table-wrap.tsx';
import { formatDateTime } from './format.ts';

type AuditPage = { events: TAuditEvent[]; nextBefore: number | null };
type Filters = { action: string; actor: string; subjectId: string; from: string; to: string; limit: string };

const EMPTY: Filters = { action: '', actor: '', subjectId: '', from: '', to: '', limit: '50' };
const LIMITS = ['25', '50', '100', '200'];

/** datetime-local values are local times; the API wants ISO date-times. */
function toIso(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function queryString(filters: Filters, before: number | null): string {
  const params = new URLSearchParams();
  for (const key of ['action', 'actor', 'subjectId'] as const) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
  const from = toIso(filters.from);
  const to = toIso(filters.to);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (before !== null) params.set('before', String(before));
  params.set('limit', filters.limit);
  return params.toString();
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('console.audit.title'), t('console.brand'));
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [events, setEvents] = useState<TAuditEvent[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [verify, setVerify] = useState<TAuditVerifyResult | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);

  const load = useCallback(async (filters: Filters, before: number | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api.get<AuditPage>(`/api/admin/audit?${queryString(filters, before)}`);
      setEvents((current) => (before === null ? page.events : [...current, ...page.events]));
      setNextBefore(page.nextBefore);
    } catch (caught) {
      setError(caught);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(applied, null);
  }, [applied, load]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied({ ...draft });
  };

  const runVerify = async (full: boolean) => {
    setVerifying(true);
    setVerifyError(null);
    setVerify(null);
    try {
      setVerify(await api.get<TAuditVerifyResult>(`/api/admin/audit/verify${full ? '?full=true' : ''}`));
    } catch (caught) {
      setVerifyError(caught);
    } finally {
      setVerifying(false);
    }
  };

  const field = (key: keyof Filters) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) =>
      setDraft((current) => ({ ...current, [key]: event.target.value })),
  });

  return (
    <>
      <h1>{t('console.audit.title')}</h1>

      <section className="card" aria-labelledby="verify-title">
        <h2 id="verify-title" className="visually-hidden">
          {t('console.audit.verify')}
        </h2>
        <button
          type="button"
          className="button button--primary"
          onClick={() => void runVerify(false)}
          disabled={verifying}
        >
          {t('console.audit.verify')}
        </button>{' '}
        <button type="button" className="button" onClick={() => void runVerify(true)} disabled={verifying}>
          {t('console.audit.verifyFull')}
        </button>
        <div role="status">
          {verify?.ok && (
            <p className="notice notice--success">
              {verify.mode === 'incremental'
                ? t('console.audit.verifyOkIncremental', { count: verify.checked, from: verify.from - 1 })
                : t('console.audit.verifyOk', { count: verify.checked })}
            </p>
          )}
          {verify && verify.problems.length > 0 && (
            <div className="notice notice--error">
              <p>{t('console.audit.verifyProblems')}</p>
              <ul>
                {verify.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </div>
          )}
          {verify && verify.warnings.length > 0 && (
            <div className="notice notice--info">
              <p>{t('console.audit.verifyWarnings')}</p>
              <ul>
                {verify.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            </div>
          )}
          {verify?.firstBroken && (
            <p className="notice notice--error">
              {t('console.audit.verifyBroken', {
                seq: verify.firstBroken.seq,
                reason: verify.firstBroken.reason,
                count: verify.checked,
              })}
            </p>
          )}
        </div>
        <ErrorMessage error={verifyError} />
      </section>

      <section className="card" aria-labelledby="filters-title">
        <h2 id="filters-title">{t('console.audit.filtersTitle')}</h2>
        <form className="form" onSubmit={submit} aria-labelledby="filters-title">
          <div className="form-grid form-grid--dense">
            <TextField label={t('console.audit.action')} maxLength={64} {...field('action')} />
            <TextField label={t('console.audit.actor')} maxLength={64} {...field('actor')} />
            <TextField label={t('console.audit.subjectId')} maxLength={128} {...field('subjectId')} />
            <TextField label={t('console.audit.from')} type="datetime-local" {...field('from')} />
            <TextField label={t('console.audit.to')} type="datetime-local" {...field('to')} />
            <SelectField
              label={t('console.audit.limit')}
              value={draft.limit}
              onChange={(value) => setDraft((current) => ({ ...current, limit: value }))}
              options={LIMITS.map((value) => ({ value, label: value }))}
            />
          </div>
          <div className="actions">
            <SubmitButton busy={loading}>{t('console.audit.apply')}</SubmitButton>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setDraft(EMPTY);
                setApplied({ ...EMPTY });
              }}
            >
              {t('console.audit.clear')}
            </button>
          </div>
        </form>
      </section>

      <ErrorMessage error={error} onRetry={() => void load(applied, null)} />
      <TableWrap label={t('console.audit.tableCaption')}>
        <table className="table table--dense" aria-busy={loading || undefined}>
          <caption>{t('console.audit.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.audit.colSeq')}</th>
              <th scope="col">{t('console.audit.colAt')}</th>
              <th scope="col">{t('console.audit.colActor')}</th>
              <th scope="col">{t('console.audit.colAction')}</th>
              <th scope="col">{t('console.audit.colSubject')}</th>
              <th scope="col">{t('console.audit.colDetails')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.seq}>
                <td>{event.seq}</td>
                <td>{formatDateTime(event.at, i18n.language)}</td>
                <td>{event.actorName ?? event.actorId ?? t('console.audit.system')}</td>
                <td>
                  <code>{event.action}</code>
                </td>
                <td>{[event.subjectType, event.subjectId].filter(Boolean).join(' ') || '—'}</td>
                <td>
                  {Object.keys(event.details).length > 0 ? (
                    <code className="details">{JSON.stringify(event.details)}</code>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {!loading && !error && events.length === 0 && <p>{t('console.audit.empty')}</p>}
      {nextBefore !== null && (
        <div className="actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void load(applied, nextBefore)}
            disabled={loading}
          >
            {t('console.audit.older')}
          </button>
        </div>
      )}
    </>
  );
}
