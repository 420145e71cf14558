// The conversation: the visitor's messages on the right (with sending / sent / delivered / read), the
// counsellor's on the left (advice cards as a title and a list), system events in the middle. A scrolling region that follows new messages
// while the visitor is at the bottom, and reports which counsellor messages have been seen.
import type { TChatMessage, TVisitorConversation } from '@abri/contracts';
import { useEffect, useId, useLayoutEffect, useRef } from 'react';
import { type TFunction, useTranslation } from '../../i18n/index.ts';
import type { PendingMessage } from './chat-state.ts';

const EVENTS = [
  'counsellor_joined',
  'counsellor_left',
  'transferred',
  'visitor_idle_warning',
  'ended',
  'left_message_received',
] as const;
type KnownEvent = (typeof EVENTS)[number];

function isKnownEvent(event: string | null): event is KnownEvent {
  return (EVENTS as readonly (string | null)[]).includes(event);
}

/** What a system message says, in the visitor's language; unknown codes fall back to the server's text. */
export function eventText(t: TFunction, message: TChatMessage, fallbackName: string): string {
  if (!isKnownEvent(message.event)) return message.body;
  return t(`chat.events.${message.event}`, { name: message.authorName || fallbackName });
}

function isSystem(message: TChatMessage): boolean {
  return message.author === 'system' || message.kind === 'event';
}

function useTimeFormat(): (iso: string) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' });
  return (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? '' : format.format(date);
  };
}

type Props = {
  messages: readonly TChatMessage[];
  pending: readonly PendingMessage[];
  conversation: TVisitorConversation | null;
  onRead?: ((seq: number) => void) | undefined;
};

export function MessageList({ messages, pending, conversation, onRead }: Props) {
  const { t } = useTranslation();
  const time = useTimeFormat();
  const box = useRef<HTMLElement>(null);
  const atBottom = useRef(true);
  const fallbackName = conversation?.counsellorName || t('chat.someone');

  // Follow new messages when the visitor was already at the bottom (or just wrote).
  const count = messages.length + pending.length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the number of messages changes.
  useLayoutEffect(() => {
    const element = box.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [count]);

  useReadReports(box, onRead, messages);

  const readSeq = conversation?.readSeq ?? 0;
  const deliveredSeq = conversation?.deliveredSeq ?? 0;
  const ownState = (seq: number) =>
    seq <= readSeq
      ? t('chat.messages.read')
      : seq <= deliveredSeq
        ? t('chat.messages.delivered')
        : t('chat.messages.sent');

  return (
    <section
      ref={box}
      className="chat-log"
      aria-label={t('chat.messages.label')}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard.
      tabIndex={0}
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
      }}
    >
      {count === 0 ? (
        <p className="chat-log__empty muted">{t('chat.messages.empty')}</p>
      ) : (
        <ol className="chat-log__list">
          {messages.map((message) =>
            isSystem(message) ? (
              <li key={message.seq} className="chat-msg chat-msg--system">
                <p className="chat-msg__body">{eventText(t, message, fallbackName)}</p>
              </li>
            ) : message.author === 'visitor' ? (
              <li key={message.seq} className="chat-msg chat-msg--visitor">
                <p className="chat-msg__meta">
                  {t('chat.messages.you')} · <time dateTime={message.at}>{time(message.at)}</time>
                </p>
                <p className="chat-msg__body">{message.body}</p>
                <p className="chat-msg__state">{ownState(message.seq)}</p>
              </li>
            ) : (
              <li
                key={message.seq}
                className={`chat-msg chat-msg--counsellor${message.card ? ' chat-msg--card' : ''}`}
                data-read-seq={message.seq}
              >
                <p className="chat-msg__meta">
                  {message.authorName || t('chat.someone')} ·{' '}
                  <time dateTime={message.at}>{time(message.at)}</time>
                </p>
                {message.card ? (
                  <AdviceCard card={message.card} />
                ) : (
                  <p className="chat-msg__body">{message.body}</p>
                )}
              </li>
            ),
          )}
          {pending.map((message) => (
            <li key={message.clientId} className="chat-msg chat-msg--visitor chat-msg--pending">
              <p className="chat-msg__meta">{t('chat.messages.you')}</p>
              <p className="chat-msg__body">{message.text}</p>
              <p className={`chat-msg__state ${message.failed ? 'chat-msg__state--failed' : ''}`}>
                {message.failed ? t('chat.messages.failed') : t('chat.messages.sending')}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Advice sent by the counsellor: its title, then its points as a list named by the title. */
function AdviceCard({ card }: { card: NonNullable<TChatMessage['card']> }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="chat-card">
      <p className="chat-card__label">{t('chat.messages.card')}</p>
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

/** Report the highest counsellor message seen (on screen, in a visible tab). */
function useReadReports(
  box: React.RefObject<HTMLElement | null>,
  onRead: ((seq: number) => void) | undefined,
  messages: readonly TChatMessage[],
): void {
  const visible = useRef(new Set<number>());
  const report = useRef(onRead);
  report.current = onRead;

  // biome-ignore lint/correctness/useExhaustiveDependencies: observe again when the messages change.
  useEffect(() => {
    const element = box.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const flush = () => {
      if (document.visibilityState !== 'visible' || visible.current.size === 0) return;
      report.current?.(Math.max(...visible.current));
    };
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const seq = Number((entry.target as HTMLElement).dataset.readSeq);
          if (entry.isIntersecting) visible.current.add(seq);
          else visible.current.delete(seq);
        }
        flush();
      },
      { root: element, threshold: 0.1 },
    );
    for (const item of element.querySelectorAll('[data-read-seq]')) observer.observe(item);
    document.addEventListener('visibilitychange', flush);
    return () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', flush);
    };
  }, [box, messages]);
}
