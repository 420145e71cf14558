import { useTranslation } from '../i18n/index.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { PublicLink } from '../ui/public-link.tsx';
import { ReachUs } from './contact-info.tsx';
import { useHelplineName } from './settings-context.tsx';

export default function HomePage() {
  const { t } = useTranslation();
  const name = useHelplineName(t('common.appName'));
  usePageTitle(t('nav.home'), name);
  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p className="lead">{t('home.lead', { name })}</p>
        <div className="actions">
          <PublicLink to="/parler" className="button button--primary button--large">
            {t('home.talkButton')}
          </PublicLink>
          <PublicLink to="/signaler" className="button button--secondary button--large">
            {t('home.reportButton')}
          </PublicLink>
        </div>
      </section>

      <section aria-labelledby="promises-title">
        <h2 id="promises-title" className="visually-hidden">
          {t('home.promisesTitle')}
        </h2>
        <ul className="promises">
          <li className="card promise">
            <h3>{t('home.freeTitle')}</h3>
            <p>{t('home.freeBody')}</p>
          </li>
          <li className="card promise">
            <h3>{t('home.anonymousTitle')}</h3>
            <p>{t('home.anonymousBody')}</p>
          </li>
          <li className="card promise">
            <h3>{t('home.confidentialTitle')}</h3>
            <p>{t('home.confidentialBody')}</p>
            <p>
              <PublicLink to="/confidentialite">{t('home.confidentialityLink')}</PublicLink>
            </p>
          </li>
        </ul>
      </section>

      <ReachUs title={t('home.reachTitle')} />
    </>
  );
}
