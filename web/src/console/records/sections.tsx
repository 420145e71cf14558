// Links to contacts, cases and escalations, for the console navigation and home page, by ability.
import type { TAbility, TSessionInfo } from '@abri/contracts';
import { Link, NavLink } from 'react-router';
import { hasAbility } from '../session.tsx';
import { useRecordsT } from './i18n.ts';

export const RECORD_SECTIONS: { to: string; key: 'contacts' | 'cases' | 'escalations'; ability: TAbility }[] =
  [
    { to: '/console/contacts', key: 'contacts', ability: 'helpline.answer' },
    { to: '/console/cases', key: 'cases', ability: 'helpline.answer' },
    { to: '/console/escalations', key: 'escalations', ability: 'helpline.answer' },
  ];

export function RecordNavItems({ session }: { session: TSessionInfo }) {
  const t = useRecordsT();
  return RECORD_SECTIONS.filter((section) => hasAbility(session, section.ability)).map((section) => (
    <li key={section.to}>
      <NavLink to={section.to}>{t(`nav.${section.key}`)}</NavLink>
    </li>
  ));
}

export function RecordTiles({ session }: { session: TSessionInfo }) {
  const t = useRecordsT();
  return RECORD_SECTIONS.filter((section) => hasAbility(session, section.ability)).map((section) => (
    <li key={section.to} className="card tile">
      <Link to={section.to} className="tile__link">
        {t(`nav.${section.key}`)}
      </Link>
      <p>{t(`home.${section.key}`)}</p>
    </li>
  ));
}
