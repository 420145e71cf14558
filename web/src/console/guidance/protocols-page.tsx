// The protocols (ability settings.manage): one per topic, with its current version and last editor.
import type { TProtocolSummary } from '@abri/contracts';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n/index.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { formatDateTime } from '../format.ts';
import { guidanceApi } from './api.ts';
import { PROTOCOL_TOPICS } from './constants.ts';
import { GuidanceError } from './errors.tsx';
import { useGuidanceT } from './i18n.ts';

export default function ProtocolsPage() {
  const t = useGuidanceT();
  const { t: tt, i18n } = useTranslation();
  usePageTitle(t('protocols.title'), tt('console.brand'));
  const [protocols, setProtocols] = useState<TProtocolSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setProtocols(await guidanceApi.protocols());
    } catch (caught) {
      setError(caught);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const order = (summary: TProtocolSummary) => PROTOCOL_TOPICS.indexOf(summary.topic);
  const sorted = [...(protocols ?? [])].sort((a, b) => order(a) - order(b));
  const language = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <>
      <h1>{t('protocols.title')}</h1>
      <p>{t('protocols.intro')}</p>
      <GuidanceError error={error} onRetry={() => void load()} />
      {protocols === null && !error && (
        <p className="loading" role="status">
          {tt('common.loading')}
        </p>
      )}
      {protocols && protocols.length === 0 && <p>{t('protocols.empty')}</p>}
      {sorted.length > 0 && (
        <TableWrap label={t('protocols.title')}>
          <table className="table guidance-table">
            <thead>
              <tr>
                <th scope="col">{t('protocols.colTitle')}</th>
                <th scope="col">{t('protocols.colVersion')}</th>
                <th scope="col">{t('protocols.colUpdated')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((summary) => {
                const title = summary.title[language] || t(`topics.${summary.topic}`);
                return (
                  <tr key={summary.topic}>
                    <th scope="row">
                      <Link to={`/console/admin/protocols/${summary.topic}`} lang={language}>
                        {title}
                      </Link>
                      <br />
                      <span className="muted">{t(`topics.${summary.topic}`)}</span>
                    </th>
                    <td>{summary.version}</td>
                    <td>
                      {t(summary.updatedBy ? 'protocols.updated' : 'protocols.updatedInitial', {
                        date: formatDateTime(summary.updatedAt, i18n.language),
                        name: summary.updatedBy,
                      })}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
