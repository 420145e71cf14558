// Transfer a conversation to another counsellor, or back to the queue, with a note for the next person.
import type { TStaffConversation } from '@abri/contracts';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { TextAreaField } from '../../ui/fields.tsx';
import { useChat } from './chat-provider.tsx';
import { useChatT } from './i18n.ts';
import type { Presence } from './state.ts';

type Counsellor = {
  userId: string;
  displayName: string;
  presence: Presence;
  activeConversations: number;
  capacity: number;
};

function useCounsellors(): { counsellors: Counsellor[]; error: unknown } {
  const { state, canSupervise } = useChat();
  const [counsellors, setCounsellors] = useState<Counsellor[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let cancelled = false;
    api
      .get<{ counsellors: Counsellor[] }>('/api/chat/counsellors')
      .then((answer) => {
        if (!cancelled) setCounsellors(answer.counsellors);
      })
      .catch((caught: unknown) => {
        if (cancelled) return;
        // Supervisors can fall back on the board's list.
        const missing = caught instanceof ApiError && (caught.status === 404 || caught.status === 403);
        if (!(missing && canSupervise)) setError(caught);
        setCounsellors(null);
      });
    return () => {
      cancelled = true;
    };
  }, [canSupervise]);
  return { counsellors: counsellors ?? state.board?.counsellors ?? [], error };
}

export function TransferForm({
  conversation,
  onDone,
}: {
  conversation: TStaffConversation;
  onDone: (message: string) => void;
}) {
  const t = useChatT();
  const { actions } = useChat();
  const { counsellors, error: listError } = useCounsellors();
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const selectId = useId();
  const others = counsellors.filter((counsellor) => counsellor.userId !== conversation.counsellorId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: { toCounsellorId: string | null; note?: string } = { toCounsellorId: target || null };
      if (note.trim() !== '') body.note = note.trim();
      const updated = await api.post<TStaffConversation>(
        `/api/chat/conversations/${conversation.id}/transfer`,
        body,
      );
      if (updated?.id) actions.upsert(updated);
      onDone(t('transfer.done'));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form form--inline-card" onSubmit={(event) => void submit(event)}>
      <h4>{t('transfer.title')}</h4>
      {listError ? <p className="muted">{t('transfer.loadError')}</p> : null}
      <div className="field">
        <label htmlFor={selectId} className="field__label">
          {t('transfer.to')}
        </label>
        <select
          id={selectId}
          className="field__input"
          value={target}
          onChange={(event) => setTarget(event.target.value)}
        >
          <option value="">{t('transfer.queue')}</option>
          {others.map((counsellor) => (
            <option key={counsellor.userId} value={counsellor.userId}>
              {t('transfer.counsellorOption', {
                name: counsellor.displayName,
                presence: t(`presence.${counsellor.presence}`),
                active: counsellor.activeConversations,
                capacity: counsellor.capacity,
              })}
            </option>
          ))}
        </select>
      </div>
      <TextAreaField
        label={t('transfer.note')}
        hint={t('transfer.noteHint')}
        value={note}
        maxLength={1000}
        rows={3}
        onChange={(event) => setNote(event.target.value)}
      />
      <ErrorMessage error={error} />
      <div>
        <button
          type="submit"
          className="button button--primary"
          disabled={busy}
          aria-busy={busy || undefined}
        >
          {t('transfer.confirm')}
        </button>
      </div>
    </form>
  );
}
