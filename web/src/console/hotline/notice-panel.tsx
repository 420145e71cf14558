// The DSA Art. 16 notice to the hosting provider: recipient, language, the analyst's explanation of why
// the content is illegal; the server's text is previewed (read-only, as it will be sent) before sending,
// and sending is offered only for the preview of what the form holds now.
import type { THotlineItem } from '@abri/contracts';
import { type FormEvent, useId, useState } from 'react';
import { SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { noticeLanguageFor } from './actions.ts';
import { hotlineApi, type NoticePreview } from './api.ts';
import {
  NOTICE_EXPLANATION_MAX,
  NOTICE_EXPLANATION_MIN,
  NOTICE_LANGUAGES,
  type NoticeLanguage,
} from './constants.ts';
import { fieldErrors, HotlineError } from './hotline-error.tsx';
import { useHotlineT } from './i18n.ts';

type Props = { item: THotlineItem; onChanged: (item: THotlineItem, message: string) => void };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function NoticePanel({ item, onChanged }: Props) {
  const t = useHotlineT();
  const previewId = useId();
  const [to, setTo] = useState('');
  const [language, setLanguage] = useState<NoticeLanguage>(() => noticeLanguageFor(item.hosting?.country));
  const [explanation, setExplanation] = useState('');
  const [preview, setPreview] = useState<{ for: string; value: NoticePreview } | null>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<'preview' | 'send' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const errors = { ...fieldErrors(error), ...missing };
  const trimmed = explanation.trim();
  const current = `${language}\n${trimmed}`;
  const fresh = preview !== null && preview.for === current;

  const check = (withRecipient: boolean) => {
    const found: Record<string, string> = {};
    if (trimmed.length < NOTICE_EXPLANATION_MIN) {
      found.explanation = t('notice.explanationShort', { min: NOTICE_EXPLANATION_MIN });
    }
    if (withRecipient && !EMAIL.test(to.trim())) found.to = t('notice.recipientInvalid');
    setMissing(found);
    return Object.keys(found).length === 0;
  };

  const showPreview = async () => {
    if (!check(false)) return;
    setBusy('preview');
    setError(null);
    try {
      const value = await hotlineApi.noticePreview(item.id, language, trimmed);
      setPreview({ for: current, value });
      window.setTimeout(() => document.getElementById(previewId)?.focus(), 0);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!fresh || !check(true)) return;
    setBusy('send');
    setError(null);
    try {
      const updated = await hotlineApi.sendNotice(item.id, { to: to.trim(), language, explanation: trimmed });
      onChanged(updated, t('notice.done', { to: to.trim() }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="hotline-panel" data-testid="hotline-notice-panel">
      <h3>{t('notice.title')}</h3>
      <p className="muted">{t('notice.intro')}</p>
      <form className="form" onSubmit={(event) => void send(event)} noValidate aria-label={t('notice.title')}>
        <div className="form-grid form-grid--dense">
          <TextField
            label={t('notice.recipient')}
            hint={t('notice.recipientHint')}
            type="email"
            autoComplete="off"
            maxLength={254}
            value={to}
            error={errors.to}
            onChange={(event) => setTo(event.target.value)}
          />
          <SelectField
            label={t('notice.language')}
            value={language}
            onChange={(value) => setLanguage(NOTICE_LANGUAGES.find((known) => known === value) ?? 'en')}
            options={NOTICE_LANGUAGES.map((value) => ({ value, label: t(`notice.languages.${value}`) }))}
          />
        </div>
        <TextAreaField
          label={t('notice.explanation')}
          hint={t('notice.explanationHint', { min: NOTICE_EXPLANATION_MIN })}
          rows={5}
          maxLength={NOTICE_EXPLANATION_MAX}
          value={explanation}
          error={errors.explanation}
          onChange={(event) => setExplanation(event.target.value)}
        />
        <div className="actions">
          <button
            type="button"
            className="button button--secondary"
            disabled={busy !== null}
            aria-busy={busy === 'preview' || undefined}
            onClick={() => void showPreview()}
            data-testid="hotline-notice-preview"
          >
            {t('notice.preview')}
          </button>
        </div>
        {preview && (
          <section
            id={previewId}
            tabIndex={-1}
            className="hotline-notice-preview"
            aria-label={t('notice.previewTitle')}
            data-testid="hotline-notice-preview-text"
          >
            <h4>{t('notice.previewTitle')}</h4>
            {!fresh && <p className="field__error">{t('notice.previewStale')}</p>}
            {preview.value.omitsNotifierName && (
              <p className="notice notice--info">{t('notice.omitsNotifierName')}</p>
            )}
            <p>
              <strong>{t('notice.subject')}</strong> {preview.value.subject}
            </p>
            <pre className="hotline-notice-preview__text">{preview.value.text}</pre>
          </section>
        )}
        <HotlineError
          error={error}
          labels={{
            to: t('notice.recipient'),
            language: t('notice.language'),
            explanation: t('notice.explanation'),
          }}
        />
        <div className="actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={!fresh || busy !== null}
            aria-busy={busy === 'send' || undefined}
            aria-describedby={fresh ? undefined : `${previewId}-first`}
            data-testid="hotline-notice-send"
          >
            {t('notice.send')}
          </button>
          {!fresh && (
            <p id={`${previewId}-first`} className="muted">
              {t('notice.previewFirst')}
            </p>
          )}
        </div>
      </form>
    </div>
  );
}
