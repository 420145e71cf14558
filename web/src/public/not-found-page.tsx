import { useTranslation } from '../i18n/index.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { PublicLink } from '../ui/public-link.tsx';
import { useHelplineName } from './settings-context.tsx';

export default function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'), useHelplineName(t('common.appName')));
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <PublicLink to="/" className="button button--primary">
          {t('notFound.home')}
        </PublicLink>
      </p>
    </>
  );
}
