// Frames of the console: a plain one for the login steps, and one with navigation for active sessions.
import type { TAbility } from '@abri/contracts';
import { type ReactNode, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { useTranslation } from '../i18n/index.ts';
import { LanguageSwitch } from '../ui/language-switch.tsx';
import { Main, SkipLink } from '../ui/layout.tsx';
import { BankNavItems } from './banks/index.ts';
import { ChatNavItems } from './chat/sections.tsx';
import { GuidanceNavItems } from './guidance/sections.tsx';
import { HotlineNavItems } from './hotline/index.ts';
import { RecordNavItems } from './records/sections.tsx';
import { hasAbility, useActiveSession, useSession } from './session.tsx';

export const CONSOLE_SECTIONS: { to: string; key: 'users' | 'audit' | 'settings'; ability: TAbility }[] = [
  { to: '/console/admin/users', key: 'users', ability: 'users.manage' },
  { to: '/console/admin/audit', key: 'audit', ability: 'audit.read' },
  { to: '/console/admin/settings', key: 'settings', ability: 'settings.manage' },
];

function ConsoleHeader({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="console-header">
      <div className="console-header__bar">
        <p className="console-brand">{t('console.brand')}</p>
        <LanguageSwitch />
      </div>
      {children}
    </header>
  );
}

/** For the login, password, two-step and reset screens: no navigation yet. */
export function AuthFrame({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <div className="console">
      <SkipLink />
      <ConsoleHeader />
      <Main className="console-main console-main--narrow" pathname={pathname}>
        {children}
      </Main>
    </div>
  );
}

export function ConsoleLayout() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { setSession } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [busy, setBusy] = useState(false);

  const logout = async () => {
    setBusy(true);
    try {
      await api.post('/api/auth/logout');
    } catch {
      // The session is forgotten here whatever the server says; it expires there on its own.
    }
    setSession(null);
    void navigate('/console/login', { replace: true });
  };

  return (
    <div className="console">
      <SkipLink />
      <ConsoleHeader>
        <nav className="console-nav" aria-label={t('console.navLabel')}>
          <ul className="console-nav__list">
            <li>
              <NavLink to="/console" end>
                {t('console.nav.home')}
              </NavLink>
            </li>
            <ChatNavItems session={session} group="helpline" />
            <RecordNavItems session={session} />
            <HotlineNavItems session={session} group="analysis" />
            {CONSOLE_SECTIONS.filter((section) => hasAbility(session, section.ability)).map((section) => (
              <li key={section.to}>
                <NavLink to={section.to}>{t(`console.nav.${section.key}`)}</NavLink>
              </li>
            ))}
            <ChatNavItems session={session} group="admin" />
            <GuidanceNavItems session={session} />
            <HotlineNavItems session={session} group="admin" />
            <BankNavItems session={session} />
            <li>
              <NavLink to="/console/account">{t('console.nav.account')}</NavLink>
            </li>
          </ul>
          <div className="console-nav__user">
            <span>{t('console.signedInAs', { name: session.user.displayName })}</span>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void logout()}
              disabled={busy}
            >
              {t('console.logout')}
            </button>
          </div>
        </nav>
      </ConsoleHeader>
      <Main className="console-main" pathname={pathname}>
        <Outlet />
      </Main>
    </div>
  );
}

/** Shown instead of a page the person's abilities do not allow. */
export function RequireAbility({ ability, children }: { ability: TAbility; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  if (!hasAbility(session, ability)) {
    return (
      <>
        <h1>{t('console.forbidden')}</h1>
        <p>
          <NavLink to="/console">{t('console.backHome')}</NavLink>
        </p>
      </>
    );
  }
  return children;
}
