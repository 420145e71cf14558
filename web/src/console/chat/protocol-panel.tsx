// The protocol beside a conversation: the one of the pre-chat topic (or the one the counsellor picks when
// that topic has none), for the caller matching the visitor's audience, both switchable; its steps as a
// checklist kept in the chat's contact record; suggested questions put in the reply box and advice cards
// sent in one click, in the conversation's language (the console's unless switched to the other).
import type {
  TAdviceCard,
  TContact,
  TProtocolCaller,
  TProtocolStep,
  TProtocolTopic,
  TStaffConversation,
} from '@abri/contracts';
import { useId, useState } from 'react';
import { currentLanguage } from '../../i18n/index.ts';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { platformsIn, usePlatformGuide, useProtocol } from '../guidance/api.ts';
import { isProtocolTopic, PROTOCOL_CALLERS, PROTOCOL_STEPS, PROTOCOL_TOPICS } from '../guidance/constants.ts';
import { ProtocolView } from '../guidance/protocol-view.tsx';
import { chatCard } from './advice-cards.ts';
import { useChat } from './chat-provider.tsx';
import { type RecordEntry, shownRecord } from './contact-record.ts';
import { useChatT } from './i18n.ts';

export type ChatLanguage = 'fr' | 'en';

type Choice = { topic?: TProtocolTopic; caller?: TProtocolCaller; language?: ChatLanguage };

// What the counsellor chose for each conversation, kept while the console is open (like reply drafts).
const choices = new Map<string, Choice>();

/** The visitor's audience as a protocol caller ("other" reads the parents' guide). */
export function callerOf(audience: string | null | undefined): TProtocolCaller | null {
  if (audience === 'child' || audience === 'parent' || audience === 'professional') return audience;
  return audience === 'other' ? 'parent' : null;
}

export type ProtocolChoice = {
  /** null: the conversation's topic has no protocol and none was picked. */
  topic: TProtocolTopic | null;
  caller: TProtocolCaller;
  language: ChatLanguage;
  setTopic: (topic: TProtocolTopic) => void;
  setCaller: (caller: TProtocolCaller) => void;
  setLanguage: (language: ChatLanguage) => void;
};

/**
 * Which protocol, caller and language a conversation's panel shows: the counsellor's choice, else the
 * protocol recorded on the contact, else the pre-chat topic; the caller from the record or the audience.
 */
export function useProtocolChoice(conversation: TStaffConversation, record: TContact | null): ProtocolChoice {
  const [choice, setChoice] = useState<Choice>(() => choices.get(conversation.id) ?? {});
  const update = (change: Choice) => {
    const next = { ...choice, ...change };
    choices.set(conversation.id, next);
    setChoice(next);
  };
  const preChatTopic = isProtocolTopic(conversation.topic) ? conversation.topic : null;
  return {
    topic: choice.topic ?? record?.protocolTopic ?? preChatTopic,
    caller: choice.caller ?? callerOf(record?.caller) ?? callerOf(conversation.audience) ?? 'child',
    language: choice.language ?? (currentLanguage() === 'en' ? 'en' : 'fr'),
    setTopic: (topic) => update({ topic }),
    setCaller: (caller) => update({ caller }),
    setLanguage: (language) => update({ language }),
  };
}

export function ProtocolPanel({
  conversation,
  choice,
  entry,
}: {
  conversation: TStaffConversation;
  choice: ProtocolChoice;
  entry: RecordEntry;
}) {
  const t = useChatT();
  const { actions, records } = useChat();
  const { topic, caller, language } = choice;
  const protocol = useProtocol(topic);
  const platforms = usePlatformGuide();
  const [status, setStatus] = useState('');
  const languageId = useId();
  const record = shownRecord(entry);
  const open = conversation.status === 'active';
  const consoleLanguage = currentLanguage() === 'en' ? 'en' : 'fr';

  // Using the panel records which protocol was followed.
  const used = (extra: { checklist?: TProtocolStep[] } = {}) => {
    if (!topic) return;
    if (record?.protocolTopic === topic && !extra.checklist) return;
    records.change(conversation.id, { protocolTopic: topic, ...extra });
  };

  const toggle = (step: TProtocolStep) => {
    const done = new Set(record?.checklist ?? []);
    if (done.has(step)) done.delete(step);
    else done.add(step);
    used({ checklist: PROTOCOL_STEPS.filter((entry) => done.has(entry)) });
  };

  const insertQuestion = (question: string) => {
    if (actions.insertReply(conversation.id, question)) {
      setStatus(t('protocol.questionInserted'));
      used();
    }
  };

  const sendAdvice = (card: TAdviceCard) => {
    actions.sendCard(conversation.id, chatCard(card));
    setStatus(t('protocol.cardSent', { title: card.title }));
    used();
  };

  const topicOptions = [
    ...(topic ? [] : [{ value: '', label: t('protocol.topicPlaceholder') }]),
    ...PROTOCOL_TOPICS.map((value) => ({ value, label: t(`topic.${value}`) })),
  ];

  return (
    <div className="chat-protocol">
      <div className="chat-protocol__controls">
        <SelectField
          label={t('protocol.topic')}
          value={topic ?? ''}
          options={topicOptions}
          onChange={(value) => {
            if (!isProtocolTopic(value)) return;
            choice.setTopic(value);
            if (record && record.protocolTopic !== value)
              records.change(conversation.id, { protocolTopic: value });
          }}
        />
        <SelectField
          label={t('protocol.caller')}
          value={caller}
          options={PROTOCOL_CALLERS.map((value) => ({ value, label: t(`audience.${value}`) }))}
          onChange={(value) => {
            const next = PROTOCOL_CALLERS.find((entry) => entry === value);
            if (next) choice.setCaller(next);
          }}
        />
        <fieldset className="fieldset chat-protocol__language" aria-describedby={`${languageId}-hint`}>
          <legend>{t('protocol.language')}</legend>
          <p id={`${languageId}-hint`} className="field__hint">
            {t('protocol.languageHint')}
          </p>
          <div className="chat-protocol__language-options">
            {(['fr', 'en'] as const).map((value) => (
              <div key={value} className="choice">
                <input
                  id={`${languageId}-${value}`}
                  type="radio"
                  name={`${languageId}-language`}
                  value={value}
                  checked={language === value}
                  onChange={() => choice.setLanguage(value)}
                />
                <label htmlFor={`${languageId}-${value}`} lang={value}>
                  {t(`protocol.languages.${value}`)}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>

      {!topic && (
        <p className="notice notice--info">
          {t('protocol.noProtocol', { topic: t(`topic.${conversation.topic}`) })}
        </p>
      )}
      {topic && protocol.loading && !protocol.data && <p className="muted">{t('protocol.loading')}</p>}
      <ErrorMessage error={topic ? protocol.error : null} onRetry={protocol.reload} />
      {topic && protocol.data && protocol.data.topic === topic && (
        <ProtocolView
          text={protocol.data.body[language]}
          caller={caller}
          platforms={platformsIn(platforms.data, language)}
          lang={language === consoleLanguage ? undefined : language}
          titleLevel={4}
          compact
          checklist={record ? { done: record.checklist, onToggle: toggle } : undefined}
          onInsertQuestion={open ? insertQuestion : undefined}
          onSendAdvice={open ? sendAdvice : undefined}
        />
      )}
      <p className="chat-protocol__status" role="status">
        {status}
      </p>
      <ChecklistState entry={entry} />
    </div>
  );
}

/** Whether the ticks are saved in the record, waiting, or could not be saved. */
function ChecklistState({ entry }: { entry: RecordEntry }) {
  const t = useChatT();
  if (entry.error && entry.pending) return <ErrorMessage error={entry.error} />;
  if (!entry.pending) return null;
  return (
    <p className="chat-protocol__saving muted">
      {entry.formEdited ? t('protocol.waitingForRecord') : t('protocol.saving')}
    </p>
  );
}
