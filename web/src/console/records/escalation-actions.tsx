// What can be done with an escalation in its current state, each action a fold-out form (one open at a
// time): submit; approve or reject (supervisors); send by e-mail, or record it phoned or filed on the
// partner's portal; acknowledge; close. The server decides again; this only offers what makes sense.
import type { TEscalation, TPartner } from '@abri/contracts';
import { type FormEvent, type ReactNode, useState } from 'react';
import { api } from '../../api/client.ts';
import { SubmitButton, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useRecordsT } from './i18n.ts';
import { fieldErrors, RecordError } from './record-error.tsx';

type Panel = 'approve' | 'reject' | 'email' | 'phone' | 'portal' | 'acknowledge' | 'close';

type Props = {
  escalation: TEscalation;
  partner: TPartner | undefined;
  supervisor: boolean;
  onChanged: (escalation: TEscalation, message: string) => void;
};

export function EscalationActions({ escalation, partner, supervisor, onChanged }: Props) {
  const t = useRecordsT();
  const [panel, setPanel] = useState<Panel | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const status = escalation.status;

  const run = async (action: string, body: object, message: string) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await api.post<TEscalation>(`/api/escalations/${escalation.id}/${action}`, body);
      setPanel(null);
      onChanged(updated, message);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (name: Panel, label: string, danger = false) => (
    <button
      type="button"
      className={`button ${danger ? 'button--danger' : 'button--secondary'}`}
      aria-expanded={panel === name}
      onClick={() => {
        setError(null);
        setPanel((current) => (current === name ? null : name));
      }}
    >
      {label}
    </button>
  );

  const buttons: ReactNode[] = [];
  if (status === 'draft') {
    buttons.push(
      <button
        key="submit"
        type="button"
        className="button button--primary"
        disabled={busy}
        onClick={() => void run('submit', {}, t('escalation.done.submitted'))}
      >
        {t('escalation.action.submit')}
      </button>,
    );
  }
  if (status === 'pending_approval' && supervisor) {
    buttons.push(
      <span key="approve">{toggle('approve', t('escalation.action.approve'))}</span>,
      <span key="reject">{toggle('reject', t('escalation.action.reject'))}</span>,
    );
  }
  // An e-mail held (no mail server) or refused can be sent again, or recorded as phoned or filed instead.
  const retry =
    status === 'sending' && (escalation.mailStatus === 'held' || escalation.mailStatus === 'failed');
  if (status === 'approved' || retry) {
    if (partner?.email)
      buttons.push(<span key="email">{toggle('email', t('escalation.action.email'))}</span>);
    buttons.push(
      <span key="phone">{toggle('phone', t('escalation.action.phone'))}</span>,
      <span key="portal">{toggle('portal', t('escalation.action.portal'))}</span>,
    );
  }
  if (status === 'sent')
    buttons.push(<span key="ack">{toggle('acknowledge', t('escalation.action.acknowledge'))}</span>);
  // Not while an e-mail is on its way (the server refuses it too).
  if (status !== 'draft' && status !== 'closed' && (status !== 'sending' || retry)) {
    buttons.push(<span key="close">{toggle('close', t('escalation.action.close'), true)}</span>);
  }

  return (
    <section className="card" aria-labelledby="escalation-actions-title">
      <h2 id="escalation-actions-title">{t('escalation.actionsTitle')}</h2>
      {status === 'pending_approval' && !supervisor && (
        <p className="muted">{t('escalation.waitingApproval')}</p>
      )}
      {status === 'closed' && <p className="muted">{t('escalation.closedNothing')}</p>}
      {status === 'pending_approval' && supervisor && (
        <p className="muted">{t('escalation.ownApprovalHint')}</p>
      )}
      {buttons.length > 0 && <div className="row-actions">{buttons}</div>}
      {panel === 'approve' && (
        <ConfirmPanel
          text={t('escalation.approveConfirm', { partner: escalation.partnerName })}
          label={t('escalation.action.approve')}
          busy={busy}
          onConfirm={() => void run('approve', {}, t('escalation.done.approved'))}
        />
      )}
      {panel === 'email' && (
        <ConfirmPanel
          text={t('escalation.emailConfirm', { email: partner?.email ?? '' })}
          label={t('escalation.action.emailConfirm')}
          busy={busy}
          onConfirm={() => void run('send', { via: 'email' }, t('escalation.done.emailQueued'))}
        />
      )}
      {panel === 'reject' && (
        <NoteForm
          label={t('escalation.rejectComment')}
          field="comment"
          required
          submit={t('escalation.action.rejectConfirm')}
          busy={busy}
          error={error}
          onSubmit={(values) => void run('reject', { comment: values.note }, t('escalation.done.rejected'))}
        />
      )}
      {(panel === 'phone' || panel === 'portal') && (
        <NoteForm
          label={t('escalation.sendNote')}
          field="note"
          withReference
          submit={
            panel === 'phone' ? t('escalation.action.phoneConfirm') : t('escalation.action.portalConfirm')
          }
          busy={busy}
          error={error}
          onSubmit={(values) => void run('send', { via: panel, ...values }, t('escalation.done.sentByHand'))}
        />
      )}
      {panel === 'acknowledge' && (
        <NoteForm
          label={t('escalation.ackNote')}
          field="note"
          withReference
          submit={t('escalation.action.acknowledgeConfirm')}
          busy={busy}
          error={error}
          onSubmit={(values) => void run('acknowledge', values, t('escalation.done.acknowledged'))}
        />
      )}
      {panel === 'close' && (
        <NoteForm
          label={t('escalation.closeNote')}
          field="note"
          required
          submit={t('escalation.action.closeConfirm')}
          busy={busy}
          error={error}
          onSubmit={(values) => void run('close', { note: values.note }, t('escalation.done.closed'))}
        />
      )}
      {(panel === null || panel === 'approve' || panel === 'email') && <RecordError error={error} />}
    </section>
  );
}

function ConfirmPanel(props: { text: string; label: string; busy: boolean; onConfirm: () => void }) {
  return (
    <div className="form--inline-card records-subform">
      <p>{props.text}</p>
      <button
        type="button"
        className="button button--primary"
        disabled={props.busy}
        onClick={props.onConfirm}
      >
        {props.label}
      </button>
    </div>
  );
}

type NoteValues = { note?: string; partnerReference?: string };

function NoteForm(props: {
  label: string;
  field: 'note' | 'comment';
  required?: boolean;
  withReference?: boolean;
  submit: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: NoteValues) => void;
}) {
  const t = useRecordsT();
  const [note, setNote] = useState('');
  const [reference, setReference] = useState('');
  const [checked, setChecked] = useState(false);
  const errors = fieldErrors(props.error, t);
  const missing = checked && props.required && !note.trim() ? t('errors.required') : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (props.required && !note.trim()) return;
    props.onSubmit({
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(props.withReference && reference.trim() ? { partnerReference: reference.trim() } : {}),
    });
  };

  return (
    <form className="form form--inline-card records-subform" onSubmit={submit} noValidate>
      {props.withReference && (
        <TextField
          label={t('escalation.partnerReference')}
          hint={t('escalation.partnerReferenceHint')}
          maxLength={100}
          value={reference}
          onChange={(event) => setReference(event.target.value)}
          error={errors.partnerReference}
        />
      )}
      <TextAreaField
        label={props.required ? props.label : t('fields.optional', { label: props.label })}
        rows={3}
        maxLength={1000}
        required={props.required}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={missing ?? errors[props.field]}
      />
      <RecordError error={props.error} />
      <div>
        <SubmitButton busy={props.busy}>{props.submit}</SubmitButton>
      </div>
    </form>
  );
}
