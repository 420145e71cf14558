import { useTranslation } from '../i18n/index.ts';
import { ErrorMessage } from '../ui/error-message.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { useHelplineName, usePublicSettings } from './settings-context.tsx';

const DATA_POINTS = ['privacy.noAccount', 'privacy.noCookie', 'privacy.noTracking', 'privacy.noIp'] as const;
const KEPT = ['privacy.keptConversations', 'privacy.keptStats', 'privacy.keptBrowser'] as const;

export default function ConfidentialityPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('privacy.title'), useHelplineName(t('common.appName')));
  const { settings, error, loading, retry } = usePublicSettings();
  const statement = settings
    ? i18n.language === 'en'
      ? settings.confidentiality.en
      : settings.confidentiality.fr
    : '';
  return (
    <>
      <h1>{t('privacy.title')}</h1>

      <section className="card" aria-labelledby="commitment-title" aria-busy={loading || undefined}>
        <h2 id="commitment-title">{t('privacy.commitmentTitle')}</h2>
        {settings ? (
          statement
            .split(/\n{2,}/)
            .filter((paragraph) => paragraph.trim() !== '')
            .map((paragraph) => (
              <p key={paragraph} className="preserve-lines">
                {paragraph}
              </p>
            ))
        ) : loading ? (
          <p className="muted">{t('common.loading')}</p>
        ) : (
          <>
            <p>{t('privacy.commitmentUnavailable')}</p>
            <ErrorMessage error={error} onRetry={retry} />
          </>
        )}
      </section>

      <section className="card" aria-labelledby="data-title">
        <h2 id="data-title">{t('privacy.dataTitle')}</h2>
        <p>{t('privacy.dataLead')}</p>
        <ul className="bullets">
          {DATA_POINTS.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
        <h3>{t('privacy.keptTitle')}</h3>
        <ul className="bullets">
          {KEPT.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
        <h3>{t('privacy.exitTitle')}</h3>
        <p>{t('privacy.exitBody')}</p>
        <h3>{t('privacy.rightsTitle')}</h3>
        <p>{t('privacy.rightsBody')}</p>
      </section>
    </>
  );
}
