// Errors of the hotline API as analysts read them: the text for the code (this area's codes first, then
// the console's), the server's details listed (a CSV line, a field), and per-field messages for the forms.
import { type ApiError, toApiError } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { errorText } from '../../ui/error-message.tsx';
import { type HotlineKey, type HotlineT, hasHotlineKey, useHotlineT } from './i18n.ts';

/** The field a detail path names: `body.offences.2` -> `offences`. */
export function fieldOf(path: string | undefined): string | null {
  if (!path) return null;
  const parts = path.split('.').filter((part) => !['body', 'querystring', 'params'].includes(part));
  return parts[0] ?? null;
}

/** The server's message per field, for the fields a form shows. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (error === null || error === undefined) return {};
  const result: Record<string, string> = {};
  for (const detail of toApiError(error).details) {
    const field = fieldOf(detail.path);
    if (field && !result[field]) result[field] = detail.message;
  }
  return result;
}

export function hotlineErrorText(
  t: HotlineT,
  fallback: (error: ApiError) => string,
  error: ApiError,
): string {
  if (/^[A-Z_]+$/.test(error.code) && hasHotlineKey(`errors.${error.code}`)) {
    return t(`errors.${error.code}` as HotlineKey);
  }
  return fallback(error);
}

export function isCode(error: unknown, code: string): boolean {
  return error !== null && error !== undefined && toApiError(error).code === code;
}

type Props = {
  error: unknown;
  /** Labels of the fields the form shows, to name them in the list. */
  labels?: Record<string, string>;
  /** How a detail's path is said (the IP table's "line 12"). */
  describe?: (path: string) => string | null;
  onRetry?: (() => void) | undefined;
};

/** role="alert": the message, then each of the server's details. */
export function HotlineError({ error, labels, describe, onRetry }: Props) {
  const { t: tt } = useTranslation();
  const t = useHotlineT();
  if (error === null || error === undefined) return null;
  const apiError = toApiError(error);
  const details = apiError.details
    .map((detail) => {
      const field = fieldOf(detail.path);
      const where = (detail.path && describe?.(detail.path)) || (field && labels?.[field]) || detail.path;
      return where ? `${where} — ${detail.message}` : detail.message;
    })
    .filter((text, index, all) => all.indexOf(text) === index);
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__text">{hotlineErrorText(t, (caught) => errorText(tt, caught), apiError)}</p>
      {details.length > 0 && (
        <ul className="notice__details" aria-label={tt('errors.detailsTitle')}>
          {details.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {tt('common.retry')}
        </button>
      )}
    </div>
  );
}
