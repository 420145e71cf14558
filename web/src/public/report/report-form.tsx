// The report form: category first, then where it was seen and its addresses (or the app and account), a
// description, optional screenshots and e-mail, and the honeypot. Checked here with the contract's rules
// (validate.ts), then sent (submit.ts); the server's field errors are shown next to their fields.
import type { TReportReceipt } from '@abri/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { SubmitButton, TextAreaField, TextField } from '../../ui/fields.tsx';
import { CategoryField } from './category-field.tsx';
import { REPORT_DESCRIPTION_MAX, REPORT_EMAIL_MAX } from './constants.ts';
import { ScreenshotsField } from './screenshots-field.tsx';
import { reportErrorText, serverFieldErrors } from './server-errors.ts';
import { type Progress, sendReport } from './submit.ts';
import {
  emptyDraft,
  type FieldErrors,
  type FieldName,
  filesToSend,
  type ReportDraft,
  screenshotsAllowed,
  toReportInput,
  validateDraft,
} from './validate.ts';
import { AppFields, SourceField, UrlRows } from './where-fields.tsx';

export function ReportForm({ onSent }: { onSent: (receipt: TReportReceipt) => void }) {
  const { t, i18n } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<ReportDraft>(emptyDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const update = (change: Partial<ReportDraft>) => setDraft((current) => ({ ...current, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = validateDraft(draft);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      focusFirstError(form.current, found);
      return;
    }
    const files = filesToSend(draft);
    setBusy(true);
    setProgress(files.length > 0 ? { loaded: 0, total: 0 } : null);
    try {
      onSent(await sendReport(toReportInput(draft, i18n.language), files, setProgress));
    } catch (caught) {
      setBusy(false);
      setProgress(null);
      const fromServer = serverFieldErrors(caught, draft);
      if (Object.keys(fromServer).length > 0) {
        setErrors(fromServer);
        focusFirstError(form.current, fromServer);
      } else {
        setFailure(caught);
      }
    }
  };

  const hasErrors = Object.keys(errors).length > 0;
  const failureText = reportErrorText(failure);
  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  return (
    <form
      ref={form}
      className="form report-form"
      noValidate
      aria-labelledby="report-form-title"
      onSubmit={(event) => void submit(event)}
    >
      <h2 id="report-form-title">{t('report.form.title')}</h2>
      <CategoryField
        value={draft.category}
        onChange={(category) =>
          // Screenshots chosen before are dropped, not merely hidden, for child sexual abuse content.
          update(screenshotsAllowed(category) ? { category } : { category, files: [] })
        }
        error={errors.category ? t(errors.category) : undefined}
      />
      <SourceField draft={draft} errors={errors} update={update} />
      <UrlRows draft={draft} errors={errors} update={update} />
      <AppFields draft={draft} errors={errors} update={update} />
      <div data-field="description">
        <TextAreaField
          label={`${t('report.form.description.label')} (${t('report.form.optional')})`}
          hint={t('report.form.description.hint')}
          error={errors.description ? t(errors.description) : undefined}
          name="description"
          value={draft.description}
          onChange={(event) => update({ description: event.target.value })}
          maxLength={REPORT_DESCRIPTION_MAX}
          rows={5}
        />
      </div>
      <ScreenshotsField draft={draft} errors={errors} update={update} />
      <div data-field="email">
        <TextField
          label={`${t('report.form.email.label')} (${t('report.form.optional')})`}
          hint={t('report.form.email.hint')}
          error={errors.email ? t(errors.email) : undefined}
          type="email"
          name="email"
          value={draft.email}
          onChange={(event) => update({ email: event.target.value })}
          maxLength={REPORT_EMAIL_MAX}
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
        />
      </div>
      {/* The honeypot: hidden from sight and from the keyboard; robots fill it, people leave it empty. */}
      <div className="visually-hidden">
        <label htmlFor="report-website">{t('report.form.honeypot')}</label>
        <input
          id="report-website"
          name="website"
          type="text"
          tabIndex={-1}
          autoComplete="off"
          value={draft.website}
          onChange={(event) => update({ website: event.target.value })}
        />
      </div>
      {hasErrors && (
        <p className="notice notice--error" role="alert">
          {t('report.form.fixErrors')}
        </p>
      )}
      {failureText ? (
        <p className="notice notice--error" role="alert">
          {t(failureText)}
        </p>
      ) : (
        <ErrorMessage error={failure} />
      )}
      {progress && (
        <div className="field report-progress">
          <label htmlFor="report-progress" className="field__label">
            {t('report.form.progress')}
          </label>
          <progress id="report-progress" max={100} value={percent}>
            {t('report.form.progressValue', { percent })}
          </progress>
          <span className="field__hint" aria-hidden="true">
            {t('report.form.progressValue', { percent })}
          </span>
        </div>
      )}
      <SubmitButton busy={busy}>{busy ? t('report.form.sending') : t('report.form.submit')}</SubmitButton>
    </form>
  );
}

/** Focus the first field with an error, in the order of the form. */
function focusFirstError(form: HTMLFormElement | null, errors: FieldErrors): void {
  if (!form) return;
  for (const wrapper of form.querySelectorAll<HTMLElement>('[data-field]')) {
    if (errors[wrapper.dataset.field as FieldName]) {
      const control = wrapper.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea');
      control?.focus();
      return;
    }
  }
}
