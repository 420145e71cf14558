// A case's heading fields (title, status, assignee, follow-up date and note) and its summary and topics,
// each saved with its own button; both send only what changed.
import type { TCase, TCaseStatus, TCaseUpdate } from '@abri/contracts';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { SelectField, SubmitButton, TextAreaField, TextField } from '../../ui/fields.tsx';
import { CodeChecklist } from './code-fields.tsx';
import { CASE_STATUSES } from './constants.ts';
import { formatTime, fromDateInput, toDateInput } from './dates.ts';
import { useRecordsT } from './i18n.ts';
import { fieldErrors, RecordError } from './record-error.tsx';
import { optionGroups, useTaxonomies } from './taxonomies.ts';

export type Assignee = { id: string; displayName: string };

function useSave(caseId: string, revision: number, onSaved: (saved: TCase) => void) {
  const t = useRecordsT();
  const { i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const save = async (patch: TCaseUpdate) => {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      const saved = await api.patch<TCase>(`/api/cases/${caseId}`, { ...patch, revision });
      onSaved(saved);
      setStatus(t('case.saved', { time: formatTime(saved.updatedAt, i18n.language) }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, status, save };
}

export function CaseDetailsForm({
  record,
  assignees,
  onSaved,
}: {
  record: TCase;
  assignees: Assignee[];
  onSaved: (saved: TCase) => void;
}) {
  const t = useRecordsT();
  const id = useId();
  const [title, setTitle] = useState(record.title);
  const [status, setStatus] = useState<TCaseStatus>(record.status);
  const [assigneeId, setAssigneeId] = useState(record.assigneeId ?? '');
  const [followUpDay, setFollowUpDay] = useState(toDateInput(record.followUpAt));
  const [followUpNote, setFollowUpNote] = useState(record.followUpNote);
  const saving = useSave(record.id, record.revision, onSaved);
  const errors = fieldErrors(saving.error, t);
  const people =
    record.assigneeId && !assignees.some((person) => person.id === record.assigneeId)
      ? [...assignees, { id: record.assigneeId, displayName: record.assigneeName ?? record.assigneeId }]
      : assignees;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const patch: TCaseUpdate = {};
    if (title.trim() !== record.title) patch.title = title.trim();
    if (status !== record.status) patch.status = status;
    if ((assigneeId || null) !== record.assigneeId) patch.assigneeId = assigneeId || null;
    if (followUpDay !== toDateInput(record.followUpAt)) patch.followUpAt = fromDateInput(followUpDay);
    if (followUpNote !== record.followUpNote) patch.followUpNote = followUpNote;
    void saving.save(patch);
  };

  return (
    <form className="form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('case.detailsTitle')}
      </h2>
      <TextField
        label={t('case.title')}
        required
        maxLength={160}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={errors.title}
      />
      <div className="form-grid form-grid--dense">
        <SelectField
          label={t('case.status')}
          value={status}
          onChange={(value) => setStatus(value as TCaseStatus)}
          options={CASE_STATUSES.map((value) => ({ value, label: t(`caseStatus.${value}`) }))}
        />
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
        hint={t('case.followUpNoteHint')}
        maxLength={500}
        value={followUpNote}
        onChange={(event) => setFollowUpNote(event.target.value)}
        error={errors.followUpNote}
      />
      <RecordError error={saving.error} />
      <div className="actions">
        <SubmitButton busy={saving.busy}>{t('case.saveDetails')}</SubmitButton>
        <span role="status">{saving.status}</span>
      </div>
    </form>
  );
}

export function CaseSummaryForm({ record, onSaved }: { record: TCase; onSaved: (saved: TCase) => void }) {
  const t = useRecordsT();
  const { i18n } = useTranslation();
  const { taxonomies } = useTaxonomies();
  const [summary, setSummary] = useState(record.summary);
  const [topics, setTopics] = useState<string[]>(record.topics);
  const saving = useSave(record.id, record.revision, onSaved);
  const errors = fieldErrors(saving.error, t);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const patch: TCaseUpdate = {};
    if (summary !== record.summary) patch.summary = summary;
    if (topics.join() !== record.topics.join()) patch.topics = topics;
    void saving.save(patch);
  };

  const closed = record.status === 'closed';
  return (
    <form className="form" onSubmit={submit} aria-labelledby="case-summary-title">
      <h2 id="case-summary-title">{t('case.summaryTitle')}</h2>
      {closed && <p className="muted">{t('case.closedHint')}</p>}
      <fieldset className="records-bare-fieldset" disabled={closed}>
        <TextAreaField
          label={t('case.summary')}
          hint={t('case.summaryHint')}
          rows={6}
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
      </fieldset>
      <RecordError error={saving.error} />
      {!closed && (
        <div className="actions">
          <SubmitButton busy={saving.busy}>{t('case.saveSummary')}</SubmitButton>
          <span role="status">{saving.status}</span>
        </div>
      )}
    </form>
  );
}
