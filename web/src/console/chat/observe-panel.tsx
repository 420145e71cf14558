// A conversation a supervisor observes, read-only (the visitor does not know): whisper to the
// counsellor, take over, block, end, or stop observing.
import type { TStaffConversation } from '@abri/contracts';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { TextAreaField } from '../../ui/fields.tsx';
import { PanelToggle, useActionPanel } from './action-panels.tsx';
import { BlockForm } from './block-form.tsx';
import { useChat } from './chat-provider.tsx';
import { EndForm } from './end-form.tsx';
import { useChatT } from './i18n.ts';
import { MESSAGE_MAX_LENGTH, profileSummary, shortId, visitorName } from './labels.ts';
import { MessageList } from './message-list.tsx';
import { ConversationProfile } from './profile.tsx';
import { RedFlagBanner } from './red-flags.tsx';

type Panel = 'whisper' | 'block' | 'end';

export function ObservePanel({ conversation }: { conversation: TStaffConversation }) {
  const t = useChatT();
  const { state, actions, setActive } = useChat();
  const navigate = useNavigate();
  const { panel, toggle, done } = useActionPanel<Panel>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const open = conversation.status !== 'ended';

  const takeOver = async () => {
    setBusy(true);
    setError(null);
    try {
      const updated = await api.post<TStaffConversation>(
        `/api/chat/conversations/${conversation.id}/take-over`,
      );
      if (updated?.id) actions.upsert(updated);
      actions.notify(t('takeOver.done'));
      actions.unobserve(conversation.id);
      setActive(conversation.id);
      void navigate('/console/chat');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const titleId = `observe-title-${conversation.id}`;
  return (
    <article className="chat-conversation card chat-observe" aria-labelledby={titleId}>
      <header className="chat-conversation__head">
        <h3 id={titleId}>
          {visitorName(t, conversation)} <span className="muted">({shortId(conversation.id)})</span>
        </h3>
        <p className="muted">
          {profileSummary(t, conversation)}
          {conversation.counsellorName ? ` · ${conversation.counsellorName}` : ''}
        </p>
      </header>
      <ConversationProfile conversation={conversation} />
      <MessageList conversation={conversation} />
      <RedFlagBanner messages={state.messages[conversation.id]} />
      <ErrorMessage error={error} />
      <div className="chat-actions">
        <div className="row-actions">
          {open && (
            <>
              <PanelToggle name="whisper" panel={panel} toggle={toggle}>
                {t('whisper.open')}
              </PanelToggle>
              <button
                type="button"
                className="button button--secondary"
                disabled={busy}
                onClick={() => void takeOver()}
              >
                {t('takeOver.button')}
              </button>
              <PanelToggle name="block" panel={panel} toggle={toggle}>
                {t('block.open')}
              </PanelToggle>
              <PanelToggle name="end" panel={panel} toggle={toggle}>
                {t('end.open')}
              </PanelToggle>
            </>
          )}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => actions.unobserve(conversation.id)}
          >
            {t('board.stopObserving')}
          </button>
        </div>
        {panel === 'whisper' && <WhisperForm conversationId={conversation.id} />}
        {panel === 'block' && <BlockForm conversationId={conversation.id} onDone={done} />}
        {panel === 'end' && <EndForm conversation={conversation} onDone={done} />}
      </div>
    </article>
  );
}

function WhisperForm({ conversationId }: { conversationId: string }) {
  const t = useChatT();
  const { actions } = useChat();
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = text.trim();
    if (body === '') return;
    actions.send(conversationId, 'whisper', body);
    setText('');
  };
  return (
    <form className="form form--inline-card chat-reply--whisper" onSubmit={submit}>
      <TextAreaField
        label={t('whisper.field')}
        hint={t('whisper.hint')}
        value={text}
        rows={2}
        maxLength={MESSAGE_MAX_LENGTH}
        onChange={(event) => setText(event.target.value)}
      />
      <div>
        <button type="submit" className="button button--primary" disabled={text.trim() === ''}>
          {t('whisper.send')}
        </button>
      </div>
    </form>
  );
}
