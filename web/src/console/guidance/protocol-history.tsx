// The versions of a protocol, newest first; any of them can be read (the preview shows it, read-only).
import { useTranslation } from '../../i18n/index.ts';
import { formatDateTime } from '../format.ts';
import type { TProtocolVersionInfo } from './api.ts';
import { GuidanceError } from './errors.tsx';
import { useGuidanceT } from './i18n.ts';

export function ProtocolHistory({
  versions,
  current,
  viewing,
  error,
  onRetry,
  onView,
}: {
  versions: TProtocolVersionInfo[] | null;
  current: number;
  viewing: number | null;
  error: unknown;
  onRetry: () => void;
  onView: (version: number) => void;
}) {
  const t = useGuidanceT();
  const {
    t: tt,
    i18n: { language },
  } = useTranslation();
  return (
    <section className="card" aria-labelledby="protocol-history-title">
      <h2 id="protocol-history-title">{t('history.title')}</h2>
      <GuidanceError error={error} onRetry={onRetry} />
      {versions === null && !error && (
        <p className="loading" role="status">
          {tt('common.loading')}
        </p>
      )}
      {versions && (
        <ol className="guidance-history">
          {versions.map((entry) => (
            <li key={entry.version}>
              <div>
                <span className={entry.version === current ? 'guidance-history__current' : undefined}>
                  {t('history.version', { version: entry.version })}
                  {entry.version === current && ` ${t('history.current')}`}
                </span>
                <br />
                <span className="muted">
                  {t(entry.createdBy ? 'history.savedBy' : 'history.savedInitial', {
                    date: formatDateTime(entry.createdAt, language),
                    name: entry.createdBy,
                  })}
                </span>
                {entry.note && (
                  <>
                    <br />
                    <span>{t('history.note', { note: entry.note })}</span>
                  </>
                )}
              </div>
              <button
                type="button"
                className="button button--small"
                aria-pressed={viewing === entry.version}
                onClick={() => onView(entry.version)}
              >
                {t('history.view')}
                <span className="visually-hidden"> {t('history.version', { version: entry.version })}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
