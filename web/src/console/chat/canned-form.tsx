// Create or edit a canned response (language, shortcut, title, body).
import type { TCannedResponse } from '@abri/contracts';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { SubmitButton, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useChatT } from './i18n.ts';
import { MESSAGE_MAX_LENGTH } from './labels.ts';

type Input = Omit<TCannedResponse, 'id'>;

export function CannedForm({
  existing,
  onSaved,
  onCancel,
}: {
  existing: TCannedResponse | null;
  onSaved: (response: TCannedResponse) => void;
  onCancel?: () => void;
}) {
  const t = useChatT();
  const [input, setInput] = useState<Input>(() => ({
    language: existing?.language ?? 'fr',
    shortcut: existing?.shortcut ?? '',
    title: existing?.title ?? '',
    body: existing?.body ?? '',
  }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const languageId = useId();
  const titleId = useId();
  const update = (patch: Partial<Input>) => setInput((current) => ({ ...current, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body: Input = {
      language: input.language,
      shortcut: input.shortcut.trim(),
      title: input.title.trim(),
      body: input.body.trim(),
    };
    try {
      const saved = existing
        ? await api.put<TCannedResponse>(`/api/admin/canned-responses/${existing.id}`, body)
        : await api.post<TCannedResponse>('/api/admin/canned-responses', body);
      onSaved(saved);
      if (!existing) setInput({ language: input.language, shortcut: '', title: '', body: '' });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" aria-labelledby={titleId} onSubmit={(event) => void submit(event)}>
      <h2 id={titleId} className={existing ? 'visually-hidden' : undefined}>
        {existing ? t('admin.editTitle', { title: existing.title }) : t('admin.createTitle')}
      </h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={languageId} className="field__label">
            {t('admin.language')}
          </label>
          <select
            id={languageId}
            className="field__input"
            value={input.language}
            onChange={(event) => update({ language: event.target.value === 'en' ? 'en' : 'fr' })}
          >
            <option value="fr">{t('admin.languageFr')}</option>
            <option value="en">{t('admin.languageEn')}</option>
          </select>
        </div>
        <TextField
          label={t('admin.shortcut')}
          hint={t('admin.shortcutHint')}
          value={input.shortcut}
          required
          minLength={2}
          maxLength={32}
          pattern="[a-z0-9\-]{2,32}"
          autoCapitalize="none"
          spellCheck={false}
          onChange={(event) => update({ shortcut: event.target.value })}
        />
        <TextField
          label={t('admin.titleField')}
          value={input.title}
          required
          maxLength={100}
          onChange={(event) => update({ title: event.target.value })}
        />
      </div>
      <TextAreaField
        label={t('admin.body')}
        value={input.body}
        required
        rows={4}
        maxLength={MESSAGE_MAX_LENGTH}
        onChange={(event) => update({ body: event.target.value })}
      />
      <ErrorMessage error={error} />
      <div className="row-actions">
        <SubmitButton busy={busy}>{existing ? t('admin.save') : t('admin.create')}</SubmitButton>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('admin.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
