// Errors of the hotline API as analysts read them: the text for the code (this area's codes first, then
// the console's), the server's details listed (a CSV line, a field), and per-field messages for the forms.
import { type ApiError, toApiError } from '../../api/client.ts';
import { AreaError, areaCodeText, detailField, detailMessages } from '../../ui/error-message.tsx';
import { type HotlineT, hasHotlineKey, useHotlineT } from './i18n.ts';

/** The server's message per field, for the fields a form shows (`body.offences.2` -> `offences`). */
export function fieldErrors(error: unknown): Record<string, string> {
  return detailMessages(error);
}

export function hotlineErrorText(
  t: HotlineT,
  fallback: (error: ApiError) => string,
  error: ApiError,
): string {
  return areaCodeText(hasHotlineKey, t, error) ?? fallback(error);
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
  const t = useHotlineT();
  return (
    <AreaError
      error={error}
      codeText={(caught) => areaCodeText(hasHotlineKey, t, caught)}
      detailText={(detail) => {
        const field = detailField(detail.path);
        const where = (detail.path && describe?.(detail.path)) || (field && labels?.[field]) || detail.path;
        return where ? `${where} — ${detail.message}` : detail.message;
      }}
      onRetry={onRetry}
    />
  );
}
