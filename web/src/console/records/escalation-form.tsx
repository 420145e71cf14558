// The escalation form: the partner (grouped by kind; inactive ones hidden) decides which fields follow.
// Used to write a new escalation (from a contact or a case) and to edit one while it is a draft.
import './records.css';
import type { TEscalationForm, TPartner } from '@abri/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { SubmitButton } from '../../ui/fields.tsx';
import { FieldError } from './code-fields.tsx';
import { type EscalationDraft, formFromDraft, validate } from './escalation-draft.ts';
import { EscalationFields, escalationFieldLabels } from './escalation-fields.tsx';
import { useRecordsT } from './i18n.ts';
import { PartnerCard } from './partner-card.tsx';
import { partnersByKind, usePartners } from './partners.ts';
import { fieldErrors, RecordError } from './record-error.tsx';

export type EscalationInput = { partnerId: string; form: TEscalationForm };

export function EscalationForm({
  initialPartnerId = null,
  initial,
  submitLabel,
  onSave,
}: {
  initialPartnerId?: string | null;
  initial: EscalationDraft;
  submitLabel: string;
  /** Saves (POST or PATCH); a rejection is shown in the form. */
  onSave: (input: EscalationInput) => Promise<unknown>;
}) {
  const t = useRecordsT();
  const id = useId();
  const partners = usePartners();
  const [partnerId, setPartnerId] = useState<string | null>(initialPartnerId);
  const [draft, setDraft] = useState<EscalationDraft>(initial);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const partner: TPartner | undefined = partners.data?.find((entry) => entry.id === partnerId);
  const kind = partner?.kind ?? null;
  const localErrors = checked ? validate(t, kind, draft) : {};
  const errors = { ...fieldErrors(error, t), ...localErrors };

  const set = <K extends keyof EscalationDraft>(key: K, value: EscalationDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const focusFirst = (names: string[]) => {
    for (const name of names) {
      const target = formRef.current?.querySelector<HTMLElement>(
        `[data-field="${name}"] input, [data-field="${name}"] select, [data-field="${name}"] textarea`,
      );
      if (target) {
        target.focus();
        return;
      }
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    const problems = validate(t, kind, draft);
    if (!partner || Object.keys(problems).length > 0) {
      window.setTimeout(() => focusFirst(Object.keys(problems)), 0);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSave({ partnerId: partner.id, form: formFromDraft(partner.kind, draft) });
    } catch (caught) {
      setError(caught);
      window.setTimeout(() => focusFirst(Object.keys(fieldErrors(caught, t))), 0);
    } finally {
      setBusy(false);
    }
  };

  const groups = partnersByKind(partners.data ?? [], partnerId);
  return (
    <form
      ref={formRef}
      className="form"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        // Enter in a one-line field does not send the form; Ctrl+Enter does.
        if (event.key !== 'Enter' || (event.target as HTMLElement).tagName !== 'INPUT') return;
        if (event.ctrlKey || event.metaKey) return;
        event.preventDefault();
      }}
    >
      <RecordError error={partners.error} onRetry={() => void partners.reload()} />
      <div className="field" data-field="partnerId">
        <label htmlFor={`${id}-partner`} className="field__label">
          {t('escalationForm.partnerId')}
        </label>
        <select
          id={`${id}-partner`}
          className="field__input"
          value={partnerId ?? ''}
          aria-invalid={errors.partnerId ? true : undefined}
          aria-describedby={errors.partnerId ? `${id}-partner-error` : undefined}
          onChange={(event) => setPartnerId(event.target.value || null)}
        >
          <option value="">{t('escalation.choosePartnerOption')}</option>
          {groups.map((group) => (
            <optgroup key={group.kind} label={t(`partnerKind.${group.kind}`)}>
              {group.partners.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <FieldError id={`${id}-partner`} error={errors.partnerId} />
      </div>
      {partner && <PartnerCard partner={partner} />}
      {kind ? (
        <EscalationFields kind={kind} draft={draft} set={set} errors={errors} />
      ) : (
        <p className="muted">{t('escalation.partnerFirst')}</p>
      )}
      <RecordError error={error} labels={escalationFieldLabels(t)} />
      {checked && Object.keys(localErrors).length > 0 && (
        <p className="field__error" role="alert">
          {t('escalation.fixFields')}
        </p>
      )}
      <div className="actions">
        <SubmitButton busy={busy}>{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
