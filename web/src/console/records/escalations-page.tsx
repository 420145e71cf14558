// /console/escalations: every escalation the reader may see, by status; supervisors get those awaiting
// their approval first.
import './records.css';
import { api } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { SelectField } from '../../ui/fields.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useLoad } from '../../ui/use-load.ts';
import { hasAbility, useActiveSession } from '../session.tsx';
import { ESCALATION_STATUSES, PAGE_SIZE } from './constants.ts';
import { type EscalationListResponse, EscalationTable } from './escalation-list.tsx';
import { useRecordsT } from './i18n.ts';
import { Pager, useFilterParams, usePage } from './pager.tsx';
import { RecordError } from './record-error.tsx';

export default function EscalationsPage() {
  const t = useRecordsT();
  const { t: tt } = useTranslation();
  usePageTitle(t('escalations.title'), tt('console.brand'));
  const session = useActiveSession();
  const supervisor = hasAbility(session, 'helpline.supervise');
  const [params, setFilters] = useFilterParams();
  const status = params.get('status') ?? '';
  const { offset } = usePage();
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
  if (status) query.set('status', status);
  const queryString = query.toString();
  const list = useLoad(
    () => api.get<EscalationListResponse>(`/api/escalations?${queryString}`),
    [queryString],
  );
  const awaiting = useLoad(
    () =>
      supervisor
        ? api.get<EscalationListResponse>('/api/escalations?status=pending_approval&limit=50')
        : Promise.resolve(null),
    [supervisor],
  );

  return (
    <>
      <h1>{t('escalations.title')}</h1>
      <p className="muted">{t('escalations.intro')}</p>
      {supervisor && (
        <section className="card card--warning" aria-labelledby="awaiting-title">
          <h2 id="awaiting-title">{t('escalations.awaitingTitle')}</h2>
          <RecordError error={awaiting.error} onRetry={() => void awaiting.reload()} />
          {awaiting.data && awaiting.data.escalations.length === 0 && <p>{t('escalations.noneAwaiting')}</p>}
          {awaiting.data && awaiting.data.escalations.length > 0 && (
            <EscalationTable
              escalations={awaiting.data.escalations}
              caption={t('escalations.awaitingTitle')}
            />
          )}
        </section>
      )}
      <section className="card" aria-labelledby="escalations-list-title">
        <h2 id="escalations-list-title">{t('escalations.listTitle')}</h2>
        <div className="records-inline-form">
          <SelectField
            label={t('escalations.status')}
            value={status}
            onChange={(value) => setFilters({ status: value })}
            options={[
              { value: '', label: t('list.any') },
              ...ESCALATION_STATUSES.map((value) => ({ value, label: t(`escalationStatus.${value}`) })),
            ]}
          />
        </div>
        <RecordError error={list.error} onRetry={() => void list.reload()} />
        {list.data && list.data.escalations.length === 0 && <p>{t('escalations.none')}</p>}
        {list.data && list.data.escalations.length > 0 && (
          <EscalationTable escalations={list.data.escalations} />
        )}
        {list.data && <Pager total={list.data.total} label={t('escalations.pagerLabel')} />}
      </section>
    </>
  );
}
