import { useTranslation } from '../i18n/index.ts';
import { usePageTitle } from '../ui/page-title.ts';
import ChatPanel from './chat/chat-panel.tsx';
import { EmergencyNumbers, ReachUs } from './contact-info.tsx';
import { useHelplineName } from './settings-context.tsx';

export default function TalkPage() {
  const { t } = useTranslation();
  usePageTitle(t('talk.title'), useHelplineName(t('common.appName')));
  return (
    <>
      <h1>{t('talk.title')}</h1>
      <p className="lead">{t('talk.lead')}</p>

      {/* This page is its own chunk (see app.tsx); the chat's screens are further chunks. */}
      <ChatPanel />

      <ReachUs title={t('phones.title')} />

      <EmergencyNumbers />

      <section className="card" aria-labelledby="who-title">
        <h2 id="who-title">{t('talk.whoTitle')}</h2>
        <p>{t('talk.whoBody')}</p>
      </section>
    </>
  );
}
