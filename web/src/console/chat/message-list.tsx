// The messages of one conversation, oldest first: the visitor, counsellors (advice cards as the visitor
// sees them), system events (translated from their code), and staff-only notes and whispers, marked so
// that nobody mistakes them for sent text.
// Messages still in the outbox follow, with their sending state.
import type { TChatCard, TChatMessage, TStaffConversation } from '@abri/contracts';
import { useEffect, useId, useRef } from 'react';
import i18n, { useTranslation } from '../../i18n/index.ts';
import { useChat } from './chat-provider.tsx';
import { type ChatT, useChatT } from './i18n.ts';
import { timeOf, visitorName } from './labels.ts';
import { FlaggedBody } from './red-flags.tsx';
import type { OutboxItem } from './state.ts';

export function MessageList({ conversation }: { conversation: TStaffConversation }) {
  const t = useChatT();
  const { state } = useChat();
  const messages = state.messages[conversation.id] ?? [];
  const known = new Set(messages.map((message) => message.clientId).filter(Boolean));
  const pending = state.outbox.filter(
    (item) => item.conversationId === conversation.id && !known.has(item.clientId),
  );
  const scroller = useRef<HTMLElement>(null);
  const count = messages.length + pending.length;

  // Keep the newest message in view as messages arrive.
  useEffect(() => {
    const element = scroller.current;
    if (element && count > 0) element.scrollTop = element.scrollHeight;
  }, [count]);

  return (
    <section
      ref={scroller}
      className="chat-messages"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard.
      tabIndex={0}
      aria-label={t('message.listLabel', { name: visitorName(t, conversation) })}
    >
      {count === 0 ? (
        <p className="muted">{t('message.empty')}</p>
      ) : (
        <ol className="chat-messages__list">
          {messages.map((message) => (
            <MessageItem key={message.seq} message={message} conversation={conversation} />
          ))}
          {pending.map((item) => (
            <PendingItem key={item.clientId} item={item} />
          ))}
        </ol>
      )}
    </section>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function authorLabel(
  t: ChatT,
  message: TChatMessage,
  conversation: TStaffConversation,
  me: { id: string; name: string },
  names: Map<string, string>,
): string {
  if (message.author === 'visitor') return t('message.visitor', { name: visitorName(t, conversation) });
  if (message.author === 'system') return t('message.system');
  const name = message.authorName;
  if (!name) return t('message.counsellor');
  if (isMine(message, me)) return t('message.you');
  // Staff see a display name; an id is looked up among the counsellors known here.
  if (!UUID.test(name)) return name;
  if (name === conversation.counsellorId && conversation.counsellorName) return conversation.counsellorName;
  return names.get(name) ?? t('message.counsellor');
}

function isMine(message: TChatMessage, me: { id: string; name: string }): boolean {
  return message.author === 'counsellor' && (message.authorName === me.id || message.authorName === me.name);
}

export function eventText(t: ChatT, message: TChatMessage): string {
  const code = message.event ?? '';
  if (code && i18n.exists(`consoleChat.event.${code}`)) return t(`event.${code}` as 'event.ended');
  return message.body || t('event.unknown', { code });
}

function MessageItem({ message, conversation }: { message: TChatMessage; conversation: TStaffConversation }) {
  const t = useChatT();
  const {
    i18n: { language },
  } = useTranslation();
  const { myId, myName, state } = useChat();
  const me = { id: myId, name: myName };
  const names = new Map((state.board?.counsellors ?? []).map((entry) => [entry.userId, entry.displayName]));
  const time = <time dateTime={message.at}>{timeOf(message.at, language)}</time>;

  if (message.kind === 'event' || message.author === 'system') {
    return (
      <li className="chat-msg chat-msg--event">
        <p className="chat-msg__body">
          {message.kind === 'event' ? eventText(t, message) : message.body}{' '}
          <span className="muted">{time}</span>
        </p>
      </li>
    );
  }
  const author = authorLabel(t, message, conversation, me, names);
  const variant = message.kind === 'note' ? 'note' : message.kind === 'whisper' ? 'whisper' : message.author;
  const toVisitor = message.kind === 'text' || message.kind === 'card';
  return (
    <li className={`chat-msg chat-msg--${variant}${message.card ? ' chat-msg--card' : ''}`}>
      {message.kind === 'note' && <p className="chat-msg__flag">{t('message.note')}</p>}
      {message.kind === 'whisper' && <p className="chat-msg__flag">{t('message.whisper')}</p>}
      <p className="chat-msg__meta">
        <span className="chat-msg__author">{author}</span> {time}
        {isMine(message, me) && toVisitor && <span className="chat-msg__state"> · {t('message.sent')}</span>}
      </p>
      {message.card ? (
        <CardBody card={message.card} />
      ) : (
        <p className="chat-msg__body preserve-lines">
          {message.author === 'visitor' ? <FlaggedBody message={message} /> : message.body}
        </p>
      )}
    </li>
  );
}

/** An advice card as the visitor sees it: a title, then its points as a list named by the title. */
function CardBody({ card }: { card: TChatCard }) {
  const t = useChatT();
  const id = useId();
  return (
    <div className="chat-card">
      <p className="chat-msg__flag">{t('message.card')}</p>
      <p className="chat-card__title" id={id}>
        {card.title}
      </p>
      <ul className="chat-card__points" aria-labelledby={id}>
        {card.points.map((point, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a card's points never change once sent.
          <li key={index}>{point}</li>
        ))}
      </ul>
    </div>
  );
}

function PendingItem({ item }: { item: OutboxItem }) {
  const t = useChatT();
  const { actions } = useChat();
  const variant = item.kind === 'text' || item.kind === 'card' ? 'counsellor' : item.kind;
  return (
    <li
      className={`chat-msg chat-msg--${variant} chat-msg--pending${item.kind === 'card' ? ' chat-msg--card' : ''}`}
    >
      {item.kind === 'note' && <p className="chat-msg__flag">{t('message.note')}</p>}
      {item.kind === 'whisper' && <p className="chat-msg__flag">{t('message.whisper')}</p>}
      <p className="chat-msg__meta">
        <span className="chat-msg__author">{t('message.you')}</span>{' '}
        {item.state === 'sending' ? (
          <span className="chat-msg__state">{t('message.sending')}</span>
        ) : (
          <span className="chat-msg__state chat-msg__state--failed">
            {t('message.failed', { reason: item.error ?? '' })}
          </span>
        )}
      </p>
      {item.kind === 'card' ? (
        <CardBody card={item.card} />
      ) : (
        <p className="chat-msg__body preserve-lines">{item.text}</p>
      )}
      {item.state === 'failed' && (
        <div className="row-actions">
          <button type="button" className="button button--small" onClick={() => actions.retry(item.clientId)}>
            {t('message.retry')}
          </button>
          <button type="button" className="button button--small" onClick={() => actions.drop(item.clientId)}>
            {t('message.drop')}
          </button>
        </div>
      )}
    </li>
  );
}
