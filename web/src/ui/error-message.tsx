// How errors reach people: the translated text for the error code, else the server's message,
// plus the field details the server gave. Never a stack trace.
import { type ApiError, toApiError } from '../api/client.ts';
import i18n, { type TFunction, useTranslation } from '../i18n/index.ts';

export function errorText(t: TFunction, error: ApiError): string {
  if (/^[A-Z_]+$/.test(error.code)) {
    // Errors only staff can meet are with the console's strings (not in the public bundle).
    // Each console area (records, guidance) keeps the codes of its own errors with its strings.
    for (const key of [
      `errors.${error.code}`,
      `console.errors.${error.code}`,
      `consoleRecords.errors.${error.code}`,
      `consoleGuidance.errors.${error.code}`,
    ]) {
      if (i18n.exists(key)) return t(key as 'errors.UNKNOWN');
    }
  }
  return error.message || t('errors.UNKNOWN');
}

type Props = { error: unknown; onRetry?: (() => void) | undefined; className?: string };

export function ErrorMessage({ error, onRetry, className }: Props) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  const apiError = toApiError(error);
  return (
    <div className={`notice notice--error ${className ?? ''}`} role="alert">
      <p className="notice__text">{errorText(t, apiError)}</p>
      {apiError.details.length > 0 && (
        <ul className="notice__details" aria-label={t('errors.detailsTitle')}>
          {apiError.details.map((detail, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: details have no identity and never reorder
            <li key={index}>
              {detail.path ? <code>{detail.path}</code> : null}
              {detail.path ? ' — ' : null}
              {detail.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** A polite message for a completed action. */
export function SuccessMessage({ children }: { children: React.ReactNode }) {
  if (!children) return null;
  return (
    <div className="notice notice--success" role="status">
      <p className="notice__text">{children}</p>
    </div>
  );
}
