// The server's refusals, placed next to the fields they concern, in the form's own plain words: its
// messages are in English and written for any client, and the shared error strings (i18n/fr.json) do not
// know the hotline's codes (docs/errors.md).
import { ApiError } from '../../api/client.ts';
import type { TranslationKey } from '../../i18n/index.ts';
import { URL_REFUSAL_REASONS, type UrlRefusalReason } from './constants.ts';
import { type FieldErrors, fieldOfPath, type ReportDraft } from './validate.ts';

const FILE_ERRORS: Partial<Record<string, TranslationKey>> = {
  HOTLINE_FILE_TYPE: 'report.form.errors.fileType',
  HOTLINE_FILE_TOO_LARGE: 'report.form.errors.fileTooBig',
  REQUEST_TOO_LARGE: 'report.form.errors.fileTooBig',
  HOTLINE_FILE_EMPTY: 'report.form.errors.fileEmpty',
  HOTLINE_TOO_MANY_FILES: 'report.form.errors.tooManyFiles',
};

/** Errors about the whole report, said in the page's words rather than the server's. */
const REPORT_ERRORS: Partial<Record<string, TranslationKey>> = {
  HOTLINE_TOO_MANY_REPORTS: 'report.form.errors.tooManyReports',
  REQUEST_RATE_LIMITED: 'report.form.errors.tooManyReports',
};

export function reportErrorText(error: unknown): TranslationKey | null {
  return error instanceof ApiError ? (REPORT_ERRORS[error.code] ?? null) : null;
}

function isReason(value: string): value is UrlRefusalReason {
  return (URL_REFUSAL_REASONS as readonly string[]).includes(value);
}

/** The fields a refusal concerns; empty when it concerns none in particular. */
export function serverFieldErrors(error: unknown, draft: ReportDraft): FieldErrors {
  const found: FieldErrors = {};
  if (!(error instanceof ApiError)) return found;
  const file = FILE_ERRORS[error.code];
  if (file) {
    found.screenshots = file;
    return found;
  }
  if (error.code === 'HOTLINE_SCREENSHOTS_REFUSED') {
    found.category = 'report.form.errors.screenshotsRefused';
    return found;
  }
  if (error.code === 'HOTLINE_NO_VALID_URL') {
    // Each detail reads "<address as given>: <reason>" (the address cut to 200 characters).
    for (const detail of error.details) {
      const at = detail.message.lastIndexOf(': ');
      const reason = at < 0 ? '' : detail.message.slice(at + 2);
      const url = at < 0 ? '' : detail.message.slice(0, at);
      for (const row of draft.urls) {
        if (url !== '' && row.value.trim().slice(0, 200) === url.trim()) {
          found[`url:${row.id}`] = isReason(reason)
            ? `report.form.errors.refused.${reason}`
            : 'report.form.errors.refused.other';
        }
      }
    }
    if (Object.keys(found).length === 0) found.urls = 'report.form.errors.noValidUrl';
    return found;
  }
  for (const detail of error.details) {
    const field = fieldOfPath(detail.path, draft);
    if (field) found[field] = 'report.form.errors.server';
  }
  return found;
}
