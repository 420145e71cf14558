// The questions before a chat (who, age, topic, nickname, confidentiality), and outside opening hours the
// same questions with a written message. Sends POST /api/chat/conversations.
import type { TPreChatRequest, TVisitorConversation, TVisitorCredentials } from '@abri/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { CheckboxField, RadioGroupField, SubmitButton, TextAreaField, TextField } from '../../ui/fields.tsx';
import {
  AGE_BANDS,
  type AgeBand,
  AUDIENCES,
  type Audience,
  CHAT_TOPICS,
  type ChatTopic,
  MESSAGE_MAX_LENGTH,
  NICKNAME_MAX_LENGTH,
} from './constants.ts';
import { deviceToken } from './storage.ts';

export type Opened = { credentials: TVisitorCredentials; conversation: TVisitorConversation };
type Field = 'audience' | 'age' | 'topic' | 'nickname' | 'accept' | 'message';
type Errors = Partial<Record<Field, string>>;

// biome-ignore lint/suspicious/noControlCharactersInRegex: the server refuses control characters too.
const NICKNAME_FORBIDDEN = /[<>\u0000-\u001f]/;

export function PreChatForm({
  mode,
  statement,
  onOpened,
  onClosed,
}: {
  mode: 'chat' | 'message';
  statement: string;
  onOpened: (opened: Opened) => void;
  /** The chat closed meanwhile (409 CHAT_CLOSED): reload the settings to show the closed screen. */
  onClosed: () => void;
}) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const statementId = useId();
  const topicId = useId();
  const [audience, setAudience] = useState<Audience | null>(null);
  const [ageBand, setAgeBand] = useState<AgeBand | null>(null);
  const [topic, setTopic] = useState<ChatTopic | ''>('');
  const [nickname, setNickname] = useState('');
  const [accepted, setAccepted] = useState(false);
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const validate = (): Errors => {
    const found: Errors = {};
    if (!audience) found.audience = t('chat.required.audience');
    if (!ageBand) found.age = t('chat.required.age');
    if (!topic) found.topic = t('chat.required.topic');
    if (NICKNAME_FORBIDDEN.test(nickname)) found.nickname = t('chat.nickname.invalid');
    if (mode === 'message' && message.trim() === '') found.message = t('chat.required.message');
    if (!accepted) found.accept = t('chat.required.accept');
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFailure(null);
    const first = (Object.keys(found) as Field[])[0];
    if (first || !audience || !ageBand || !topic) {
      focusField(form.current, first);
      return;
    }
    const body: TPreChatRequest = {
      audience,
      ageBand,
      topic,
      acceptedConfidentiality: true,
      deviceToken: deviceToken(),
      ...(nickname.trim() ? { nickname: nickname.trim() } : {}),
      ...(mode === 'message' ? { message: message.trim() } : {}),
    };
    setBusy(true);
    try {
      onOpened(await api.post<Opened>('/api/chat/conversations', body));
    } catch (caught) {
      setBusy(false);
      if (caught instanceof ApiError && caught.code === 'CHAT_CLOSED' && mode === 'chat') onClosed();
      setFailure(caught);
    }
  };

  return (
    <form ref={form} className="form chat-form" noValidate onSubmit={(event) => void submit(event)}>
      <div data-field="audience">
        <RadioGroupField
          legend={t('chat.audience.legend')}
          name="audience"
          options={AUDIENCES.map((value) => ({ value, label: t(`chat.audience.${value}`) }))}
          value={audience}
          onChange={setAudience}
          error={errors.audience}
        />
      </div>
      <div data-field="age">
        <RadioGroupField
          legend={t('chat.age.legend')}
          name="ageBand"
          options={AGE_BANDS.map((value) => ({ value, label: t(`chat.age.${value}`) }))}
          value={ageBand}
          onChange={setAgeBand}
          error={errors.age}
        />
      </div>
      <div className="field" data-field="topic">
        <label htmlFor={topicId} className="field__label">
          {t('chat.topic.label')}
        </label>
        <select
          id={topicId}
          className="field__input"
          value={topic}
          onChange={(event) => setTopic(event.target.value as ChatTopic | '')}
          aria-invalid={errors.topic ? true : undefined}
          aria-describedby={errors.topic ? `${topicId}-error` : undefined}
        >
          <option value="">{t('chat.topic.placeholder')}</option>
          {CHAT_TOPICS.map((value) => (
            <option key={value} value={value}>
              {t(`chat.topic.${value}`)}
            </option>
          ))}
        </select>
        {errors.topic && (
          <p id={`${topicId}-error`} className="field__error">
            {errors.topic}
          </p>
        )}
      </div>
      <div data-field="nickname">
        <TextField
          label={t('chat.nickname.label')}
          hint={t('chat.nickname.hint')}
          error={errors.nickname}
          value={nickname}
          onChange={(event) => setNickname(event.target.value)}
          maxLength={NICKNAME_MAX_LENGTH}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      {mode === 'message' && (
        <div data-field="message">
          <TextAreaField
            label={t('chat.closed.messageLabel')}
            error={errors.message}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
            maxLength={MESSAGE_MAX_LENGTH}
            rows={6}
          />
        </div>
      )}
      <div className="chat-confidentiality" data-field="accept">
        <h3 id={statementId}>{t('chat.confidentiality.title')}</h3>
        {statement ? (
          statement
            .split(/\n{2,}/)
            .filter((paragraph) => paragraph.trim() !== '')
            .map((paragraph) => (
              <p key={paragraph} className="preserve-lines">
                {paragraph}
              </p>
            ))
        ) : (
          <p>{t('chat.confidentiality.unavailable')}</p>
        )}
        <CheckboxField
          label={t('chat.confidentiality.accept')}
          checked={accepted}
          onChange={(event) => setAccepted(event.target.checked)}
          aria-invalid={errors.accept ? true : undefined}
          aria-describedby={errors.accept ? `${statementId}-error` : undefined}
        />
        {errors.accept && (
          <p id={`${statementId}-error`} className="field__error">
            {errors.accept}
          </p>
        )}
      </div>
      <ErrorMessage error={failure} />
      <SubmitButton busy={busy}>{mode === 'chat' ? t('chat.start') : t('chat.closed.send')}</SubmitButton>
    </form>
  );
}

/** Focus the first control of a field wrapper (a radio group's first option, or the input). */
function focusField(form: HTMLFormElement | null, field: Field | undefined): void {
  if (!form || !field) return;
  form.querySelector<HTMLElement>(`[data-field="${field}"] :is(input, select, textarea)`)?.focus();
}
