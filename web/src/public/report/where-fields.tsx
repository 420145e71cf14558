// Where it was seen, its addresses (rows added and removed), and for content inside an app the platform
// and the account or group name.
import { useId, useRef } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { RadioGroupField, TextField } from '../../ui/fields.tsx';
import {
  REPORT_ACCOUNT_MAX,
  REPORT_MAX_URLS,
  REPORT_PLATFORM_MAX,
  REPORT_SOURCES,
  REPORT_URL_MAX,
  type ReportSource,
} from './constants.ts';
import { asksForApp, type FieldErrors, type ReportDraft, type UrlRow } from './validate.ts';

type Props = {
  draft: ReportDraft;
  errors: FieldErrors;
  update: (change: Partial<ReportDraft>) => void;
};

export function SourceField({ draft, update }: Props) {
  const { t } = useTranslation();
  return (
    <div data-field="source">
      <RadioGroupField
        legend={`${t('report.form.source.legend')} (${t('report.form.optional')})`}
        name="source"
        options={REPORT_SOURCES.map((value) => ({ value, label: t(`report.form.source.${value}`) }))}
        value={draft.source}
        onChange={(source: ReportSource) => update({ source })}
      />
    </div>
  );
}

let nextRowId = 1;

export function UrlRows({ draft, errors, update }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const list = useRef<HTMLDivElement>(null);
  const rows = draft.urls;
  const focusRow = (index: number) => {
    // After React has rendered the change.
    requestAnimationFrame(() => {
      const inputs = list.current?.querySelectorAll<HTMLInputElement>('input');
      (inputs?.[Math.min(index, (inputs?.length ?? 1) - 1)] ?? null)?.focus();
    });
  };
  const setRow = (rowId: number, value: string) =>
    update({ urls: rows.map((row) => (row.id === rowId ? { ...row, value } : row)) });
  const add = () => {
    const row: UrlRow = { id: nextRowId++, value: '' };
    update({ urls: [...rows, row] });
    focusRow(rows.length);
  };
  const remove = (index: number) => {
    update({ urls: rows.filter((_, at) => at !== index) });
    focusRow(Math.max(0, index - 1));
  };
  const groupError = errors.urls ? t(errors.urls) : undefined;
  return (
    <fieldset
      className="fieldset report-urls"
      data-field="urls"
      aria-describedby={[`${id}-hint`, groupError ? `${id}-error` : ''].filter(Boolean).join(' ')}
    >
      <legend>{t('report.form.urls.legend')}</legend>
      <p id={`${id}-hint`} className="field__hint">
        {t('report.form.urls.hint')}
      </p>
      {groupError && (
        <p id={`${id}-error`} className="field__error">
          {groupError}
        </p>
      )}
      <div ref={list} className="report-urls__list">
        {rows.map((row, index) => {
          const error = errors[`url:${row.id}`];
          return (
            <div key={row.id} className="report-urls__row" data-field={`url:${row.id}`}>
              <TextField
                label={t('report.form.urls.label', { number: index + 1 })}
                error={error ? t(error) : undefined}
                type="url"
                inputMode="url"
                name="urls"
                value={row.value}
                onChange={(event) => setRow(row.id, event.target.value)}
                maxLength={REPORT_URL_MAX}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                aria-invalid={error || groupError ? true : undefined}
              />
              {rows.length > 1 && (
                <button
                  type="button"
                  className="button button--secondary button--small report-urls__remove"
                  onClick={() => remove(index)}
                >
                  {t('report.form.urls.remove', { number: index + 1 })}
                </button>
              )}
            </div>
          );
        })}
      </div>
      {rows.length < REPORT_MAX_URLS && (
        <button type="button" className="button button--secondary" onClick={add}>
          {t('report.form.urls.add')}
        </button>
      )}
    </fieldset>
  );
}

export function AppFields({ draft, errors, update }: Props) {
  const { t } = useTranslation();
  const id = useId();
  if (!asksForApp(draft.source)) return null;
  const optional = ` (${t('report.form.optional')})`;
  return (
    <fieldset className="fieldset report-app" aria-describedby={`${id}-hint`}>
      <legend>{t('report.form.app.legend')}</legend>
      <p id={`${id}-hint`} className="field__hint">
        {t('report.form.app.hint')}
      </p>
      <div data-field="platform">
        <TextField
          label={t('report.form.app.platform') + optional}
          hint={t('report.form.app.platformHint')}
          error={errors.platform ? t(errors.platform) : undefined}
          name="platform"
          value={draft.platform}
          onChange={(event) => update({ platform: event.target.value })}
          maxLength={REPORT_PLATFORM_MAX}
          autoComplete="off"
        />
      </div>
      <div data-field="account">
        <TextField
          label={t('report.form.app.account') + optional}
          hint={t('report.form.app.accountHint')}
          error={errors.account ? t(errors.account) : undefined}
          name="account"
          value={draft.account}
          onChange={(event) => update({ account: event.target.value })}
          maxLength={REPORT_ACCOUNT_MAX}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
        />
      </div>
    </fieldset>
  );
}
