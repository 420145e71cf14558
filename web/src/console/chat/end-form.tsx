// End a conversation with a reason.
import type { END_REASONS, TStaffConversation } from '@abri/contracts';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { useChat } from './chat-provider.tsx';
import { useChatT } from './i18n.ts';

type EndReason = (typeof END_REASONS)[number];
const REASONS: readonly EndReason[] = ['resolved', 'visitor_left', 'disconnected', 'abusive', 'test'];

export function EndForm({
  conversation,
  onDone,
}: {
  conversation: TStaffConversation;
  onDone: (message: string) => void;
}) {
  const t = useChatT();
  const { actions } = useChat();
  const [reason, setReason] = useState<EndReason>('resolved');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const selectId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const updated = await api.post<TStaffConversation>(`/api/chat/conversations/${conversation.id}/end`, {
        reason,
      });
      if (updated?.id) actions.upsert(updated);
      onDone(t('end.done'));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form form--inline-card" onSubmit={(event) => void submit(event)}>
      <h4>{t('end.title')}</h4>
      <div className="field">
        <label htmlFor={selectId} className="field__label">
          {t('end.reason')}
        </label>
        <select
          id={selectId}
          className="field__input"
          value={reason}
          onChange={(event) => setReason(event.target.value as EndReason)}
        >
          {REASONS.map((value) => (
            <option key={value} value={value}>
              {t(`end.reasons.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={error} />
      <div>
        <button type="submit" className="button button--danger" disabled={busy} aria-busy={busy || undefined}>
          {t('end.confirm')}
        </button>
      </div>
    </form>
  );
}
