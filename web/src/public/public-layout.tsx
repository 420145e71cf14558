// The frame of every public page: skip link, quick exit, header with navigation and language switch,
// main region, footer. All links replace the history entry (see ui/quick-exit.tsx).
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { LanguageSwitch } from '../ui/language-switch.tsx';
import { Main, SkipLink } from '../ui/layout.tsx';
import { PublicLink, PublicNavLink } from '../ui/public-link.tsx';
import { usePathname } from '../ui/public-router.tsx';
import { QuickExitButton } from '../ui/quick-exit.tsx';
import { PublicSettingsProvider, useHelplineName } from './settings-context.tsx';

export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <PublicSettingsProvider>
      <PublicShell>{children}</PublicShell>
    </PublicSettingsProvider>
  );
}

const NAV = [
  { to: '/', key: 'nav.home' },
  { to: '/parler', key: 'nav.talk' },
  { to: '/signaler', key: 'nav.report' },
  { to: '/ressources', key: 'nav.resources' },
  { to: '/confidentialite', key: 'nav.confidentiality' },
] as const;

function PublicShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const pathname = usePathname();
  const name = useHelplineName(t('common.appName'));
  return (
    <div className="site">
      <SkipLink />
      <header className="site-header">
        <QuickExitButton />
        <div className="site-header__bar">
          <PublicLink to="/" className="brand">
            <svg className="brand__logo" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
              <rect width="64" height="64" rx="14" className="brand__logo-bg" />
              <path d="M12 34 32 16l20 18v16H40V38H24v12H12z" className="brand__logo-fg" />
            </svg>
            <span className="brand__name">{name}</span>
          </PublicLink>
        </div>
        <nav className="site-nav" aria-label={t('nav.label')}>
          <ul className="site-nav__list">
            {NAV.map((item) => (
              <li key={item.to}>
                <PublicNavLink to={item.to} className="site-nav__link">
                  {t(item.key)}
                </PublicNavLink>
              </li>
            ))}
          </ul>
          <LanguageSwitch />
        </nav>
      </header>
      <Main className="site-main" pathname={pathname}>
        <Suspense fallback={<PageLoading />}>{children}</Suspense>
      </Main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          <p>
            <strong>{name}</strong> — {t('footer.promise')}
          </p>
          <p>{t('footer.emergency')}</p>
          <p>
            <PublicLink to="/confidentialite">{t('footer.privacy')}</PublicLink>
          </p>
          <p className="site-footer__small">{t('footer.poweredBy')}</p>
        </div>
      </footer>
    </div>
  );
}

function PageLoading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}
