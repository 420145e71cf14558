// Errors of the records API as people read them: the translated text for the code (records codes first,
// then the console's), and the server's field details turned into messages next to the fields they name.
import { type ApiError, toApiError } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { errorText } from '../../ui/error-message.tsx';
import { hasRecordsKey, type RecordsKey, type RecordsT, useRecordsT } from './i18n.ts';

/** The field a detail path names: `body.form.contentUrls.2` -> `contentUrls`. */
export function fieldOf(path: string | undefined): string | null {
  if (!path) return null;
  const parts = path.split('.').filter((part) => !['body', 'querystring', 'params', 'form'].includes(part));
  return parts[0] ?? null;
}

/** Messages per field, for the fields the form shows; the others stay in the summary. */
export function fieldErrors(error: unknown, t: RecordsT): Record<string, string> {
  if (error === null || error === undefined) return {};
  const apiError = toApiError(error);
  const result: Record<string, string> = {};
  for (const detail of apiError.details) {
    const field = fieldOf(detail.path);
    if (!field || result[field]) continue;
    result[field] =
      apiError.code === 'CONTACT_INCOMPLETE'
        ? t('errors.fieldRequired')
        : translatedDetail(t, detail.message);
  }
  return result;
}

/** The server's messages are short English phrases; the usual ones are translated. */
function translatedDetail(t: RecordsT, message: string): string {
  if (/^required$/i.test(message)) return t('errors.required');
  return message;
}

function codeText(t: RecordsT, fallback: (error: ApiError) => string, error: ApiError): string {
  if (/^[A-Z_]+$/.test(error.code) && hasRecordsKey(`errors.${error.code}`)) {
    return t(`errors.${error.code}` as RecordsKey);
  }
  return fallback(error);
}

type Props = {
  error: unknown;
  /** Labels of the fields the form shows, to name them in the summary. */
  labels?: Record<string, string>;
  onRetry?: (() => void) | undefined;
};

/** role="alert": the summary; the fields themselves carry their own message (see fieldErrors). */
export function RecordError({ error, labels, onRetry }: Props) {
  const { t: tt } = useTranslation();
  const t = useRecordsT();
  if (error === null || error === undefined) return null;
  const apiError = toApiError(error);
  const named = apiError.details
    .map((detail) => {
      const field = fieldOf(detail.path);
      const label = field ? labels?.[field] : undefined;
      return label ? label : `${detail.path ? `${detail.path} — ` : ''}${detail.message}`;
    })
    .filter((text, index, all) => all.indexOf(text) === index);
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__text">{codeText(t, (caught) => errorText(tt, caught), apiError)}</p>
      {named.length > 0 && (
        <ul className="notice__details" aria-label={tt('errors.detailsTitle')}>
          {named.map((text) => (
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
