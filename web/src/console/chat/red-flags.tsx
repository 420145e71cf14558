// Red flags in the staff views (never shown to the visitor): the flagged spans of a visitor's message,
// highlighted with their flag names for screen readers, and a banner of the flags found so far in a
// conversation: for each, what the conversation's protocol says of it (else a generic line), then the
// protocol's escalation steps and a way to escalate. The detector assists; it never decides.
import type { TChatMessage, TProtocolText } from '@abri/contracts';
import i18n, { useTranslation } from '../../i18n/index.ts';
import { conversationFlags, flagPieces, URGENT_FLAGS } from './flag-spans.ts';
import { type ChatT, useChatT } from './i18n.ts';

/** A flag's translated name (its code if this console does not know it). */
export function flagName(t: ChatT, flag: string): string {
  return i18n.exists(`consoleChat.redFlags.names.${flag}`)
    ? t(`redFlags.names.${flag}` as 'redFlags.names.threat')
    : flag;
}

/** Translated flag names as one list ("Menace et Sextorsion"). */
export function flagList(t: ChatT, flags: readonly string[], language: string): string {
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(
    flags.map((flag) => flagName(t, flag)),
  );
}

export function FlaggedBody({ message }: { message: TChatMessage }) {
  const t = useChatT();
  const {
    i18n: { language },
  } = useTranslation();
  if (!message.redFlags?.length) return <>{message.body}</>;
  let offset = 0;
  return (
    <>
      {flagPieces(message.body, message.redFlags).map((piece) => {
        const key = offset;
        offset += piece.text.length;
        if (piece.flags.length === 0) return <span key={key}>{piece.text}</span>;
        return (
          <mark key={key} className="chat-flag-mark">
            <span className="visually-hidden">
              {t('redFlags.prefix', { flags: flagList(t, piece.flags, language) })}{' '}
            </span>
            {piece.text}
            <span className="visually-hidden"> {t('redFlags.suffix')}</span>
          </mark>
        );
      })}
    </>
  );
}

export function RedFlagBanner({
  messages,
  protocol,
  contactId,
}: {
  messages: TChatMessage[] | undefined;
  /** The conversation's protocol in the console's language, once known. */
  protocol?: TProtocolText | null | undefined;
  /** The chat's contact record, for the escalation form. */
  contactId?: string | null | undefined;
}) {
  const t = useChatT();
  const flags = conversationFlags(messages);
  if (flags.length === 0) return null;
  const urgent = flags.some((flag) => URGENT_FLAGS.includes(flag));
  const steps = protocol?.escalation.steps ?? [];
  return (
    <div className={`notice chat-flags ${urgent ? 'notice--error' : 'chat-flags--warning'}`}>
      <p className="notice__text chat-flags__title">{t('redFlags.title')}</p>
      <ul className="chat-flags__list">
        {flags.map((flag) => {
          const entries = protocol?.redFlags.filter((entry) => entry.flag === flag) ?? [];
          return (
            <li key={flag}>
              <strong>{flagName(t, flag)}</strong>
              {entries.length === 0 &&
                i18n.exists(`consoleChat.redFlags.guidance.${flag}`) &&
                ` — ${t(`redFlags.guidance.${flag}` as 'redFlags.guidance.threat')}`}
              {entries.length > 0 && (
                <ul className="chat-flags__entries">
                  {entries.map((entry, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a protocol's red flags are plain texts.
                    <li key={index}>{entry.text}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {protocol && steps.length > 0 && (
        // Unfolded at once for self-harm or immediate danger; otherwise one click away.
        <details className="chat-flags__escalation" open={urgent}>
          <summary className="chat-flags__subtitle">
            {t('redFlags.escalationTitle', { title: protocol.title })}
          </summary>
          <ol className="chat-flags__steps">
            {steps.map((step, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps are plain texts, in order.
              <li key={index}>{step}</li>
            ))}
          </ol>
        </details>
      )}
      {contactId && (
        <p className="chat-flags__action">
          <a
            className="button button--small"
            href={`/console/escalations/new?contactId=${encodeURIComponent(contactId)}`}
            target="_blank"
            rel="noopener"
          >
            {t('redFlags.escalate')}
            <span className="visually-hidden"> {t('record.newTab')}</span>
          </a>
        </p>
      )}
      <p className="chat-flags__hint">{t('redFlags.hint')}</p>
    </div>
  );
}
