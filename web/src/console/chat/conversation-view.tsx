// One conversation of the counsellor's workspace: profile, messages, typing, idle reminder, reply,
// and the transfer / end actions; beside it, the protocol and the contact record (conversation-side.tsx).
// Visitor messages are marked read while this chat is shown. Once the chat has ended, the record stays
// at hand, with a reminder while it is a draft.
import type { TStaffConversation } from '@abri/contracts';
import { useEffect, useRef, useState } from 'react';
import { currentLanguage } from '../../i18n/index.ts';
import { useProtocol } from '../guidance/api.ts';
import { PanelToggle, useActionPanel } from './action-panels.tsx';
import { useChat } from './chat-provider.tsx';
import { shownRecord, useChatRecord } from './contact-record.ts';
import { ConversationSide, type SideTab } from './conversation-side.tsx';
import { EndForm } from './end-form.tsx';
import { useChatT } from './i18n.ts';
import { visitorName } from './labels.ts';
import { MessageList } from './message-list.tsx';
import { ConversationProfile } from './profile.tsx';
import { useProtocolChoice } from './protocol-panel.tsx';
import { RedFlagBanner } from './red-flags.tsx';
import { ReplyBox } from './reply-box.tsx';
import { isVisitorText } from './state.ts';
import { TransferForm } from './transfer-form.tsx';

type Panel = 'transfer' | 'end';

// The side's tab and whether it is unfolded (narrow screens), per conversation, while the console is open.
const sides = new Map<string, { tab: SideTab; expanded: boolean }>();

export function ConversationView({ conversation }: { conversation: TStaffConversation }) {
  const t = useChatT();
  const { state, actions, records } = useChat();
  const { panel, toggle, done } = useActionPanel<Panel>();
  const entry = useChatRecord(records, conversation.id);
  const record = shownRecord(entry);
  const choice = useProtocolChoice(conversation, record);
  const protocol = useProtocol(choice.topic);
  const [side, setSideState] = useState(
    () => sides.get(conversation.id) ?? { tab: 'protocol' as SideTab, expanded: false },
  );
  const setSide = (change: Partial<typeof side>) => {
    const next = { ...side, ...change };
    sides.set(conversation.id, next);
    setSideState(next);
  };
  const [confirmClose, setConfirmClose] = useState(false);
  const ended = conversation.status === 'ended';
  const wasEnded = useRef(ended);
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

  // Every chat has its contact record, pre-filled from the pre-chat answers (asked again, it is the same).
  useEffect(() => {
    void records.ensure(conversation.id);
  }, [records, conversation.id]);

  // When the chat ends here, the record comes to the front (without taking the focus).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the conversation ends.
  useEffect(() => {
    if (ended && !wasEnded.current) setSide({ tab: 'record' });
    wasEnded.current = ended;
  }, [ended]);

  const draft = ended && entry.contact?.status === 'draft';
  const openRecord = () => {
    setSide({ tab: 'record', expanded: true });
    window.requestAnimationFrame(() =>
      document.getElementById(`chat-side-${conversation.id}-tab-record`)?.focus(),
    );
  };
  const consoleLanguage = currentLanguage() === 'en' ? 'en' : 'fr';
  const protocolText =
    protocol.data && protocol.data.topic === choice.topic ? protocol.data.body[consoleLanguage] : null;

  return (
    <article className="chat-conversation" aria-labelledby={`chat-title-${conversation.id}`}>
      <header className="chat-conversation__head">
        <h3 id={`chat-title-${conversation.id}`}>{name}</h3>
      </header>
      <div className="chat-desk">
        <div className="chat-desk__main">
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
          <RedFlagBanner messages={messages} protocol={protocolText} contactId={entry.contact?.id ?? null} />
          {open ? (
            <ReplyBox key={conversation.id} conversationId={conversation.id} />
          ) : (
            <p className="notice notice--info">{t('reply.ended')}</p>
          )}
          {ended && entry.contact && !(confirmClose && draft) && (
            <div
              className={`notice ${draft ? 'notice--info' : 'notice--success'} chat-record-reminder`}
              role="status"
            >
              <p className="notice__text">
                {draft
                  ? t('record.reminder', { reference: entry.contact.reference })
                  : t('record.completed', { reference: entry.contact.reference })}
              </p>
              {draft && (
                <button type="button" className="button button--small" onClick={openRecord}>
                  {t('record.reminderOpen')}
                </button>
              )}
            </div>
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
          ) : confirmClose && draft ? (
            <div className="notice notice--info chat-close-confirm" role="alert">
              <p className="notice__text">{t('record.closeDraft')}</p>
              <div className="row-actions">
                <button type="button" className="button button--small" onClick={openRecord}>
                  {t('record.reminderOpen')}
                </button>
                <button
                  type="button"
                  className="button button--small button--secondary"
                  onClick={() => actions.dismiss(conversation.id)}
                >
                  {t('record.closeAnyway')}
                </button>
              </div>
            </div>
          ) : (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                records.flush(conversation.id);
                if (draft) setConfirmClose(true);
                else actions.dismiss(conversation.id);
              }}
            >
              {t('workspace.close')}
            </button>
          )}
        </div>
        <ConversationSide
          conversation={conversation}
          choice={choice}
          entry={entry}
          tab={side.tab}
          onTab={(tab) => setSide({ tab })}
          expanded={side.expanded}
          onExpanded={(expanded) => setSide({ expanded })}
        />
      </div>
    </article>
  );
}
