// Before a chat: the questions (or, when closed, the closed screen with a message to leave), and "I have
// a code". Its own chunk, fetched only when no conversation is under way.
import { useTranslation } from '../../i18n/index.ts';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { usePublicSettings } from '../settings-context.tsx';
import { ClosedScreen } from './closed-screen.tsx';
import { type Opened, PreChatForm } from './prechat-form.tsx';
import { ResumeForm } from './resume-form.tsx';
import { ScreenHeading } from './screen-focus.tsx';

export default function StartScreen({
  onOpened,
  onLeft,
}: {
  onOpened: (opened: Opened) => void;
  onLeft: (opened: Opened) => void;
}) {
  const { t, i18n } = useTranslation();
  const { settings, error, loading, retry } = usePublicSettings();
  const statement = settings
    ? i18n.language === 'en'
      ? settings.confidentiality.en
      : settings.confidentiality.fr
    : '';

  let main: React.ReactNode;
  if (settings && !settings.status.open) {
    main = <ClosedScreen settings={settings} statement={statement} onLeft={onLeft} />;
  } else if (settings) {
    main = (
      <section className="card chat" aria-labelledby="chat-start-title">
        <ScreenHeading id="chat-start-title">{t('chat.startTitle')}</ScreenHeading>
        <p>{t('chat.startLead')}</p>
        <PreChatForm mode="chat" statement={statement} onOpened={onOpened} onClosed={retry} />
      </section>
    );
  } else if (loading) {
    main = (
      <p className="loading" role="status">
        {t('chat.loading')}
      </p>
    );
  } else {
    main = (
      <section className="card chat" aria-labelledby="chat-start-title">
        <ScreenHeading id="chat-start-title">{t('chat.startTitle')}</ScreenHeading>
        <p>{t('settingsError.body')}</p>
        <ErrorMessage error={error} onRetry={retry} />
      </section>
    );
  }
  return (
    <>
      {main}
      <ResumeForm onOpened={onOpened} />
    </>
  );
}
