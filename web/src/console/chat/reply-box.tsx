// The reply field: Enter sends, Shift+Enter is a new line, "/" at the start offers canned responses.
// "Note interne" turns the next message into a staff-only note. Typing is signalled to the visitor
// (never while writing a note); drafts survive switching conversations. Other parts of the workspace put
// text in it through the chat provider (actions.insertReply).
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { CannedList, cannedQuery, filterCanned, useCannedResponses } from './canned-list.tsx';
import { useChat } from './chat-provider.tsx';
import { useChatT } from './i18n.ts';
import { MESSAGE_MAX_LENGTH } from './labels.ts';

const drafts = new Map<string, string>();
const TYPING_IDLE_MS = 3000;

export function ReplyBox({ conversationId }: { conversationId: string }) {
  const t = useChatT();
  const { actions } = useChat();
  const [text, setTextState] = useState(() => drafts.get(conversationId) ?? '');
  const [note, setNote] = useState(false);
  const [highlighted, setHighlighted] = useState(0);
  const [closedFor, setClosedFor] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const typingSent = useRef(false);
  const typingTimer = useRef<number | undefined>(undefined);
  const fieldId = useId();
  const listId = useId();
  const noteId = useId();

  const query = cannedQuery(text);
  const cannedOpen = query !== null && closedFor !== text;
  const { responses, failed } = useCannedResponses(query !== null);
  const options = cannedOpen ? filterCanned(responses, query ?? '') : [];
  const current = Math.min(highlighted, Math.max(0, options.length - 1));

  const stopTyping = () => {
    window.clearTimeout(typingTimer.current);
    if (typingSent.current) actions.typing(conversationId, false);
    typingSent.current = false;
  };
  // Say "stopped typing" when leaving the conversation.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on unmount or conversation change.
  useEffect(() => stopTyping, [conversationId]);

  const setText = (value: string) => {
    setTextState(value);
    drafts.set(conversationId, value);
    setHighlighted(0);
    if (note || value.trim() === '') {
      stopTyping();
      return;
    }
    if (!typingSent.current) actions.typing(conversationId, true);
    typingSent.current = true;
    window.clearTimeout(typingTimer.current);
    typingTimer.current = window.setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  // Text from elsewhere in the workspace (a protocol's suggested question) is added after the draft, and
  // the field takes the focus with the caret at the end, ready to edit or send.
  const insert = useRef((_value: string) => {});
  insert.current = (value: string) => {
    const before = text.replace(/\s+$/, '');
    const next = before === '' ? value : `${before} ${value}`;
    setText(next.slice(0, MESSAGE_MAX_LENGTH));
    window.requestAnimationFrame(() => {
      const element = field.current;
      if (!element) return;
      element.focus();
      element.setSelectionRange(element.value.length, element.value.length);
    });
  };
  useEffect(
    () => actions.registerReply(conversationId, (value) => insert.current(value)),
    [actions, conversationId],
  );

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const body = text.trim();
    if (body === '' || body.length > MESSAGE_MAX_LENGTH) return;
    actions.send(conversationId, note ? 'note' : 'text', body);
    stopTyping();
    setTextState('');
    drafts.delete(conversationId);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (cannedOpen && options.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setHighlighted((current + step + options.length) % options.length);
        return;
      }
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        const chosen = options[current];
        if (chosen) setText(chosen.body);
        return;
      }
    }
    if (cannedOpen && event.key === 'Escape') {
      event.preventDefault();
      setClosedFor(text);
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };

  const tooLong = text.length > MESSAGE_MAX_LENGTH;
  const showList = cannedOpen && (responses.length > 0 || failed);
  return (
    <form className={`chat-reply${note ? ' chat-reply--note' : ''}`} onSubmit={submit}>
      <div className="field chat-reply__field">
        <label htmlFor={fieldId} className="field__label">
          {t('reply.label')}
        </label>
        <p id={`${fieldId}-hint`} className="field__hint">
          {note ? t('reply.noteHint') : t('reply.hint')}
        </p>
        <textarea
          ref={field}
          id={fieldId}
          className="field__input field__input--area chat-reply__input"
          rows={3}
          value={text}
          maxLength={MESSAGE_MAX_LENGTH}
          aria-describedby={`${fieldId}-hint ${fieldId}-count`}
          aria-invalid={tooLong || undefined}
          aria-controls={showList && options.length > 0 ? listId : undefined}
          aria-activedescendant={showList && options.length > 0 ? `${listId}-${current}` : undefined}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={stopTyping}
        />
        {showList && (
          <CannedList
            id={listId}
            options={options}
            highlighted={current}
            failed={failed}
            onChoose={(response) => setText(response.body)}
          />
        )}
      </div>
      <div className="chat-reply__bar">
        <div className="checkbox">
          <input
            id={noteId}
            type="checkbox"
            checked={note}
            onChange={(event) => setNote(event.target.checked)}
          />
          <label htmlFor={noteId}>{t('reply.noteToggle')}</label>
        </div>
        <p id={`${fieldId}-count`} className={`chat-reply__count${tooLong ? ' field__error' : ''}`}>
          {tooLong
            ? t('reply.tooLong', { max: MESSAGE_MAX_LENGTH })
            : t('reply.count', { count: text.length, max: MESSAGE_MAX_LENGTH })}
        </p>
        <button type="submit" className="button button--primary" disabled={text.trim() === '' || tooLong}>
          {t('reply.send')}
        </button>
      </div>
    </form>
  );
}
