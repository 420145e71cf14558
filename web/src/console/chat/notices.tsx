// Short notices from the live connection (a conversation assigned, transferred, taken over, an error)
// and confirmations of actions; each can be dismissed. A red_flag alert (supervisors: self-harm or
// immediate danger in a conversation) comes first, in an assertive live region, with a way to observe.
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from '../../i18n/index.ts';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { useChat } from './chat-provider.tsx';
import { useChatT } from './i18n.ts';
import { shortId, visitorName } from './labels.ts';
import { flagList } from './red-flags.tsx';
import type { Notice } from './state.ts';

const BOARD_PATH = '/console/chat/board';

export function ChatNotices() {
  const t = useChatT();
  const { state, actions } = useChat();
  const urgent = state.notices.filter((notice) => notice.code === 'red_flag');
  const others = state.notices.filter((notice) => notice.code !== 'red_flag');
  return (
    <>
      <div className="chat-notices" role="alert">
        {urgent.map((notice) => (
          <RedFlagNotice key={notice.id} notice={notice} />
        ))}
      </div>
      <div className="chat-notices" role="status">
        {others.map((notice) => {
          const text =
            notice.text ??
            (['assigned', 'transferred', 'taken_over', 'idle_prompt'].includes(notice.code)
              ? t(`alert.${notice.code as 'assigned'}`)
              : notice.code);
          return (
            <div
              key={notice.id}
              className={`notice ${notice.code === 'error' ? 'notice--error' : 'notice--info'} chat-notice`}
            >
              <p className="notice__text">{text}</p>
              <button
                type="button"
                className="button button--small button--secondary"
                onClick={() => actions.dropNotice(notice.id)}
              >
                {t('alert.dismiss')}
              </button>
            </div>
          );
        })}
      </div>
    </>
  );
}

function RedFlagNotice({ notice }: { notice: Notice }) {
  const t = useChatT();
  const {
    i18n: { language },
  } = useTranslation();
  const { state, actions, canSupervise, myId } = useChat();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = notice.conversationId ?? '';
  const conversation = state.conversations[id];
  const name = conversation
    ? `${visitorName(t, conversation)} (${shortId(id)})`
    : t('board.conversation', { short: shortId(id) });
  // Observing is for a supervisor, of someone else's conversation not observed already.
  const canObserve =
    id !== '' && canSupervise && !state.observed.includes(id) && conversation?.counsellorId !== myId;

  const observe = async () => {
    setBusy(true);
    setError(null);
    try {
      await actions.observe(id);
      if (pathname !== BOARD_PATH) void navigate(BOARD_PATH);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="notice notice--error chat-notice chat-notice--urgent">
      <p className="notice__text">
        {t('alert.red_flag', { name, flags: flagList(t, notice.flags ?? [], language) })}
      </p>
      <ErrorMessage error={error} />
      <div className="row-actions">
        {canObserve && (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => void observe()}
          >
            {t('alert.observe')}
          </button>
        )}
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={() => actions.dropNotice(notice.id)}
        >
          {t('alert.dismiss')}
        </button>
      </div>
    </div>
  );
}
