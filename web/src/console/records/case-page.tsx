// /console/cases/:id: a case's heading fields, summary and topics, contacts, timeline with notes, its
// escalations, and the handover PDF.
import './records.css';
import type { TCase } from '@abri/contracts';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { useLoad } from '../../ui/use-load.ts';
import { formatDateTime } from '../format.ts';
import { ConsoleLoading, hasAbility, useActiveSession } from '../session.tsx';
import { CaseContacts } from './case-contacts.tsx';
import { type Assignee, CaseDetailsForm, CaseSummaryForm } from './case-details-form.tsx';
import { CaseDocuments } from './case-documents.tsx';
import { CaseTimeline } from './case-timeline.tsx';
import { isDue } from './dates.ts';
import { EscalationList } from './escalation-list.tsx';
import { useRecordsT } from './i18n.ts';
import { RecordError } from './record-error.tsx';

export default function CasePage() {
  const t = useRecordsT();
  const { t: tt, i18n } = useTranslation();
  const { id = '' } = useParams();
  const session = useActiveSession();
  const supervisor = hasAbility(session, 'helpline.supervise');
  const { data: record, setData, error, reload } = useLoad(() => api.get<TCase>(`/api/cases/${id}`), [id]);
  const assignees = useLoad(() => api.get<Assignee[]>('/api/cases/assignees'), []);
  usePageTitle(
    record ? t('case.pageTitle', { reference: record.reference }) : t('cases.title'),
    tt('console.brand'),
  );

  if (error) return <RecordError error={error} onRetry={() => void reload()} />;
  if (!record) return <ConsoleLoading />;
  const due = record.status !== 'closed' && isDue(record.followUpAt);

  return (
    <>
      <p className="records-breadcrumb">
        <Link to="/console/cases">{t('cases.back')}</Link>
      </p>
      <h1>
        {t('case.pageTitle', { reference: record.reference })}{' '}
        <span className="records-h1-sub">{record.title}</span>
      </h1>
      <p className="muted">
        {t('case.meta', {
          by: record.createdByName ?? t('case.system'),
          when: formatDateTime(record.createdAt, i18n.language),
        })}
        {record.closedAt &&
          ` · ${t('case.closedAt', { when: formatDateTime(record.closedAt, i18n.language) })}`}
      </p>
      {due && (
        <p className="notice notice--info">
          {t('case.followUpDue', { note: record.followUpNote || t('case.noFollowUpNote') })}
        </p>
      )}
      <div className="row-actions records-page-actions">
        <Link className="button button--secondary" to={`/console/escalations/new?caseId=${record.id}`}>
          {t('escalation.escalate')}
        </Link>
        <a
          className="button button--secondary"
          href={`/api/cases/${record.id}/pdf`}
          target="_blank"
          rel="noopener"
          // The export is written in the timeline: show it once the PDF has been asked for.
          onClick={() => window.setTimeout(() => void reload(), 2000)}
        >
          {t('case.exportPdf')}
        </a>
      </div>

      <div className="records-layout">
        <div className="records-layout__main">
          <section className="card">
            <RecordError error={assignees.error} onRetry={() => void assignees.reload()} />
            <CaseDetailsForm
              key={record.id}
              record={record}
              assignees={assignees.data ?? []}
              onSaved={setData}
            />
          </section>
          <section className="card">
            <CaseSummaryForm key={record.id} record={record} onSaved={setData} />
          </section>
          <CaseTimeline record={record} supervisor={supervisor} onChanged={setData} />
        </div>
        <div className="records-layout__side">
          <CaseContacts record={record} onChanged={setData} />
          <CaseDocuments record={record} onChanged={setData} />
          <section className="card" aria-labelledby="case-escalations-title">
            <h2 id="case-escalations-title">{t('escalations.title')}</h2>
            <EscalationList filter={{ caseId: record.id }} compact />
          </section>
        </div>
      </div>
    </>
  );
}
