// The server's refusals, shown where they belong: a field's own message beside it (matched by the path of
// the server's details), and the whole list above the save button with each path said in words, since a
// field may be in a tab that is not shown. Error codes of this area are translated here.
import { ApiError, toApiError } from '../../api/client.ts';
import { type TFunction, useTranslation } from '../../i18n/index.ts';
import { errorText } from '../../ui/error-message.tsx';
import { type GuidanceT, useGuidanceT } from './i18n.ts';

/** The server names paths from the request (`body.…`) or from the document: both are accepted. */
function matches(detailPath: string | undefined, path: string): boolean {
  return detailPath === path || detailPath === `body.${path}`;
}

function under(detailPath: string | undefined, prefix: string): boolean {
  if (!detailPath) return false;
  return [prefix, `body.${prefix}`].some((base) => detailPath === base || detailPath.startsWith(`${base}.`));
}

/** The server's message for the value at `path`, if it refused that value. */
export function errorAt(error: unknown, path: string): string | null {
  if (!(error instanceof ApiError)) return null;
  const found = error.details.filter((detail) => matches(detail.path, path));
  return found.length > 0 ? found.map((detail) => detail.message).join(' ; ') : null;
}

/**
 * The server's messages for a list edited one item per line: the list's own (`at least 3`) and its
 * items' (`questions.2`), each item's said with its line number.
 */
export function listErrorAt(
  error: unknown,
  path: string,
  line: (number: number, message: string) => string,
): string | null {
  if (!(error instanceof ApiError)) return null;
  const messages: string[] = [];
  for (const detail of error.details) {
    if (matches(detail.path, path)) messages.push(detail.message);
    else if (detail.path) {
      const rest = relativePath(detail.path, path);
      if (rest && /^\d+$/.test(rest)) messages.push(line(Number(rest) + 1, detail.message));
    }
  }
  return messages.length > 0 ? messages.join(' ; ') : null;
}

/** Whether the server refused something at or under `prefix` (to mark a tab). */
export function hasErrorUnder(error: unknown, prefix: string): boolean {
  return error instanceof ApiError && error.details.some((detail) => under(detail.path, prefix));
}

/** The path without its request prefix (`body.fr.title` or `body.body.fr.title` → `fr.title` with root `body`). */
export function relativePath(path: string | undefined, root: string): string | null {
  if (!path) return null;
  for (const base of [`body.${root}`, root]) {
    if (path === base) return '';
    if (path.startsWith(`${base}.`)) return path.slice(base.length + 1);
  }
  return null;
}

export const GUIDANCE_ERROR_CODES = [
  'GUIDANCE_VERSION_CONFLICT',
  'GUIDANCE_CODE_REMOVED',
  'GUIDANCE_CODE_IN_USE',
  'GUIDANCE_NOT_FOUND',
  'PARTNER_NOT_FOUND',
  'PARTNER_CODE_TAKEN',
] as const;

export function guidanceErrorText(gt: GuidanceT, t: TFunction, error: ApiError): string {
  const code = (GUIDANCE_ERROR_CODES as readonly string[]).find((known) => known === error.code);
  return code ? gt(`errors.${code as (typeof GUIDANCE_ERROR_CODES)[number]}`) : errorText(t, error);
}

/**
 * Like ui/ErrorMessage, with this area's error codes and each detail's path said by `describe` (a path it
 * cannot say is shown as is).
 */
export function GuidanceError({
  error,
  describe,
  onRetry,
  sticky = false,
}: {
  error: unknown;
  describe?: ((path: string) => string | null) | undefined;
  onRetry?: (() => void) | undefined;
  /** In a sticky bar: a long list scrolls within a bounded strip (reachable by keyboard). */
  sticky?: boolean;
}) {
  const { t } = useTranslation();
  const gt = useGuidanceT();
  if (error === null || error === undefined) return null;
  const apiError = toApiError(error);
  const scrolls = sticky && apiError.details.length > 3;
  return (
    <div
      className={`notice notice--error${scrolls ? ' guidance-sticky-errors' : ''}`}
      role="alert"
      // A scrollable region must be reachable by keyboard.
      tabIndex={scrolls ? 0 : undefined}
    >
      <p className="notice__text">{guidanceErrorText(gt, t, apiError)}</p>
      {apiError.details.length > 0 && (
        <ul className="notice__details" aria-label={t('errors.detailsTitle')}>
          {apiError.details.map((detail, index) => {
            const where = detail.path ? (describe?.(detail.path) ?? null) : null;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: details have no identity and never reorder
              <li key={index}>
                {where ?? (detail.path ? <code>{detail.path}</code> : null)}
                {detail.path ? ' — ' : null}
                {detail.message}
              </li>
            );
          })}
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

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'GUIDANCE_VERSION_CONFLICT';
}

/** Someone else saved first: the edits stay on screen (to copy) until the person reloads. */
export function ConflictNotice({ onReload, busy }: { onReload: () => void; busy?: boolean }) {
  const gt = useGuidanceT();
  return (
    <div className="notice notice--error guidance-conflict" role="alert">
      <p className="notice__text">{gt('conflict.text')}</p>
      <p className="notice__text">{gt('conflict.hint')}</p>
      <div>
        <button type="button" className="button button--primary" onClick={onReload} disabled={busy}>
          {gt('conflict.reload')}
        </button>
      </div>
    </div>
  );
}
