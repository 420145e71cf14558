// How errors reach people: the translated text for the error code, else the server's message,
// plus the field details the server gave. Never a stack trace.
import { type ApiError, type ErrorDetail, toApiError } from '../api/client.ts';
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

const REQUEST_PARTS = ['body', 'querystring', 'params'];

/** The field a detail path names: `body.offences.2` -> `offences` (request parts, and `skip`, passed over). */
export function detailField(path: string | undefined, skip: readonly string[] = []): string | null {
  if (!path) return null;
  const parts = path.split('.').filter((part) => !REQUEST_PARTS.includes(part) && !skip.includes(part));
  return parts[0] ?? null;
}

/** The server's first message per field, for forms that show each next to its field. */
export function detailMessages(
  error: unknown,
  fieldOf: (path: string | undefined) => string | null = detailField,
  message: (detail: ErrorDetail, error: ApiError) => string = (detail) => detail.message,
): Record<string, string> {
  if (error === null || error === undefined) return {};
  const apiError = toApiError(error);
  const result: Record<string, string> = {};
  for (const detail of apiError.details) {
    const field = fieldOf(detail.path);
    if (field && !result[field]) result[field] = message(detail, apiError);
  }
  return result;
}

/** A console area's own text for an error code (its `errors.CODE` string), or null when it has none. */
export function areaCodeText<Key extends string>(
  has: (key: string) => boolean,
  t: (key: Key) => string,
  error: ApiError,
): string | null {
  const key = `errors.${error.code}`;
  return /^[A-Z_]+$/.test(error.code) && has(key) ? t(key as Key) : null;
}

type AreaErrorProps = {
  error: unknown;
  /** The area's text for the error's code, else null for the console's (errorText). */
  codeText: (error: ApiError) => string | null;
  /** How the area words one of the server's details (naming its field). */
  detailText: (detail: ErrorDetail) => string;
  onRetry?: (() => void) | undefined;
};

/** role="alert" for a console area: its message for the code, then each detail once, then Retry. */
export function AreaError({ error, codeText, detailText, onRetry }: AreaErrorProps) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  const apiError = toApiError(error);
  const details = apiError.details.map(detailText).filter((text, index, all) => all.indexOf(text) === index);
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__text">{codeText(apiError) ?? errorText(t, apiError)}</p>
      {details.length > 0 && (
        <ul className="notice__details" aria-label={t('errors.detailsTitle')}>
          {details.map((text) => (
            <li key={text}>{text}</li>
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
