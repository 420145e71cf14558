import { useTranslation } from '../i18n/index.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { ReachUs } from './contact-info.tsx';
import { useHelplineName } from './settings-context.tsx';

const WHAT = [
  'report.what1',
  'report.what2',
  'report.what3',
  'report.what4',
  'report.what5',
  'report.what6',
  'report.what7',
] as const;

export default function ReportPage() {
  const { t } = useTranslation();
  usePageTitle(t('report.title'), useHelplineName(t('common.appName')));
  return (
    <>
      <h1>{t('report.title')}</h1>
      <p className="lead">{t('report.lead')}</p>

      <section className="card card--warning" aria-labelledby="rule-title">
        <h2 id="rule-title">{t('report.ruleTitle')}</h2>
        <p>{t('report.ruleBody')}</p>
      </section>

      <section className="card" aria-labelledby="what-title">
        <h2 id="what-title">{t('report.whatTitle')}</h2>
        <ul className="bullets">
          {WHAT.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="url-title">
        <h2 id="url-title">{t('report.urlTitle')}</h2>
        <p>{t('report.urlBody')}</p>
      </section>

      {/* The hotline form arrives in a later step. */}
      <section className="card card--info" aria-labelledby="form-title">
        <h2 id="form-title">{t('report.formTitle')}</h2>
        <p>{t('report.formBody')}</p>
        <p>{t('report.pharos')}</p>
      </section>

      <ReachUs title={t('phones.title')} />
    </>
  );
}
