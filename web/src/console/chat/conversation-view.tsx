// One conversation of the counsellor's workspace: profile, messages, typing, idle reminder, reply,
// and the transfer / end actions. Visitor messages are marked read while this chat is shown.
import type { TStaffConversation } from '@abri/contracts';
import { useEffect } from 'react';
import { PanelToggle, useActionPanel } from './action-panels.tsx';
import { useChat } from './chat-provider.tsx';
import { EndForm } from './end-form.tsx';
import { useChatT } from './i18n.ts';
import { visitorName } from './labels.ts';
import { MessageList } from './message-list.tsx';
import { ConversationProfile } from './profile.tsx';
import { RedFlagBanner } from './red-flags.tsx';
import { ReplyBox } from './reply-box.tsx';
import { isVisitorText } from './state.ts';
import { TransferForm } from './transfer-form.tsx';

type Panel = 'transfer' | 'end';

export function ConversationView({ conversation }: { conversation: TStaffConversation }) {
  const t = useChatT();
  const { state, actions } = useChat();
  const { panel, toggle, done } = useActionPanel<Panel>();
  const name = visitorName(t, conversation);
  const open = conversation.status === 'active';
  const messages = state.messages[conversation.id];
  const lastVisitorSeq = (messages ?? [])
    .filter(isVisitorText)
    .reduce((max, message) => Math.max(max, message.seq), 0);
  const readSent = state.readSent[conversation.id] ?? 0;
  const connected = state.status === 'open';

  // Read marks: the newest visitor message is on screen when this chat is shown and the page visible.
  useEffect(() => {
    const mark = () => {
      if (document.visibilityState === 'visible' && lastVisitorSeq > readSent && connected) {
        actions.markRead(conversation.id, lastVisitorSeq);
      }
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [actions, conversation.id, lastVisitorSeq, readSent, connected]);

  return (
    <article className="chat-conversation" aria-labelledby={`chat-title-${conversation.id}`}>
      <header className="chat-conversation__head">
        <h3 id={`chat-title-${conversation.id}`}>{name}</h3>
      </header>
      <ConversationProfile conversation={conversation} />
      {state.idle[conversation.id] && (
        <div className="notice notice--info chat-idle" role="status">
          <p className="notice__text">{t('idle.text')}</p>
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => actions.setIdle(conversation.id, false)}
          >
            {t('idle.dismiss')}
          </button>
        </div>
      )}
      <MessageList conversation={conversation} />
      <p className="chat-typing">
        {state.typing[conversation.id] ? t('message.typing', { name }) : '\u00a0'}
      </p>
      <RedFlagBanner messages={messages} />
      {open ? (
        <ReplyBox key={conversation.id} conversationId={conversation.id} />
      ) : (
        <p className="notice notice--info">{t('reply.ended')}</p>
      )}
      {open ? (
        <div className="chat-actions">
          <div className="row-actions">
            <PanelToggle name="transfer" panel={panel} toggle={toggle}>
              {t('transfer.open')}
            </PanelToggle>
            <PanelToggle name="end" panel={panel} toggle={toggle}>
              {t('end.open')}
            </PanelToggle>
          </div>
          {panel === 'transfer' && <TransferForm conversation={conversation} onDone={done} />}
          {panel === 'end' && <EndForm conversation={conversation} onDone={done} />}
        </div>
      ) : (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => actions.dismiss(conversation.id)}
        >
          {t('workspace.close')}
        </button>
      )}
    </article>
  );
}
