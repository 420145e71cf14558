// The counsellor's workspace (/console/chat): settings, queue, and the open conversations as tabs
// (one shown at a time, which also suits narrow screens). Alt+1..9 jumps to a conversation.
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { useChatTitle } from './alerts.ts';
import { useChat } from './chat-provider.tsx';
import { ConversationView } from './conversation-view.tsx';
import { DraftRecordsReminder } from './draft-records.tsx';
import { useChatT } from './i18n.ts';
import { visitorName } from './labels.ts';
import { ChatNotices } from './notices.tsx';
import { QueuePanel } from './queue-panel.tsx';
import { myConversations, unreadCount } from './state.ts';
import { WorkspaceHeader } from './workspace-header.tsx';

export default function WorkspacePage() {
  const t = useChatT();
  const { t: tt } = useTranslation();
  const { state, myId, active, setActive, totalUnread, announcement, loadError, actions } = useChat();
  useChatTitle(t('workspace.title'), tt('console.brand'), totalUnread);
  const mine = myConversations(state, myId);
  const current = mine.find((conversation) => conversation.id === active) ?? mine[0] ?? null;
  const tabs = useRef(new Map<string, HTMLButtonElement>());

  useEffect(() => {
    if ((current?.id ?? null) !== active) setActive(current?.id ?? null);
  }, [current?.id, active, setActive]);
  // Announcements are for the workspace only.
  useEffect(() => () => setActive(null), [setActive]);

  const go = (index: number) => {
    const target = mine[(index + mine.length) % mine.length];
    if (!target) return;
    setActive(target.id);
    tabs.current.get(target.id)?.focus();
  };

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || !/^Digit[1-9]$/.test(event.code)) return;
      const target = mine[Number(event.code.slice(5)) - 1];
      if (!target) return;
      event.preventDefault();
      setActive(target.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mine, setActive]);

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: mine.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    go(next);
  };

  return (
    <div className="chat-page">
      <h1>{t('workspace.title')}</h1>
      <WorkspaceHeader />
      <ErrorMessage error={loadError} onRetry={() => void actions.refresh()} />
      <ChatNotices />
      <div className="chat-workspace">
        <QueuePanel />
        <section className="chat-mine card" aria-labelledby="chat-mine-title">
          <h2 id="chat-mine-title">{t('workspace.mineTitle')}</h2>
          <DraftRecordsReminder
            refreshKey={mine.map((conversation) => `${conversation.id}:${conversation.status}`).join()}
          />
          {mine.length === 0 && <p className="muted">{t('workspace.none')}</p>}
          {mine.length > 0 && (
            <div role="tablist" aria-label={t('workspace.tabsLabel')} className="chat-tabs">
              {mine.map((conversation, index) => {
                const unread = unreadCount(state, conversation);
                const selected = conversation.id === current?.id;
                return (
                  <button
                    key={conversation.id}
                    ref={(element) => {
                      if (element) tabs.current.set(conversation.id, element);
                      else tabs.current.delete(conversation.id);
                    }}
                    type="button"
                    role="tab"
                    id={`chat-tab-${conversation.id}`}
                    aria-selected={selected}
                    aria-controls={`chat-panel-${conversation.id}`}
                    tabIndex={selected ? 0 : -1}
                    className={`chat-tab${conversation.status === 'ended' ? ' chat-tab--ended' : ''}`}
                    onClick={() => setActive(conversation.id)}
                    onKeyDown={(event) => onTabKey(event, index)}
                  >
                    <span className="chat-tab__name">{visitorName(t, conversation)}</span>
                    <span className="chat-tab__status">{t(`status.${conversation.status}`)}</span>
                    {unread > 0 && (
                      <span className="chat-tab__badge">
                        <span aria-hidden="true">{unread}</span>
                        <span className="visually-hidden">{t('workspace.tabUnread', { count: unread })}</span>
                      </span>
                    )}
                  </button>
                );
              })}
            </div>
          )}
          {current && (
            <div
              role="tabpanel"
              id={`chat-panel-${current.id}`}
              aria-labelledby={`chat-tab-${current.id}`}
              className="chat-panel"
            >
              <ConversationView key={current.id} conversation={current} />
            </div>
          )}
        </section>
      </div>
      <details className="chat-shortcuts">
        <summary>{t('workspace.shortcutsTitle')}</summary>
        <ul>
          <li>{t('workspace.shortcutEnter')}</li>
          <li>{t('workspace.shortcutShiftEnter')}</li>
          <li>{t('workspace.shortcutSlash')}</li>
          <li>{t('workspace.shortcutTabs')}</li>
          <li>{t('workspace.shortcutAlt')}</li>
        </ul>
      </details>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
    </div>
  );
}
