// A case's timeline (oldest first, as the server gives it), each event told in words with who and when,
// and the form to add a note; only supervisors may mark a note "supervisors only".
import type { TCase, TCaseEvent } from '@abri/contracts';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { CheckboxField, SubmitButton, TextAreaField } from '../../ui/fields.tsx';
import { formatDateTime } from '../format.ts';
import { CASE_EVENT_KINDS } from './constants.ts';
import { formatDate } from './dates.ts';
import { hasRecordsKey, type RecordsKey, type RecordsT, useRecordsT } from './i18n.ts';
import { fieldErrors, RecordError } from './record-error.tsx';

type Data = TCaseEvent['data'];

function pick(data: Data, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = data[key];
    if (value !== undefined && value !== null && value !== '') return String(value);
  }
  return null;
}

/** What an event says, from its kind and the codes in its data. */
export function eventText(t: RecordsT, event: TCaseEvent, language: string): string {
  if (!(CASE_EVENT_KINDS as readonly string[]).includes(event.kind)) return event.kind;
  const data = event.data;
  const status = pick(data, 'status', 'to');
  const action = pick(data, 'action');
  const statusKey = event.kind === 'escalation' ? `escalationStatus.${status}` : `caseStatus.${status}`;
  const date = pick(data, 'followUpAt', 'at', 'date');
  const values = {
    reference: pick(data, 'reference', 'contactReference', 'escalationReference') ?? '',
    status: status && hasRecordsKey(statusKey) ? t(statusKey as RecordsKey) : (status ?? ''),
    assignee: pick(data, 'assignee', 'assigneeName', 'name') ?? '',
    partner: pick(data, 'partnerName', 'partner') ?? '',
    date: date ? formatDate(date, language) : '',
    filename: pick(data, 'filename') ?? '',
  };
  // An escalation's step, in the words of its history (the status when the step is not known here).
  if (event.kind === 'escalation' && action && hasRecordsKey(`history.${action}`)) {
    return t('timeline.escalationStep', { ...values, step: t(`history.${action}` as RecordsKey) });
  }
  if (event.kind === 'assigned' && !values.assignee) return t('timeline.unassigned');
  if (event.kind === 'follow_up_set' && !values.date) return t('timeline.followUpCleared');
  return t(`timeline.${event.kind}`, values);
}

/** Oldest first; events of the same moment with the case's opening first. */
function inOrder(timeline: TCaseEvent[]): TCaseEvent[] {
  const rank = (event: TCaseEvent) => (event.kind === 'created' ? 0 : 1);
  return [...timeline].sort(
    (a, b) => new Date(a.at).getTime() - new Date(b.at).getTime() || rank(a) - rank(b),
  );
}

export function CaseTimeline({
  record,
  supervisor,
  onChanged,
}: {
  record: TCase;
  supervisor: boolean;
  onChanged: (saved: TCase) => void;
}) {
  const t = useRecordsT();
  const { i18n } = useTranslation();
  return (
    <section className="card" aria-labelledby="case-timeline-title">
      <h2 id="case-timeline-title">{t('case.timelineTitle')}</h2>
      <ol className="records-timeline">
        {inOrder(record.timeline).map((event) => (
          <li key={event.id} className={event.restricted ? 'records-timeline__restricted' : undefined}>
            <p className="records-timeline__what">
              <strong>{eventText(t, event, i18n.language)}</strong>
              {event.restricted && <span className="records-tag">{t('case.restricted')}</span>}
            </p>
            <p className="muted records-timeline__meta">
              {t('case.eventMeta', {
                who: event.actorName ?? t('case.system'),
                when: formatDateTime(event.at, i18n.language),
              })}
            </p>
            {event.body && <p className="preserve-lines">{event.body}</p>}
          </li>
        ))}
      </ol>
      <NoteForm caseId={record.id} supervisor={supervisor} onSaved={onChanged} />
    </section>
  );
}

function NoteForm({
  caseId,
  supervisor,
  onSaved,
}: {
  caseId: string;
  supervisor: boolean;
  onSaved: (saved: TCase) => void;
}) {
  const t = useRecordsT();
  const [body, setBody] = useState('');
  const [restricted, setRestricted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      const saved = await api.post<TCase>(`/api/cases/${caseId}/notes`, {
        body: body.trim(),
        ...(supervisor && restricted ? { restricted: true } : {}),
      });
      onSaved(saved);
      setBody('');
      setRestricted(false);
      setStatus(t('case.noteAdded'));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form form--inline-card"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="note-title"
    >
      <h3 id="note-title">{t('case.addNote')}</h3>
      <TextAreaField
        label={t('case.note')}
        rows={3}
        maxLength={4000}
        required
        value={body}
        onChange={(event) => setBody(event.target.value)}
        error={fieldErrors(error, t).body}
      />
      {supervisor && (
        <CheckboxField
          label={t('case.restrictedLabel')}
          checked={restricted}
          onChange={(event) => setRestricted(event.target.checked)}
        />
      )}
      <RecordError error={error} />
      <div className="actions">
        <SubmitButton busy={busy}>{t('case.addNoteSubmit')}</SubmitButton>
        <span role="status">{status}</span>
      </div>
    </form>
  );
}
