// The chat itself: connection status, queue, messages, typing indicator, composer, end button and the
// resumption code; then, once ended, the survey and the closing words.
import type { TVisitorConversation, TVisitorCredentials } from '@abri/contracts';
import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { errorText } from '../../ui/error-message.tsx';
import type { ChatState } from './chat-state.ts';
import { Composer } from './composer.tsx';
import { eventText, MessageList } from './message-list.tsx';
import { ResumeCode } from './resume-code.tsx';
import { ScreenHeading, useScreenChange } from './screen-focus.tsx';
import { useVisitorConnection } from './use-connection.ts';

// What comes after (survey, closing words, or why the chat cannot go on) is fetched only when needed.
const EndedView = lazy(() => import('./ended-view.tsx'));
const FatalView = lazy(() => import('./fatal-view.tsx'));

export default function ChatScreen({
  credentials,
  onRestart,
}: {
  credentials: TVisitorCredentials;
  onRestart: () => void;
}) {
  const [connection, state] = useVisitorConnection(credentials);
  const status = state.conversation?.status ?? null;
  const phase = state.fatal ? 'fatal' : status === 'ended' ? 'ended' : status === null ? null : 'chat';
  useScreenChange(phase);

  if (state.fatal) {
    return (
      <Suspense fallback={<Loading />}>
        <FatalView kind={state.fatal} onRestart={onRestart} />
      </Suspense>
    );
  }
  if (state.conversation && status === 'ended') {
    return (
      <Suspense fallback={<Loading />}>
        <EndedView
          conversation={state.conversation}
          messages={state.messages}
          visitorToken={credentials.visitorToken}
          onRestart={onRestart}
        />
      </Suspense>
    );
  }
  return (
    <LiveChat
      state={state}
      resumeCode={credentials.resumeCode}
      onSend={(text) => connection.send(text)}
      onTyping={(typing) => connection.setTyping(typing)}
      onRead={(seq) => connection.markRead(seq)}
      onLeave={() => connection.leave()}
    />
  );
}

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('chat.loading')}
    </p>
  );
}

type LiveChatProps = {
  state: ChatState;
  resumeCode: string;
  onSend: (text: string) => void;
  onTyping: (typing: boolean) => void;
  onRead: (seq: number) => void;
  onLeave: () => void;
};

function LiveChat({ state, resumeCode, onSend, onTyping, onRead, onLeave }: LiveChatProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const { conversation } = state;
  const status = conversation?.status ?? null;
  const name = conversation?.counsellorName || t('chat.someone');
  const canWrite = status === 'queued' || status === 'active' || status === 'left_message';
  const announcement = useAnnouncement(state, name);
  const notice = state.notice
    ? state.notice === 'CHAT_RATE_LIMITED'
      ? t('chat.composer.rateLimited')
      : errorText(t, new ApiError(0, state.notice, ''))
    : null;

  return (
    <section className="card chat" aria-labelledby={titleId}>
      <ScreenHeading id={titleId}>{t('chat.screen.title')}</ScreenHeading>
      <p className="chat-link" role="status">
        {state.link === 'reconnecting'
          ? t('chat.screen.reconnecting')
          : status === null
            ? t('chat.screen.connecting')
            : ''}
      </p>
      {conversation && status === 'queued' && <QueuePanel conversation={conversation} onLeave={onLeave} />}
      {status === 'active' && (
        <p className="chat-with">
          {conversation?.counsellorName
            ? t('chat.screen.with', { name: conversation.counsellorName })
            : t('chat.screen.withTeam')}
        </p>
      )}
      {status === 'left_message' && <p className="notice notice--info">{t('chat.screen.leftMessage')}</p>}
      {conversation && (
        <MessageList
          messages={state.messages}
          pending={state.pending}
          conversation={conversation}
          onRead={onRead}
        />
      )}
      <p className="chat-typing">
        {state.counsellorTyping && status === 'active'
          ? conversation?.counsellorName
            ? t('chat.messages.typing', { name: conversation.counsellorName })
            : t('chat.messages.typingDefault')
          : ''}
      </p>
      {canWrite && <Composer onSend={onSend} onTyping={onTyping} notice={notice} />}
      {status === 'active' && (
        <p className="chat-end">
          <button type="button" className="button button--secondary" onClick={onLeave}>
            {t('chat.end')}
          </button>
        </p>
      )}
      <ResumeCode code={resumeCode} />
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </section>
  );
}

function QueuePanel({ conversation, onLeave }: { conversation: TVisitorConversation; onLeave: () => void }) {
  const { t } = useTranslation();
  const { queuePosition, estimatedWaitMinutes } = conversation;
  return (
    <div className="chat-queue">
      <h3>{t('chat.queue.title')}</h3>
      <div role="status">
        <p className="chat-queue__position">
          {queuePosition === null
            ? t('chat.queue.soon')
            : queuePosition <= 1
              ? t('chat.queue.first')
              : t('chat.queue.position', { position: queuePosition })}
        </p>
        {estimatedWaitMinutes !== null && estimatedWaitMinutes > 0 && (
          <p>{t('chat.queue.wait', { count: estimatedWaitMinutes })}</p>
        )}
      </div>
      <p>{t('chat.queue.writeMeanwhile')}</p>
      <button type="button" className="button button--secondary" onClick={onLeave}>
        {t('chat.queue.leave')}
      </button>
    </div>
  );
}

/** The text for the polite live region: only the newest counsellor or system message that arrived live. */
function useAnnouncement(state: ChatState, fallbackName: string): string {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const { count, message } = state.incoming;
  // biome-ignore lint/correctness/useExhaustiveDependencies: announce once per new message (count).
  useEffect(() => {
    if (!message) return;
    // A staff member without an alias is "someone from the team", not whoever holds the chat now.
    const name = message.author === 'counsellor' ? message.authorName || t('chat.someone') : fallbackName;
    const spoken =
      message.author === 'counsellor' && message.card
        ? t('chat.messages.announceCard', { name, title: message.card.title })
        : message.author === 'counsellor' && message.kind === 'text'
          ? t('chat.messages.announce', { name, body: message.body })
          : eventText(t, message, fallbackName);
    // Cleared first so that the same words twice are still announced.
    setText('');
    const timer = setTimeout(() => setText(spoken), 50);
    return () => clearTimeout(timer);
  }, [count]);
  return text;
}
