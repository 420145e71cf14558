// The queue: people waiting (with "Prendre" in manual assignment mode) and messages left outside
// opening hours (always "Prendre").
import type { TStaffConversation } from '@abri/contracts';
import { useId, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { formatDateTime } from '../format.ts';
import { useNow } from './alerts.ts';
import { useChat } from './chat-provider.tsx';
import { useChatT } from './i18n.ts';
import { duration, profileSummary, visitorName } from './labels.ts';
import { waitingConversations } from './state.ts';

export function QueuePanel() {
  const t = useChatT();
  const { state, assignmentMode, actions, setActive } = useChat();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const waiting = waitingConversations(state);
  const queued = waiting.filter((conversation) => conversation.status === 'queued');
  const left = waiting.filter((conversation) => conversation.status === 'left_message');

  const pick = async (conversation: TStaffConversation) => {
    setBusy(conversation.id);
    setError(null);
    try {
      const picked = await actions.pick(conversation.id);
      setActive(picked.id);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="chat-queue card" aria-labelledby="chat-queue-title">
      <h2 id="chat-queue-title">{t('queue.title')}</h2>
      <ErrorMessage error={error} />
      <h3>
        {t('queue.waitingTitle')} <span className="chat-count">{queued.length}</span>
      </h3>
      {assignmentMode === 'auto' && <p className="muted">{t('queue.autoMode')}</p>}
      {queued.length === 0 ? (
        <p className="muted">{t('queue.empty')}</p>
      ) : (
        <ul className="chat-queue__list">
          {queued.map((conversation) => (
            <QueueItem
              key={conversation.id}
              conversation={conversation}
              canPick={assignmentMode !== 'auto'}
              busy={busy === conversation.id}
              onPick={() => void pick(conversation)}
            />
          ))}
        </ul>
      )}
      <h3>
        {t('queue.leftTitle')} <span className="chat-count">{left.length}</span>
      </h3>
      {left.length === 0 ? (
        <p className="muted">{t('queue.leftEmpty')}</p>
      ) : (
        <ul className="chat-queue__list">
          {left.map((conversation) => (
            <QueueItem
              key={conversation.id}
              conversation={conversation}
              canPick
              busy={busy === conversation.id}
              onPick={() => void pick(conversation)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function QueueItem({
  conversation,
  canPick,
  busy,
  onPick,
}: {
  conversation: TStaffConversation;
  canPick: boolean;
  busy: boolean;
  onPick: () => void;
}) {
  const t = useChatT();
  const { i18n } = useTranslation();
  const now = useNow();
  const nameId = useId();
  const name = visitorName(t, conversation);
  const since = conversation.queuedAt ?? conversation.createdAt;
  const waitingText =
    conversation.status === 'left_message'
      ? t('queue.left', { duration: duration(t, since, now) })
      : t('queue.waiting', { duration: duration(t, since, now) });
  return (
    <li className="chat-queue__item">
      <p className="chat-queue__name" id={nameId}>
        {name}
      </p>
      <p className="chat-queue__profile">{profileSummary(t, conversation)}</p>
      <p className="muted">
        <time dateTime={since} title={formatDateTime(since, i18n.language)}>
          {waitingText}
        </time>
      </p>
      {conversation.transferNote && <p className="chat-queue__note">{conversation.transferNote}</p>}
      {canPick && (
        <button
          type="button"
          className="button button--small button--primary"
          aria-describedby={nameId}
          disabled={busy}
          aria-busy={busy || undefined}
          onClick={onPick}
        >
          {t('queue.pick')}
        </button>
      )}
    </li>
  );
}
