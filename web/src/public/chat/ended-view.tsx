// After the end: why it ended, the optional three-question survey (POST /api/chat/survey), then the
// closing screen. The conversation can be read again below.
import type { TChatMessage, TVisitorConversation } from '@abri/contracts';
import { type FormEvent, useId, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { RadioGroupField } from '../../ui/fields.tsx';
import { ClosingScreen } from './closing.tsx';
import { SURVEY_QUESTIONS } from './constants.ts';
import { MessageList } from './message-list.tsx';
import { ScreenHeading, useScreenChange } from './screen-focus.tsx';

type Question = (typeof SURVEY_QUESTIONS)[number];
type Answers = { [Q in Question as Q['name']]?: Q['answers'][number] };

type Props = {
  conversation: TVisitorConversation;
  messages: readonly TChatMessage[];
  visitorToken: string;
  onRestart: () => void;
};

export default function EndedView({ conversation, messages, visitorToken, onRestart }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  // A survey only makes sense if someone from the team took part.
  const talked = messages.some((message) => message.author === 'counsellor');
  const [step, setStep] = useState<'survey' | 'closing'>(talked ? 'survey' : 'closing');
  useScreenChange(step);

  if (step === 'closing') return <ClosingScreen onRestart={onRestart} />;
  return (
    <section className="card chat" aria-labelledby={titleId}>
      <ScreenHeading id={titleId}>{t('chat.ended.title')}</ScreenHeading>
      {conversation.endReason && <p>{t(`chat.ended.${conversation.endReason}`)}</p>}
      <Survey visitorToken={visitorToken} onDone={() => setStep('closing')} />
      <details className="chat-transcript">
        <summary>{t('chat.ended.transcript')}</summary>
        <MessageList messages={messages} pending={[]} conversation={conversation} />
      </details>
    </section>
  );
}

function Survey({ visitorToken, onDone }: { visitorToken: string; onDone: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [answers, setAnswers] = useState<Answers>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await api.post('/api/chat/survey', { visitorToken, ...answers });
      onDone();
    } catch (caught) {
      // Already answered (another tab, a double click): nothing more to do.
      if (caught instanceof ApiError && caught.code === 'CHAT_SURVEY_DONE') return onDone();
      setBusy(false);
      setFailure(caught);
    }
  };

  return (
    <form className="form chat-survey" aria-labelledby={titleId} onSubmit={(event) => void submit(event)}>
      <h3 id={titleId}>{t('chat.survey.title')}</h3>
      <p>{t('chat.survey.body')}</p>
      {SURVEY_QUESTIONS.map((question) => (
        <RadioGroupField
          key={question.name}
          legend={t(`chat.survey.${question.name}`)}
          name={question.name}
          className="choices--inline"
          options={question.answers.map((value) => ({ value, label: t(`chat.survey.${value}`) }))}
          value={answers[question.name] ?? null}
          onChange={(value) => setAnswers((current) => ({ ...current, [question.name]: value }))}
        />
      ))}
      <ErrorMessage error={failure} />
      <div className="actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy}
          aria-busy={busy || undefined}
        >
          {t('chat.survey.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('chat.survey.skip')}
        </button>
      </div>
    </form>
  );
}
