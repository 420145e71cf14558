// The contact record form, used on its own page and in the chat workspace. The call type comes first:
// a silent call, a hang-up or a wrong number is complete with it alone. Saves send the revision the form
// was loaded at (someone else's newer save is never overwritten); Enter in a field never saves by
// accident, Ctrl+Enter saves as complete; the server's list of missing fields shows next to each field.
import './records.css';
import type { TContact } from '@abri/contracts';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { api, toApiError } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { RadioGroupField } from '../../ui/fields.tsx';
import { CALL_TYPES, isSubstantive, PROTOCOL_STEP_COUNT } from './constants.ts';
import { type ContactDraft, changes, draftFrom, durationOf, rebase } from './contact-draft.ts';
import { ContactFields, contactFieldLabels } from './contact-fields.tsx';
import { formatTime } from './dates.ts';
import { useRecordsT } from './i18n.ts';
import { fieldErrors, RecordError } from './record-error.tsx';
import { useTaxonomies } from './taxonomies.ts';

export type ContactFormProps = {
  contact: TContact;
  onSaved?: (contact: TContact) => void;
  /** A narrow column (the chat workspace): one field per row. */
  compact?: boolean;
};

type CallType = TContact['callType'];

export function ContactForm({ contact, onSaved, compact = false }: ContactFormProps) {
  const t = useRecordsT();
  const { i18n } = useTranslation();
  const { taxonomies, error: taxonomiesError, reload } = useTaxonomies();
  const [base, setBase] = useState(contact);
  const [draft, setDraft] = useState<ContactDraft>(() => draftFrom(contact));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [status, setStatus] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();

  // A newer version from outside (the chat workspace saved the checklist, the page reloaded it): it
  // becomes the base the next save is checked against, and what was typed here since is kept.
  useEffect(() => {
    if (contact.id !== base.id) {
      setBase(contact);
      setDraft(draftFrom(contact));
      setError(null);
      setConflict(false);
    } else if (contact.revision > base.revision) {
      setBase(contact);
      setDraft((current) => rebase(current, base, contact));
      setConflict(false);
    }
  }, [contact, base]);

  const set = <K extends keyof ContactDraft>(key: K, value: ContactDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const substantive = isSubstantive(draft.callType);
  const localErrors: Record<string, string> = {};
  if (substantive && Number.isNaN(durationOf(draft)))
    localErrors.durationMinutes = t('contact.durationInvalid');
  const errors = { ...fieldErrors(error, t), ...localErrors };
  const complete = base.status === 'complete';

  const focusField = (field: string | undefined) => {
    if (!field) return;
    const target = formRef.current?.querySelector<HTMLElement>(
      `[data-field="${field}"] input:not([type="hidden"]), [data-field="${field}"] select, [data-field="${field}"] textarea`,
    );
    target?.focus();
  };

  const save = async (asComplete: boolean) => {
    if (busy) return;
    if (Object.keys(localErrors).length > 0) {
      focusField(Object.keys(localErrors)[0]);
      return;
    }
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      const saved = await api.patch<TContact>(`/api/contacts/${base.id}`, {
        revision: base.revision,
        ...changes(draft, base),
        ...(asComplete ? { complete: true } : {}),
      });
      setBase(saved);
      setDraft(draftFrom(saved));
      setConflict(false);
      const time = formatTime(saved.updatedAt, i18n.language);
      setStatus(
        saved.status === 'complete'
          ? t('contact.savedComplete', { time })
          : t('contact.savedDraft', { time }),
      );
      onSaved?.(saved);
    } catch (caught) {
      const apiError = toApiError(caught);
      if (apiError.code === 'RECORD_REVISION_CONFLICT') {
        setConflict(true);
      } else {
        setError(caught);
        const first = Object.keys(fieldErrors(caught, t))[0];
        // Wait for the fields to show their messages, then go to the first one.
        if (first) window.setTimeout(() => focusField(first), 0);
      }
    } finally {
      setBusy(false);
    }
  };

  const reloadContact = async () => {
    setBusy(true);
    try {
      const fresh = await api.get<TContact>(`/api/contacts/${base.id}`);
      setBase(fresh);
      setDraft(draftFrom(fresh));
      setConflict(false);
      setError(null);
      setStatus(t('contact.reloaded'));
      onSaved?.(fresh);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter') return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      void save(true);
      return;
    }
    // Enter in a text box, a select, a checkbox or a radio never sends the form.
    if ((event.target as HTMLElement).tagName === 'INPUT') event.preventDefault();
  };

  return (
    <form
      ref={formRef}
      className={`form records-contact-form${compact ? ' records-contact-form--compact' : ''}`}
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save(false);
      }}
      onKeyDown={onKeyDown}
    >
      <p id={`${id}-title`} className="records-contact-form__title">
        {t('contact.formTitle', { reference: base.reference })}{' '}
        <span className={`records-status records-status--${base.status}`}>
          {t(`contactStatus.${base.status}`)}
        </span>
      </p>
      <RecordError error={taxonomiesError} onRetry={reload} />
      <div data-field="callType">
        <RadioGroupField<CallType>
          legend={t('contact.callType')}
          name={`${id}-callType`}
          className="records-choices"
          options={CALL_TYPES.map((value) => ({ value, label: t(`callType.${value}`) }))}
          value={draft.callType}
          onChange={(value) => set('callType', value)}
          error={errors.callType}
        />
      </div>
      {substantive ? (
        <ContactFields
          draft={draft}
          set={set}
          taxonomies={taxonomies}
          errors={errors}
          language={i18n.language}
          fromChat={base.channel === 'chat'}
        />
      ) : (
        <p className="notice notice--info">{t('contact.callTypeOnly')}</p>
      )}
      {substantive && (
        <p className="muted">
          {t('contact.checklist', { count: base.checklist.length, total: PROTOCOL_STEP_COUNT })}
        </p>
      )}

      {conflict && (
        <div className="notice notice--error" role="alert">
          <p className="notice__text">{t('contact.conflict')}</p>
          <button type="button" className="button button--secondary" onClick={() => void reloadContact()}>
            {t('contact.reload')}
          </button>
        </div>
      )}
      <RecordError error={error} labels={contactFieldLabels(t)} />
      <div className="actions records-contact-form__actions">
        {!complete && (
          <button
            type="submit"
            className="button button--secondary"
            disabled={busy}
            aria-busy={busy || undefined}
          >
            {t('contact.saveDraft')}
          </button>
        )}
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          aria-busy={busy || undefined}
          aria-keyshortcuts="Control+Enter"
          onClick={() => void save(true)}
        >
          {complete ? t('contact.saveChanges') : t('contact.saveComplete')}
        </button>
        <span className="muted records-hint">{t('contact.shortcut')}</span>
      </div>
      <p role="status" className="records-save-status">
        {status}
      </p>
    </form>
  );
}
