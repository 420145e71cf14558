// When the chat cannot go on from this tab: resumed elsewhere (token replaced), or the device is blocked.
import { useId } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { HelplineNumbers } from './closing.tsx';
import { ScreenHeading } from './screen-focus.tsx';

export default function FatalView({ kind, onRestart }: { kind: 'token' | 'blocked'; onRestart: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="card chat" aria-labelledby={titleId}>
      <ScreenHeading id={titleId}>
        {kind === 'blocked' ? t('chat.fatal.blockedTitle') : t('chat.fatal.tokenTitle')}
      </ScreenHeading>
      {kind === 'blocked' ? (
        <>
          <p>{t('chat.fatal.blockedBody')}</p>
          <HelplineNumbers dangerTitle={t('chat.closing.dangerTitle')} />
        </>
      ) : (
        <>
          <p>{t('chat.fatal.tokenBody')}</p>
          <p>
            <button type="button" className="button button--primary" onClick={onRestart}>
              {t('chat.fatal.again')}
            </button>
          </p>
        </>
      )}
    </section>
  );
}
