// The resumption code, shown so the visitor can come back later (from any device), with a copy button.
import { useId } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { CopyButton } from '../../ui/copy-button.tsx';

export function ResumeCode({ code }: { code: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="chat-code" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('chat.code.title')}</h3>
      <p className="chat-code__row">
        <code className="resume-code">{code}</code>
        <CopyButton text={code} label={t('chat.code.copy')} />
      </p>
      <p className="chat-code__help">{t('chat.code.body')}</p>
    </section>
  );
}
