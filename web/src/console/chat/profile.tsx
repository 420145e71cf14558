// The pre-chat profile of a conversation (audience, age, topic, nickname) and its state.
import type { TStaffConversation } from '@abri/contracts';
import { useTranslation } from '../../i18n/index.ts';
import { formatDateTime } from '../format.ts';
import { useChatT } from './i18n.ts';

export function ConversationProfile({ conversation }: { conversation: TStaffConversation }) {
  const t = useChatT();
  const { i18n } = useTranslation();
  return (
    <section className="chat-profile" aria-label={t('profile.title')}>
      <dl className="chat-profile__list">
        <div>
          <dt>{t('profile.audience')}</dt>
          <dd>{t(`audience.${conversation.audience}`)}</dd>
        </div>
        <div>
          <dt>{t('profile.age')}</dt>
          <dd>{t(`ageBand.${conversation.ageBand}`)}</dd>
        </div>
        <div>
          <dt>{t('profile.topic')}</dt>
          <dd>{t(`topic.${conversation.topic}`)}</dd>
        </div>
        <div>
          <dt>{t('profile.nickname')}</dt>
          <dd>{conversation.nickname || t('profile.noNickname')}</dd>
        </div>
        <div>
          <dt>{t('profile.started')}</dt>
          <dd>{formatDateTime(conversation.createdAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('profile.status')}</dt>
          <dd>
            {t(`status.${conversation.status}`)}
            {conversation.endReason ? ` (${t(`end.reasons.${conversation.endReason}`)})` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('profile.visitor')}</dt>
          <dd>{conversation.visitorConnected ? t('profile.connected') : t('profile.disconnected')}</dd>
        </div>
      </dl>
      {conversation.transferNote && (
        <div className="chat-profile__note">
          <p className="chat-profile__note-title">{t('profile.transferNote')}</p>
          <p className="preserve-lines">{conversation.transferNote}</p>
        </div>
      )}
    </section>
  );
}
