// Optional screenshots; for child sexual abuse content, a firm and kind message instead: such images are
// never captured nor sent, the address is enough.
import { useId, useRef } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { SCREENSHOT_TYPES } from './constants.ts';
import { type FieldErrors, type ReportDraft, screenshotsAllowed } from './validate.ts';

export function ScreenshotsField({
  draft,
  errors,
  update,
}: {
  draft: ReportDraft;
  errors: FieldErrors;
  update: (change: Partial<ReportDraft>) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  if (!screenshotsAllowed(draft.category)) {
    return (
      <section className="card card--warning report-no-images" aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>{t('report.form.noScreenshot.title')}</h3>
        <p>{t('report.form.noScreenshot.body')}</p>
      </section>
    );
  }
  const error = errors.screenshots ? t(errors.screenshots) : undefined;
  const count = draft.files.length;
  const clear = () => {
    if (input.current) input.current.value = '';
    update({ files: [] });
    input.current?.focus();
  };
  return (
    <div className="field" data-field="screenshots">
      <label htmlFor={id} className="field__label">
        {`${t('report.form.screenshots.label')} (${t('report.form.optional')})`}
      </label>
      <p id={`${id}-hint`} className="field__hint">
        {t('report.form.screenshots.hint')}
      </p>
      <input
        ref={input}
        id={id}
        type="file"
        name="screenshots"
        multiple
        accept={SCREENSHOT_TYPES.join(',')}
        className="field__input report-files"
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
        onChange={(event) => update({ files: [...(event.target.files ?? [])] })}
      />
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
      {count > 0 && (
        <p className="report-files__chosen">
          <span>{t('report.form.screenshots.chosen', { count })}</span>{' '}
          <button type="button" className="button button--secondary button--small" onClick={clear}>
            {t('report.form.screenshots.clear')}
          </button>
        </p>
      )}
    </div>
  );
}
