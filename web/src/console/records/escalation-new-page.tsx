// /console/escalations/new?contactId= or ?caseId=: a new escalation from a contact or a case, started
// from what the record already says; saved as a draft, it opens on its own page.
import './records.css';
import type { TCase, TContact, TEscalation } from '@abri/contracts';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { useLoad } from '../../ui/use-load.ts';
import { ConsoleLoading } from '../session.tsx';
import { draftFromContact, EMPTY_DRAFT } from './escalation-draft.ts';
import { EscalationForm } from './escalation-form.tsx';
import { useRecordsT } from './i18n.ts';
import { RecordError } from './record-error.tsx';
import { codeLabel, useTaxonomies } from './taxonomies.ts';

type Source = { contact: TContact | null; record: TCase | null };

export default function EscalationNewPage() {
  const t = useRecordsT();
  const { t: tt, i18n } = useTranslation();
  usePageTitle(t('escalation.newTitle'), tt('console.brand'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const contactId = params.get('contactId');
  const caseId = params.get('caseId');
  const { taxonomies } = useTaxonomies();
  const source = useLoad<Source>(async () => {
    const [contact, record] = await Promise.all([
      contactId ? api.get<TContact>(`/api/contacts/${contactId}`) : null,
      caseId ? api.get<TCase>(`/api/cases/${caseId}`) : null,
    ]);
    return { contact, record };
  }, [contactId, caseId]);

  if (!contactId && !caseId) {
    return (
      <>
        <h1>{t('escalation.newTitle')}</h1>
        <p className="notice notice--info">{t('escalation.needSource')}</p>
        <p>
          <Link to="/console/contacts">{t('nav.contacts')}</Link> ·{' '}
          <Link to="/console/cases">{t('nav.cases')}</Link>
        </p>
      </>
    );
  }
  if (source.error) return <RecordError error={source.error} onRetry={() => void source.reload()} />;
  if (!source.data) return <ConsoleLoading />;
  const { contact, record } = source.data;
  const platform = contact?.platforms[0];
  // The platform's name is written into the form: wait for the lists that have it.
  if (platform && !taxonomies) return <ConsoleLoading />;
  const initial = contact
    ? draftFromContact(contact, platform ? codeLabel(taxonomies?.platforms, platform, i18n.language) : null)
    : { ...EMPTY_DRAFT, whatHappened: record?.summary ?? '' };
  const back = contact ? `/console/contacts/${contact.id}` : `/console/cases/${record?.id}`;
  const reference = contact?.reference ?? record?.reference ?? '';

  return (
    <>
      <p className="records-breadcrumb">
        <Link to={back}>{t('escalation.backTo', { reference })}</Link>
      </p>
      <h1>{t('escalation.newTitle')}</h1>
      <p className="muted">{t('escalation.newIntro', { reference })}</p>
      <section className="card">
        <EscalationForm
          initial={initial}
          submitLabel={t('escalation.saveDraft')}
          onSave={async (input) => {
            const created = await api.post<TEscalation>('/api/escalations', {
              ...input,
              ...(contact ? { contactId: contact.id } : {}),
              ...(record ? { caseId: record.id } : {}),
            });
            void navigate(`/console/escalations/${created.id}`, { replace: true, state: { created: true } });
          }}
        />
      </section>
    </>
  );
}
