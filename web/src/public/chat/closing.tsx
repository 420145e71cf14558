// The last words after a chat, with the phone numbers (the helpline's and the emergency ones).
import { useEffect, useId } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { EmergencyNumbers, PhoneList } from '../contact-info.tsx';
import { usePublicSettings } from '../settings-context.tsx';
import { ScreenHeading } from './screen-focus.tsx';
import { clearChat } from './storage.ts';

/** The helpline's numbers, then the emergency ones (from the settings, else the built-in list). */
export function HelplineNumbers({
  dangerTitle,
  emergencyOnly,
}: {
  dangerTitle?: string;
  emergencyOnly?: boolean;
}) {
  const { settings } = usePublicSettings();
  const emergency = settings?.phoneNumbers.filter((phone) => phone.emergency) ?? [];
  if (emergency.length === 0) return <EmergencyNumbers headingLevel={3} />;
  if (emergencyOnly) return <PhoneList numbers={emergency} />;
  return (
    <>
      {settings && <PhoneList numbers={settings.phoneNumbers.filter((phone) => !phone.emergency)} />}
      <h3>{dangerTitle}</h3>
      <PhoneList numbers={emergency} />
    </>
  );
}

export function ClosingScreen({ onRestart }: { onRestart: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  // Nothing left to come back to from this tab: forget the conversation (the code still works).
  useEffect(() => clearChat(), []);
  return (
    <section className="card chat" aria-labelledby={titleId}>
      <ScreenHeading id={titleId}>{t('chat.closing.title')}</ScreenHeading>
      <p>{t('chat.closing.body')}</p>
      <HelplineNumbers dangerTitle={t('chat.closing.dangerTitle')} />
      <p>
        <button type="button" className="button button--primary" onClick={onRestart}>
          {t('chat.closing.again')}
        </button>
      </p>
    </section>
  );
}
