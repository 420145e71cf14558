// Outside opening hours: when the chat opens again, the emergency numbers, and a written message to leave.
import type { TPublicSettings } from '@abri/contracts';
import { useId } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { formatChange } from '../contact-info.tsx';
import { HelplineNumbers } from './closing.tsx';
import { type Opened, PreChatForm } from './prechat-form.tsx';
import { ScreenHeading } from './screen-focus.tsx';

export function ClosedScreen({
  settings,
  statement,
  onLeft,
}: {
  settings: TPublicSettings;
  statement: string;
  onLeft: (opened: Opened) => void;
}) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const { nextChange } = settings.status;
  const when = nextChange
    ? formatChange(nextChange, settings.openingHours.timeZone, i18n.language, t, false)
    : null;
  return (
    <section className="card chat" aria-labelledby={titleId}>
      <ScreenHeading id={titleId}>{t('chat.closed.title')}</ScreenHeading>
      <p className="status status--closed">
        <span className="status__dot" aria-hidden="true" />
        {when ? t('chat.closed.reopens', { when }) : t('chat.closed.later')}
      </p>
      <div className="chat-danger">
        <h3>{t('chat.closed.dangerTitle')}</h3>
        <p>{t('chat.closed.dangerBody')}</p>
        <HelplineNumbers emergencyOnly />
      </div>
      <h3>{t('chat.closed.messageTitle')}</h3>
      <p>{t('chat.closed.messageBody')}</p>
      <PreChatForm mode="message" statement={statement} onOpened={onLeft} onClosed={() => {}} />
    </section>
  );
}
