// /console/cases/new (?contactId= to start from a contact): title, summary, topics, assignee, follow-up.
// The contact's topics and summary are offered as a start; the new case opens on its own page.
import './records.css';
import type { TCase, TCaseCreate, TContact } from '@abri/contracts';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { SelectField, SubmitButton, TextAreaField, TextField } from '../../ui/fields.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useLoad } from '../../ui/use-load.ts';
import { ConsoleLoading, useActiveSession } from '../session.tsx';
import type { Assignee } from './case-details-form.tsx';
import { CodeChecklist } from './code-fields.tsx';
import { fromDateInput } from './dates.ts';
import { useRecordsT } from './i18n.ts';
import { fieldErrors, RecordError } from './record-error.tsx';
import { optionGroups, useTaxonomies } from './taxonomies.ts';

export default function CaseNewPage() {
  const t = useRecordsT();
  const { t: tt } = useTranslation();
  usePageTitle(t('caseNew.title'), tt('console.brand'));
  const [params] = useSearchParams();
  const contactId = params.get('contactId');
  const contact = useLoad(
    () => (contactId ? api.get<TContact>(`/api/contacts/${contactId}`) : Promise.resolve(null)),
    [contactId],
  );
  if (contact.error) return <RecordError error={contact.error} onRetry={() => void contact.reload()} />;
  if (contact.loading) return <ConsoleLoading />;
  return (
    <>
      <p className="records-breadcrumb">
        <Link to="/console/cases">{t('cases.back')}</Link>
      </p>
      <h1>{t('caseNew.title')}</h1>
      <CaseCreateForm contact={contact.data} />
    </>
  );
}

function CaseCreateForm({ contact }: { contact: TContact | null }) {
  const t = useRecordsT();
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const session = useActiveSession();
  const { taxonomies } = useTaxonomies();
  const assignees = useLoad(() => api.get<Assignee[]>('/api/cases/assignees'), []);
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState(contact?.summary ?? '');
  const [topics, setTopics] = useState<string[]>(contact?.topics ?? []);
  const [assigneeId, setAssigneeId] = useState(session.user.id);
  const [followUpDay, setFollowUpDay] = useState('');
  const [followUpNote, setFollowUpNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error, t);
  const people = assignees.data ?? [{ id: session.user.id, displayName: session.user.displayName }];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body: TCaseCreate = {
      title: title.trim(),
      summary,
      topics,
      assigneeId: assigneeId || null,
      ...(contact ? { contactIds: [contact.id] } : {}),
      ...(followUpDay ? { followUpAt: fromDateInput(followUpDay) } : {}),
      ...(followUpNote.trim() ? { followUpNote: followUpNote.trim() } : {}),
    };
    try {
      const created = await api.post<TCase>('/api/cases', body);
      void navigate(`/console/cases/${created.id}`, { replace: true });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form className="form card" onSubmit={(event) => void submit(event)} aria-label={t('caseNew.title')}>
      {contact && (
        <p className="notice notice--info">{t('caseNew.withContact', { reference: contact.reference })}</p>
      )}
      <TextField
        label={t('case.title')}
        hint={t('caseNew.titleHint')}
        required
        maxLength={160}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={errors.title}
      />
      <TextAreaField
        label={t('case.summary')}
        hint={t('case.summaryHint')}
        rows={5}
        maxLength={4000}
        value={summary}
        onChange={(event) => setSummary(event.target.value)}
        error={errors.summary}
      />
      <CodeChecklist
        name="topics"
        label={t('case.topics')}
        groups={optionGroups(taxonomies?.topics, i18n.language, topics)}
        values={topics}
        onChange={setTopics}
        error={errors.topics}
        max={10}
      />
      <div className="form-grid form-grid--dense">
        <SelectField
          label={t('case.assignee')}
          value={assigneeId}
          onChange={setAssigneeId}
          options={[
            { value: '', label: t('cases.unassigned') },
            ...people.map((person) => ({ value: person.id, label: person.displayName })),
          ]}
        />
        <TextField
          label={t('case.followUpAt')}
          type="date"
          value={followUpDay}
          onChange={(event) => setFollowUpDay(event.target.value)}
          error={errors.followUpAt}
        />
      </div>
      <TextField
        label={t('case.followUpNote')}
        maxLength={500}
        value={followUpNote}
        onChange={(event) => setFollowUpNote(event.target.value)}
        error={errors.followUpNote}
      />
      <RecordError error={error ?? assignees.error} />
      <div className="actions">
        <SubmitButton busy={busy}>{t('caseNew.submit')}</SubmitButton>
      </div>
    </form>
  );
}
