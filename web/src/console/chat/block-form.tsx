// Block an abusive visitor's device for a chosen time (the conversation ends as abusive).
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { TextAreaField } from '../../ui/fields.tsx';
import { useChatT } from './i18n.ts';

const DURATIONS = [1, 24, 168, 720] as const;

export function BlockForm({
  conversationId,
  onDone,
}: {
  conversationId: string;
  onDone: (message: string) => void;
}) {
  const t = useChatT();
  const [hours, setHours] = useState<number>(24);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const selectId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: { hours: number; reason?: string } = { hours };
      if (reason.trim() !== '') body.reason = reason.trim();
      await api.post(`/api/chat/conversations/${conversationId}/block`, body);
      onDone(t('block.done'));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form form--inline-card" onSubmit={(event) => void submit(event)}>
      <h4>{t('block.title')}</h4>
      <p>{t('block.intro')}</p>
      <div className="field">
        <label htmlFor={selectId} className="field__label">
          {t('block.duration')}
        </label>
        <select
          id={selectId}
          className="field__input"
          value={hours}
          onChange={(event) => setHours(Number(event.target.value))}
        >
          {DURATIONS.map((value) => (
            <option key={value} value={value}>
              {t(`block.hours_${value}`)}
            </option>
          ))}
        </select>
      </div>
      <TextAreaField
        label={t('block.reason')}
        value={reason}
        maxLength={500}
        rows={2}
        onChange={(event) => setReason(event.target.value)}
      />
      <ErrorMessage error={error} />
      <div>
        <button type="submit" className="button button--danger" disabled={busy} aria-busy={busy || undefined}>
          {t('block.confirm')}
        </button>
      </div>
    </form>
  );
}
