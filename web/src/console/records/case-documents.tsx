// The documents of a case: the list (downloads, never shown inline) and attaching one more. The server
// decides what a file is from its bytes; the size is checked here too, to spare a long upload.
import type { TCase, TCaseDocument } from '@abri/contracts';
import { type ChangeEvent, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { formatDateTime } from '../format.ts';
import { CASE_DOCUMENT_MAX_BYTES } from './constants.ts';
import { useRecordsT } from './i18n.ts';
import { RecordError } from './record-error.tsx';

export function CaseDocuments({ record, onChanged }: { record: TCase; onChanged: (saved: TCase) => void }) {
  const t = useRecordsT();
  const { i18n } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState('');
  const [busy, setBusy] = useState(false);

  const attach = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    setLocalError('');
    if (file.size > CASE_DOCUMENT_MAX_BYTES) {
      setLocalError(t('documents.tooLarge'));
      input.value = '';
      return;
    }
    setBusy(true);
    setStatus(t('documents.uploading', { filename: file.name }));
    try {
      const added = await api.upload<TCaseDocument>(
        `/api/cases/${record.id}/documents?filename=${encodeURIComponent(file.name)}`,
        file,
      );
      onChanged(await api.get<TCase>(`/api/cases/${record.id}`));
      setStatus(t('documents.added', { filename: added.filename }));
    } catch (caught) {
      setStatus('');
      setError(caught);
    } finally {
      setBusy(false);
      input.value = '';
    }
  };

  return (
    <section className="card" aria-labelledby="case-documents-title">
      <h2 id="case-documents-title">{t('documents.title')}</h2>
      {record.documents.length === 0 ? (
        <p className="muted">{t('documents.none')}</p>
      ) : (
        <ul className="plain-list records-results">
          {record.documents.map((document) => (
            <li key={document.id}>
              <a
                href={`/api/cases/${record.id}/documents/${document.id}`}
                download={document.filename}
                aria-label={t('documents.download', { filename: document.filename })}
              >
                {document.filename}
              </a>
              <span className="muted">
                {t('documents.meta', {
                  size: Math.max(1, Math.ceil(document.size / 1024)),
                  name: document.uploadedByName ?? '—',
                  date: formatDateTime(document.uploadedAt, i18n.language),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {record.status !== 'closed' && (
        <div className="field">
          <label htmlFor={inputId}>{t('documents.add')}</label>
          <p id={hintId} className="field__hint">
            {t('documents.hint')}
          </p>
          <input
            id={inputId}
            type="file"
            accept="application/pdf,image/png,image/jpeg,text/plain,.pdf,.png,.jpg,.jpeg,.txt"
            aria-describedby={hintId}
            disabled={busy}
            onChange={(event) => void attach(event)}
          />
        </div>
      )}
      {localError && (
        <p className="field__error" role="alert">
          {localError}
        </p>
      )}
      <RecordError error={error} />
      <p role="status" className="muted">
        {status}
      </p>
    </section>
  );
}
