// After leaving a message while closed: the resumption code, and how to come back for the answer.
import type { TVisitorCredentials } from '@abri/contracts';
import { useId } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { ResumeCode } from './resume-code.tsx';
import { ScreenHeading } from './screen-focus.tsx';

export default function LeftMessageScreen({
  credentials,
  onDone,
}: {
  credentials: TVisitorCredentials;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="card chat" aria-labelledby={titleId}>
      <ScreenHeading id={titleId}>{t('chat.left.title')}</ScreenHeading>
      <p>{t('chat.left.body')}</p>
      <ResumeCode code={credentials.resumeCode} />
      <p>{t('chat.left.howTo')}</p>
      <p>
        <button type="button" className="button button--primary" onClick={onDone}>
          {t('chat.left.done')}
        </button>
      </p>
    </section>
  );
}
