// Errors of the hash banks API as administrators read them: this area's codes first, then the console's;
// the server's details listed with the field they concern named in words.
import { type ApiError, toApiError } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { errorText } from '../../ui/error-message.tsx';
import { type BanksKey, type BanksT, hasBanksKey, useBanksT } from './i18n.ts';

/** The field a detail path names: `body.pdqMaxDistance` -> `pdqMaxDistance`. */
export function fieldOf(path: string | undefined): string | null {
  if (!path) return null;
  const parts = path.split('.').filter((part) => !['body', 'querystring', 'params'].includes(part));
  return parts[0] ?? null;
}

/** The server's first message per field. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (error === null || error === undefined) return {};
  const result: Record<string, string> = {};
  for (const detail of toApiError(error).details) {
    const field = fieldOf(detail.path);
    if (field && !result[field]) result[field] = detail.message;
  }
  return result;
}

export function banksErrorText(t: BanksT, fallback: (error: ApiError) => string, error: ApiError): string {
  if (/^[A-Z_]+$/.test(error.code) && hasBanksKey(`errors.${error.code}`)) {
    return t(`errors.${error.code}` as BanksKey);
  }
  return fallback(error);
}

/** role="alert": the message, then each of the server's details. */
export function BanksError({
  error,
  labels,
  onRetry,
}: {
  error: unknown;
  labels?: Record<string, string>;
  onRetry?: (() => void) | undefined;
}) {
  const { t: tt } = useTranslation();
  const t = useBanksT();
  if (error === null || error === undefined) return null;
  const apiError = toApiError(error);
  const details = apiError.details
    .map((detail) => {
      const field = fieldOf(detail.path);
      const where = (field && labels?.[field]) || detail.path;
      return where ? `${where} — ${detail.message}` : detail.message;
    })
    .filter((text, index, all) => all.indexOf(text) === index);
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__text">{banksErrorText(t, (caught) => errorText(tt, caught), apiError)}</p>
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
