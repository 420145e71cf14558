import { useEffect } from 'react';
import { useTranslation } from '../i18n/index.ts';

/** Set document.title for the page, so that tabs and screen readers say where the person is. */
export function usePageTitle(page: string, name: string): void {
  const { t } = useTranslation();
  const title = t('pageTitle', { page, name });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
