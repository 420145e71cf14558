// Short notices from the live connection (a conversation assigned, transferred, taken over, an error)
// and confirmations of actions; each can be dismissed.
import { useChat } from './chat-provider.tsx';
import { useChatT } from './i18n.ts';

export function ChatNotices() {
  const t = useChatT();
  const { state, actions } = useChat();
  return (
    <div className="chat-notices" role="status">
      {state.notices.map((notice) => {
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
  );
}
