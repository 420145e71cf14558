// /signaler/suivi: the status of a report by its tracking code, in plain words, and nothing else. A code
// given in the address (?code=, from the receipt's link) is read once, then taken out of the address bar
// so that it stays in neither the history nor a shared screenshot of the page.
import type { TReportStatus } from '@abri/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { type TranslationKey, useTranslation } from '../../i18n/index.ts';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { SubmitButton, TextField } from '../../ui/fields.tsx';
import { PublicLink } from '../../ui/public-link.tsx';
import { TRACKING_CODE_MAX, TRACKING_CODE_MIN } from './constants.ts';
import { fetchStatus } from './submit.ts';

function codeFromAddress(): string {
  const code = new URLSearchParams(window.location.search).get('code') ?? '';
  if (window.location.search) window.history.replaceState(null, '', window.location.pathname);
  return code.trim().slice(0, TRACKING_CODE_MAX);
}

export function ReportStatusView() {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const focusCode = () => form.current?.querySelector('input')?.focus();
  const [code, setCode] = useState('');
  const [error, setError] = useState<TranslationKey | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<TReportStatus['status'] | null>(null);

  const lookUp = async (value: string) => {
    const trimmed = value.trim();
    setFailure(null);
    setStatus(null);
    const invalid: TranslationKey | null =
      trimmed === ''
        ? 'report.status.required'
        : trimmed.length < TRACKING_CODE_MIN || trimmed.length > TRACKING_CODE_MAX
          ? 'report.status.invalid'
          : null;
    setError(invalid);
    if (invalid) {
      focusCode();
      return;
    }
    setBusy(true);
    try {
      setStatus((await fetchStatus(trimmed)).status);
    } catch (caught) {
      if (
        caught instanceof ApiError &&
        (caught.code === 'HOTLINE_REPORT_NOT_FOUND' || caught.status === 404)
      ) {
        setError('report.status.notFound');
        focusCode();
      } else {
        setFailure(caught);
      }
    } finally {
      setBusy(false);
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the address is read once, on arrival.
  useEffect(() => {
    const fromAddress = codeFromAddress();
    if (fromAddress) {
      setCode(fromAddress);
      void lookUp(fromAddress);
    }
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void lookUp(code);
  };

  return (
    <>
      <form ref={form} className="form report-status-form" noValidate onSubmit={submit}>
        <TextField
          label={t('report.status.label')}
          hint={t('report.status.hint')}
          error={error ? t(error) : undefined}
          name="code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          maxLength={TRACKING_CODE_MAX}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
        />
        <ErrorMessage error={failure} />
        <SubmitButton busy={busy}>{t('report.status.submit')}</SubmitButton>
      </form>
      <div aria-live="polite" className="report-status-result">
        {status && (
          <section className="card card--info" aria-labelledby="report-status-title">
            <h2 id="report-status-title">{t('report.status.resultTitle')}</h2>
            <p className="report-status__value" data-status={status}>
              {t(`report.status.${status}`)}
            </p>
          </section>
        )}
      </div>
      <p>
        <PublicLink to="/signaler">{t('report.status.newReport')}</PublicLink>
      </p>
    </>
  );
}
