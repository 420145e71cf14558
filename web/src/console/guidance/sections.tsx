// Links to the guidance administration pages, for the console navigation and home page, by ability (their
// labels are this area's strings, as the chat's are).
import type { TAbility, TSessionInfo } from '@abri/contracts';
import { Link, NavLink } from 'react-router';
import { hasAbility } from '../session.tsx';
import { useGuidanceT } from './i18n.ts';

export const GUIDANCE_SECTIONS: {
  to: string;
  key: 'protocols' | 'platforms' | 'taxonomies' | 'partners' | 'outbox';
  ability: TAbility;
}[] = [
  { to: '/console/admin/protocols', key: 'protocols', ability: 'settings.manage' },
  { to: '/console/admin/platforms', key: 'platforms', ability: 'settings.manage' },
  { to: '/console/admin/taxonomies', key: 'taxonomies', ability: 'settings.manage' },
  { to: '/console/admin/partners', key: 'partners', ability: 'settings.manage' },
  { to: '/console/admin/outbox', key: 'outbox', ability: 'settings.manage' },
];

export function GuidanceNavItems({ session }: { session: TSessionInfo }) {
  const t = useGuidanceT();
  return GUIDANCE_SECTIONS.filter((section) => hasAbility(session, section.ability)).map((section) => (
    <li key={section.to}>
      <NavLink to={section.to}>{t(`nav.${section.key}`)}</NavLink>
    </li>
  ));
}

export function GuidanceTiles({ session }: { session: TSessionInfo }) {
  const t = useGuidanceT();
  return GUIDANCE_SECTIONS.filter((section) => hasAbility(session, section.ability)).map((section) => (
    <li key={section.to} className="card tile">
      <Link to={section.to} className="tile__link">
        {t(`nav.${section.key}`)}
      </Link>
      <p>{t(`home.${section.key}`)}</p>
    </li>
  ));
}
