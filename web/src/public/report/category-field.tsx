// "What is it about?": the categories as radio cards, each with a line of plain words under it.
import { useId } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { REPORT_CATEGORIES, type ReportCategory } from './constants.ts';

export function CategoryField({
  value,
  onChange,
  error,
}: {
  value: ReportCategory | null;
  onChange: (value: ReportCategory) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset
      className="fieldset report-cards"
      data-field="category"
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{t('report.form.category.legend')}</legend>
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
      {REPORT_CATEGORIES.map((category) => (
        <div key={category} className="report-card">
          <input
            id={`${id}-${category}`}
            type="radio"
            name="category"
            value={category}
            checked={value === category}
            onChange={() => onChange(category)}
            aria-describedby={`${id}-${category}-hint`}
          />
          <label htmlFor={`${id}-${category}`} className="report-card__label">
            {t(`report.form.category.${category}`)}
          </label>
          <p id={`${id}-${category}-hint`} className="report-card__hint">
            {t(`report.form.category.${category}Hint`)}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
