// Red flags in the staff views (never shown to the visitor): the flagged spans of a visitor's message,
// highlighted with their flag names for screen readers, and a banner of the flags found so far in a
// conversation, with a line of guidance each. The detector assists; it never decides (packages/redflags).
import type { TChatMessage } from '@abri/contracts';
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

export function RedFlagBanner({ messages }: { messages: TChatMessage[] | undefined }) {
  const t = useChatT();
  const flags = conversationFlags(messages);
  if (flags.length === 0) return null;
  const urgent = flags.some((flag) => URGENT_FLAGS.includes(flag));
  return (
    <div className={`notice chat-flags ${urgent ? 'notice--error' : 'chat-flags--warning'}`}>
      <p className="notice__text chat-flags__title">{t('redFlags.title')}</p>
      <ul className="chat-flags__list">
        {flags.map((flag) => (
          <li key={flag}>
            <strong>{flagName(t, flag)}</strong>
            {i18n.exists(`consoleChat.redFlags.guidance.${flag}`) &&
              ` — ${t(`redFlags.guidance.${flag}` as 'redFlags.guidance.threat')}`}
          </li>
        ))}
      </ul>
      <p className="chat-flags__hint">{t('redFlags.hint')}</p>
    </div>
  );
}
