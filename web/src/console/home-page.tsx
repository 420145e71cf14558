import type { TRole, TSettings } from '@abri/contracts';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { useTranslation } from '../i18n/index.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { useLoad } from '../ui/use-load.ts';
import { ChatTiles } from './chat/sections.tsx';
import { CONSOLE_SECTIONS } from './console-layout.tsx';
import { GuidanceTiles } from './guidance/sections.tsx';
import { RecordTiles } from './records/sections.tsx';
import { hasAbility, useActiveSession } from './session.tsx';
import { TotpRelaxedWarning } from './totp-warning.tsx';

/** For administrators: the roles relaxed from two-step verification, said at the top of their home. */
function SecurityWarning() {
  const { t } = useTranslation();
  const { data } = useLoad(async () => (await api.get<TSettings>('/api/admin/settings')).security, []);
  return (
    <TotpRelaxedWarning relaxed={(data?.totpRelaxedRoles ?? []) as TRole[]} short>
      <Link to="/console/admin/settings">{t('console.home.totpRelaxedLink')}</Link>
    </TotpRelaxedWarning>
  );
}

export default function ConsoleHomePage() {
  const { t } = useTranslation();
  usePageTitle(t('console.nav.home'), t('console.brand'));
  const session = useActiveSession();
  const roles = session.user.roles.map((role) => t(`roles.${role}`)).join(', ');
  const sections = CONSOLE_SECTIONS.filter((section) => hasAbility(session, section.ability));
  return (
    <>
      <h1>{t('console.home.greeting', { name: session.user.displayName })}</h1>
      {hasAbility(session, 'settings.manage') && <SecurityWarning />}
      <p>{t('console.home.roles', { roles: roles || t('common.none') })}</p>
      <h2>{t('console.home.sectionsTitle')}</h2>
      <ul className="tiles">
        <ChatTiles session={session} />
        <RecordTiles session={session} />
        {sections.map((section) => (
          <li key={section.to} className="card tile">
            <Link to={section.to} className="tile__link">
              {t(`console.nav.${section.key}`)}
            </Link>
            <p>{t(`console.home.${section.key}`)}</p>
          </li>
        ))}
        <GuidanceTiles session={session} />
        <li className="card tile">
          <Link to="/console/account" className="tile__link">
            {t('console.nav.account')}
          </Link>
          <p>{t('console.home.account')}</p>
        </li>
      </ul>
      <p className="muted">{t('console.home.later')}</p>
    </>
  );
}
