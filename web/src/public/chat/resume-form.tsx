// "I have a code": the resumption code reopens a conversation (POST /api/chat/resume).
import { type FormEvent, useId, useRef, useState } from 'react';
import { api } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { SubmitButton, TextField } from '../../ui/fields.tsx';
import type { Opened } from './prechat-form.tsx';
import { deviceToken } from './storage.ts';

export function ResumeForm({ onOpened }: { onOpened: (opened: Opened) => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const form = useRef<HTMLFormElement>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const resumeCode = code.trim();
    if (resumeCode === '') {
      setError(t('chat.resume.required'));
      form.current?.querySelector('input')?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      onOpened(await api.post<Opened>('/api/chat/resume', { resumeCode, deviceToken: deviceToken() }));
    } catch (caught) {
      setBusy(false);
      setFailure(caught);
    }
  };

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('chat.resume.title')}</h2>
      <p>{t('chat.resume.body')}</p>
      <form ref={form} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          label={t('chat.resume.label')}
          hint={t('chat.resume.hint')}
          error={error}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          maxLength={80}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
        />
        <ErrorMessage error={failure} />
        <SubmitButton busy={busy}>{t('chat.resume.submit')}</SubmitButton>
      </form>
    </section>
  );
}
