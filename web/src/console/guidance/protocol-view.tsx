// The read view of one protocol, in one language, for one caller: the administrators' preview and the
// counsellor's side panel in the chat. Compact (folding sections) so that it fits beside a conversation;
// the counsellor's actions (tick a step, insert a question, send an advice card) appear only when the
// caller of this component gives a handler for them.
import './guidance.css';
import type {
  TAdviceCard,
  TPlatformHowTo,
  TProtocolCaller,
  TProtocolStep,
  TProtocolText,
} from '@abri/contracts';
import { type ReactNode, useId } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { type GuidanceT, useGuidanceT } from './i18n.ts';
import { callerName, flagName, listOf, partnerKindName, platformName, stepName } from './labels.ts';

export type ProtocolChecklist = {
  /** The steps ticked so far. */
  done: readonly TProtocolStep[];
  onToggle(step: TProtocolStep): void;
};

export type ProtocolViewProps = {
  /** One language of the protocol (`protocol.body.fr` or `.en`). */
  text: TProtocolText;
  caller: TProtocolCaller;
  /** The platform how-tos in the same language, for the advice cards that name platforms. */
  platforms?: readonly TPlatformHowTo[] | undefined;
  /** Steps as checkboxes (else a plain ordered list). */
  checklist?: ProtocolChecklist | undefined;
  /** Each open question gets an "Insert" button. */
  onInsertQuestion?: ((question: string) => void) | undefined;
  /** Each advice card gets a "Send to the visitor" button. */
  onSendAdvice?: ((card: TAdviceCard) => void) | undefined;
  /** The language of `text`, so that screen readers pronounce it right when it is not the interface's. */
  lang?: 'fr' | 'en' | undefined;
  /** Show the title as a heading of this level (by default the title is left to the container). */
  titleLevel?: 2 | 3 | 4 | undefined;
  /** Fold every section but the steps at first (for a side panel); by default all are open. */
  compact?: boolean | undefined;
};

export function ProtocolView({
  text,
  caller,
  platforms,
  checklist,
  onInsertQuestion,
  onSendAdvice,
  lang,
  titleLevel,
  compact = false,
}: ProtocolViewProps) {
  const t = useGuidanceT();
  const {
    i18n: { language },
  } = useTranslation();
  const guide = text.callers[caller];
  const Title = titleLevel ? (`h${titleLevel}` as const) : null;
  const doneCount = checklist ? guide.steps.filter((entry) => checklist.done.includes(entry.step)).length : 0;

  return (
    <div className="protocol-view">
      {Title && (
        <Title className="protocol-view__title" lang={lang}>
          {text.title}
        </Title>
      )}
      <p className="protocol-view__caller muted">{t('view.forCaller', { caller: callerName(t, caller) })}</p>
      <p className="protocol-view__summary preserve-lines" lang={lang}>
        {text.summary}
      </p>

      <Section
        open
        label={t('view.steps')}
        count={checklist ? t('view.stepsDone', { done: doneCount, total: guide.steps.length }) : undefined}
      >
        {checklist ? (
          <StepChecklist t={t} guide={guide.steps} checklist={checklist} lang={lang} />
        ) : (
          <ol className="protocol-steps">
            {guide.steps.map((entry) => (
              <li key={entry.step} className="protocol-step">
                <span className="protocol-step__name">{stepName(t, entry.step)}</span>
                <p className="protocol-step__guidance preserve-lines" lang={lang}>
                  {entry.guidance}
                </p>
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section open={!compact} label={t('view.questions')} count={String(guide.questions.length)}>
        <ul className="protocol-questions">
          {guide.questions.map((question, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: questions are plain strings that may repeat
            <li key={index} className="protocol-question">
              <span lang={lang}>{question}</span>
              {onInsertQuestion && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => onInsertQuestion(question)}
                >
                  {t('view.insert')}
                  <span className="visually-hidden" lang={lang}>
                    {' '}
                    : {question}
                  </span>
                </button>
              )}
            </li>
          ))}
        </ul>
      </Section>

      <Section open={!compact} label={t('view.advice')} count={String(guide.advice.length)}>
        <ul className="advice-cards">
          {guide.advice.map((card) => (
            <li key={card.id}>
              <AdviceCard t={t} card={card} platforms={platforms} lang={lang} language={language}>
                {onSendAdvice && (
                  <button
                    type="button"
                    className="button button--small button--primary"
                    onClick={() => onSendAdvice(card)}
                  >
                    {t('view.send')}
                    <span className="visually-hidden" lang={lang}>
                      {' '}
                      : {card.title}
                    </span>
                  </button>
                )}
              </AdviceCard>
            </li>
          ))}
        </ul>
      </Section>

      <Section open={!compact} label={t('view.redFlags')} count={String(text.redFlags.length)}>
        <ul className="protocol-flags">
          {text.redFlags.map((entry, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: red flags have no identity of their own
            <li key={index}>
              <span lang={lang}>{entry.text}</span>
              {entry.flag && (
                <span className="guidance-tag">
                  {t('view.detectorFlag', { flag: flagName(t, entry.flag) })}
                </span>
              )}
            </li>
          ))}
        </ul>
      </Section>

      <Section open={!compact} label={t('view.escalation')}>
        <ol className="protocol-escalation" lang={lang}>
          {text.escalation.steps.map((step, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are plain strings, in order
            <li key={index}>{step}</li>
          ))}
        </ol>
        <p className="protocol-view__partners">
          {t('view.partners', {
            kinds: listOf(
              text.escalation.partners.map((kind) => partnerKindName(t, kind)),
              language,
            ),
          })}
        </p>
      </Section>
    </div>
  );
}

/** A folding section; `count` is shown beside its name (a number, or "3 of 10 done"). */
function Section({
  label,
  count,
  open,
  children,
}: {
  label: string;
  count?: string | undefined;
  open: boolean;
  children: ReactNode;
}) {
  return (
    <details className="protocol-section" open={open}>
      <summary className="protocol-section__summary">
        {label}
        {count !== undefined && <span className="protocol-section__count"> ({count})</span>}
      </summary>
      <div className="protocol-section__body">{children}</div>
    </details>
  );
}

function StepChecklist({
  t,
  guide,
  checklist,
  lang,
}: {
  t: GuidanceT;
  guide: TProtocolText['callers']['child']['steps'];
  checklist: ProtocolChecklist;
  lang: 'fr' | 'en' | undefined;
}) {
  const id = useId();
  return (
    <ol className="protocol-steps protocol-steps--checklist">
      {guide.map((entry) => {
        const done = checklist.done.includes(entry.step);
        return (
          <li key={entry.step} className={`protocol-step${done ? ' protocol-step--done' : ''}`}>
            <div className="checkbox">
              <input
                id={`${id}-${entry.step}`}
                type="checkbox"
                checked={done}
                aria-describedby={`${id}-${entry.step}-guidance`}
                onChange={() => checklist.onToggle(entry.step)}
              />
              <label htmlFor={`${id}-${entry.step}`} className="protocol-step__name">
                {stepName(t, entry.step)}
              </label>
            </div>
            <p
              id={`${id}-${entry.step}-guidance`}
              className="protocol-step__guidance preserve-lines"
              lang={lang}
            >
              {entry.guidance}
            </p>
          </li>
        );
      })}
    </ol>
  );
}

function AdviceCard({
  t,
  card,
  platforms,
  lang,
  language,
  children,
}: {
  t: GuidanceT;
  card: TAdviceCard;
  platforms: readonly TPlatformHowTo[] | undefined;
  lang: 'fr' | 'en' | undefined;
  language: string;
  children: ReactNode;
}) {
  const titleId = useId();
  const named = card.platforms ?? [];
  const howTos = named
    .map((platform) => platforms?.find((entry) => entry.platform === platform))
    .filter((entry): entry is TPlatformHowTo => entry !== undefined);
  const names = listOf(
    named.map((platform) => platformName(platform, platforms)),
    language,
  );
  return (
    <article className="advice-card" aria-labelledby={titleId}>
      <p id={titleId} className="advice-card__title" lang={lang}>
        {card.title}
      </p>
      <ul className="advice-card__points" lang={lang}>
        {card.points.map((point, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: points are plain strings, in order
          <li key={index}>{point}</li>
        ))}
      </ul>
      {named.length > 0 && howTos.length === 0 && (
        <p className="muted advice-card__platforms">{t('view.platformsHint', { platforms: names })}</p>
      )}
      {howTos.length > 0 && (
        <details className="advice-card__howto">
          <summary>{t('view.howTo', { platforms: names })}</summary>
          {howTos.map((howTo) => (
            <PlatformHowTo key={howTo.platform} t={t} howTo={howTo} lang={lang} />
          ))}
        </details>
      )}
      {children && <div className="advice-card__actions">{children}</div>}
    </article>
  );
}

export function PlatformHowTo({
  t,
  howTo,
  lang,
}: {
  t: GuidanceT;
  howTo: TPlatformHowTo;
  lang: 'fr' | 'en' | undefined;
}) {
  return (
    <section className="platform-howto" aria-label={howTo.name}>
      <p className="platform-howto__name" lang={lang}>
        {howTo.name}
      </p>
      {(['block', 'privacy', 'report'] as const).map((kind) => (
        <div key={kind}>
          <p className="platform-howto__kind">{t(`howTo.${kind}`)}</p>
          <ol className="platform-howto__steps" lang={lang}>
            {howTo[kind].map((step, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps are plain strings, in order
              <li key={index}>{step}</li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}
