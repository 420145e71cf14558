// Beside a conversation (below it on a narrow screen, behind a toggle): the protocol and the contact
// record, as two tabs. Both stay mounted when hidden, so that a half-filled record form keeps its edits.
import type { TStaffConversation } from '@abri/contracts';
import { type KeyboardEvent, useRef } from 'react';
import type { RecordEntry } from './contact-record.ts';
import { useChatT } from './i18n.ts';
import { type ProtocolChoice, ProtocolPanel } from './protocol-panel.tsx';
import { RecordPanel } from './record-panel.tsx';

export type SideTab = 'protocol' | 'record';
const TABS: SideTab[] = ['protocol', 'record'];

export function ConversationSide({
  conversation,
  choice,
  entry,
  tab,
  onTab,
  expanded,
  onExpanded,
}: {
  conversation: TStaffConversation;
  choice: ProtocolChoice;
  entry: RecordEntry;
  tab: SideTab;
  onTab: (tab: SideTab) => void;
  /** On a narrow screen: whether the tools are shown (on a wide one they always are). */
  expanded: boolean;
  onExpanded: (expanded: boolean) => void;
}) {
  const t = useChatT();
  const buttons = useRef(new Map<SideTab, HTMLButtonElement>());
  const base = `chat-side-${conversation.id}`;
  const draft = entry.contact?.status === 'draft';

  const onKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: TABS.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = TABS[(next + TABS.length) % TABS.length] ?? 'protocol';
    onTab(target);
    buttons.current.get(target)?.focus();
  };

  return (
    <section className={`chat-side${expanded ? ' chat-side--expanded' : ''}`} aria-label={t('side.label')}>
      <button
        type="button"
        className="button button--secondary chat-side__toggle"
        aria-expanded={expanded}
        aria-controls={`${base}-body`}
        onClick={() => onExpanded(!expanded)}
      >
        {t('side.toggle')}
      </button>
      <div id={`${base}-body`} className="chat-side__body">
        <div role="tablist" aria-label={t('side.tabsLabel')} className="chat-side__tabs">
          {TABS.map((name, index) => (
            <button
              key={name}
              ref={(element) => {
                if (element) buttons.current.set(name, element);
                else buttons.current.delete(name);
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${name}`}
              aria-selected={tab === name}
              aria-controls={`${base}-panel-${name}`}
              tabIndex={tab === name ? 0 : -1}
              className="chat-tab chat-side__tab"
              onClick={() => onTab(name)}
              onKeyDown={(event) => onKey(event, index)}
            >
              {t(`side.${name}`)}
              {name === 'record' && draft && <span className="chat-side__draft">{t('record.draftTag')}</span>}
            </button>
          ))}
        </div>
        <div
          role="tabpanel"
          id={`${base}-panel-protocol`}
          aria-labelledby={`${base}-tab-protocol`}
          hidden={tab !== 'protocol'}
          className="chat-side__panel"
        >
          <ProtocolPanel conversation={conversation} choice={choice} entry={entry} />
        </div>
        <div
          role="tabpanel"
          id={`${base}-panel-record`}
          aria-labelledby={`${base}-tab-record`}
          hidden={tab !== 'record'}
          className="chat-side__panel"
        >
          <RecordPanel conversationId={conversation.id} entry={entry} />
        </div>
      </div>
    </section>
  );
}
