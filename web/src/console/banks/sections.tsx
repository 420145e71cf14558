// The link to the hash banks for the console navigation, with the administration sections (its label is
// this area's string, as the guidance area's are).
import type { TAbility, TSessionInfo } from '@abri/contracts';
import { NavLink } from 'react-router';
import { hasAbility } from '../session.tsx';
import { useBanksT } from './i18n.ts';

export const BANK_SECTIONS: { to: string; key: 'banks'; ability: TAbility }[] = [
  { to: '/console/admin/banks', key: 'banks', ability: 'banks.manage' },
];

export function BankNavItems({ session }: { session: TSessionInfo }) {
  const t = useBanksT();
  return BANK_SECTIONS.filter((section) => hasAbility(session, section.ability)).map((section) => (
    <li key={section.to}>
      <NavLink to={section.to}>{t(`nav.${section.key}`)}</NavLink>
    </li>
  ));
}
