// Links to the hotline pages for the console navigation, by ability: the analysts' queue (with the
// helpline's sections) and the hosting data (with the administration ones). Their labels are the console's
// own navigation strings.
import type { TAbility, TSessionInfo } from '@abri/contracts';
import { NavLink } from 'react-router';
import { useTranslation } from '../../i18n/index.ts';
import { hasAbility } from '../session.tsx';

export const HOTLINE_SECTIONS: {
  to: string;
  key: 'hotline' | 'hosting';
  ability: TAbility;
  group: 'analysis' | 'admin';
}[] = [
  { to: '/console/hotline', key: 'hotline', ability: 'hotline.analyse', group: 'analysis' },
  { to: '/console/admin/hosting', key: 'hosting', ability: 'settings.manage', group: 'admin' },
];

export function HotlineNavItems({ session, group }: { session: TSessionInfo; group: 'analysis' | 'admin' }) {
  const { t } = useTranslation();
  return HOTLINE_SECTIONS.filter(
    (section) => section.group === group && hasAbility(session, section.ability),
  ).map((section) => (
    <li key={section.to}>
      <NavLink to={section.to}>{t(`console.nav.${section.key}`)}</NavLink>
    </li>
  ));
}
