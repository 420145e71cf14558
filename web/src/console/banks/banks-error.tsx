// Errors of the hash banks API as administrators read them: this area's codes first, then the console's;
// the server's details listed with the field they concern named in words.
import { AreaError, areaCodeText, detailField, detailMessages } from '../../ui/error-message.tsx';
import { hasBanksKey, useBanksT } from './i18n.ts';

/** The server's first message per field (`body.pdqMaxDistance` -> `pdqMaxDistance`). */
export function fieldErrors(error: unknown): Record<string, string> {
  return detailMessages(error);
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
  const t = useBanksT();
  return (
    <AreaError
      error={error}
      codeText={(caught) => areaCodeText(hasBanksKey, t, caught)}
      detailText={(detail) => {
        const field = detailField(detail.path);
        const where = (field && labels?.[field]) || detail.path;
        return where ? `${where} — ${detail.message}` : detail.message;
      }}
      onRetry={onRetry}
    />
  );
}
