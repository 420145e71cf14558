// Errors of the records API as people read them: the translated text for the code (records codes first,
// then the console's), and the server's field details turned into messages next to the fields they name.
import { AreaError, areaCodeText, detailField, detailMessages } from '../../ui/error-message.tsx';
import { hasRecordsKey, type RecordsT, useRecordsT } from './i18n.ts';

/** The field a detail path names: `body.form.contentUrls.2` -> `contentUrls`. */
function fieldOf(path: string | undefined): string | null {
  return detailField(path, ['form']);
}

/** Messages per field, for the fields the form shows; the others stay in the summary. */
export function fieldErrors(error: unknown, t: RecordsT): Record<string, string> {
  return detailMessages(error, fieldOf, (detail, apiError) =>
    apiError.code === 'CONTACT_INCOMPLETE' ? t('errors.fieldRequired') : translatedDetail(t, detail.message),
  );
}

/** The server's messages are short English phrases; the usual ones are translated. */
function translatedDetail(t: RecordsT, message: string): string {
  if (/^required$/i.test(message)) return t('errors.required');
  return message;
}

type Props = {
  error: unknown;
  /** Labels of the fields the form shows, to name them in the summary. */
  labels?: Record<string, string>;
  onRetry?: (() => void) | undefined;
};

/** role="alert": the summary; the fields themselves carry their own message (see fieldErrors). */
export function RecordError({ error, labels, onRetry }: Props) {
  const t = useRecordsT();
  return (
    <AreaError
      error={error}
      codeText={(caught) => areaCodeText(hasRecordsKey, t, caught)}
      detailText={(detail) => {
        const field = fieldOf(detail.path);
        const label = field ? labels?.[field] : undefined;
        return label ? label : `${detail.path ? `${detail.path} — ` : ''}${detail.message}`;
      }}
      onRetry={onRetry}
    />
  );
}
