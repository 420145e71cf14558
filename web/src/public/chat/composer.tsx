// Writing a message: Enter sends, Shift+Enter starts a new line; 4000 characters at most, with a counter
// near the limit; "typing" is reported to the counsellor while the visitor writes (and stops after a pause).
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { COUNTER_FROM, MESSAGE_MAX_LENGTH } from './constants.ts';

const TYPING_IDLE_MS = 4000;

type Props = {
  onSend: (text: string) => void;
  onTyping: (typing: boolean) => void;
  /** A friendly notice tied to the field (the rate limit), or null. */
  notice: string | null;
};

export function Composer({ onSend, onTyping, notice }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const typing = useRef(onTyping);
  typing.current = onTyping;

  useEffect(() => () => clearTimeout(idle.current), []);

  const remaining = MESSAGE_MAX_LENGTH - text.length;
  const showCounter = remaining <= COUNTER_FROM;
  const described = [`${id}-hint`, showCounter ? `${id}-counter` : null, notice ? `${id}-notice` : null]
    .filter(Boolean)
    .join(' ');

  const change = (value: string) => {
    setText(value);
    clearTimeout(idle.current);
    if (value.trim() === '') {
      typing.current(false);
      return;
    }
    typing.current(true);
    idle.current = setTimeout(() => typing.current(false), TYPING_IDLE_MS);
  };

  const send = () => {
    const message = text.trim();
    if (message === '') return;
    clearTimeout(idle.current);
    onSend(message);
    setText('');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };

  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  };

  return (
    <form className="chat-composer" onSubmit={submit}>
      <label htmlFor={id} className="field__label">
        {t('chat.composer.label')}
      </label>
      <p id={`${id}-hint`} className="field__hint">
        {t('chat.composer.hint')}
      </p>
      <div className="chat-composer__row">
        <textarea
          id={id}
          className="field__input chat-composer__input"
          value={text}
          rows={2}
          maxLength={MESSAGE_MAX_LENGTH}
          aria-describedby={described}
          onChange={(event) => change(event.target.value)}
          onKeyDown={keyDown}
          onBlur={() => typing.current(false)}
        />
        <button type="submit" className="button button--primary chat-composer__send">
          {t('chat.composer.send')}
        </button>
      </div>
      {showCounter && (
        <p id={`${id}-counter`} className="chat-composer__counter">
          {t('chat.composer.remaining', { count: remaining })}
        </p>
      )}
      <div role="status">
        {notice && (
          <p id={`${id}-notice`} className="notice notice--info chat-composer__notice">
            {notice}
          </p>
        )}
      </div>
    </form>
  );
}
