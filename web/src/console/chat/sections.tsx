// Links to the chat sections, for the console navigation and home page, by ability.
import type { TAbility, TSessionInfo } from '@abri/contracts';
import { Link, NavLink } from 'react-router';
import { hasAbility } from '../session.tsx';
import { useChatT } from './i18n.ts';

export const CHAT_SECTIONS: {
  to: string;
  key: 'workspace' | 'board' | 'canned';
  ability: TAbility;
  end: boolean;
}[] = [
  { to: '/console/chat', key: 'workspace', ability: 'helpline.answer', end: true },
  { to: '/console/chat/board', key: 'board', ability: 'helpline.supervise', end: false },
  { to: '/console/admin/canned-responses', key: 'canned', ability: 'settings.manage', end: false },
];

/** The helpline links (after Home) or the administration one (with the other admin sections). */
export function ChatNavItems({ session, group }: { session: TSessionInfo; group: 'helpline' | 'admin' }) {
  const t = useChatT();
  const sections = CHAT_SECTIONS.filter(
    (section) => hasAbility(session, section.ability) && (section.key === 'canned') === (group === 'admin'),
  );
  return sections.map((section) => (
    <li key={section.to}>
      <NavLink to={section.to} end={section.end}>
        {t(`nav.${section.key}`)}
      </NavLink>
    </li>
  ));
}

export function ChatTiles({ session }: { session: TSessionInfo }) {
  const t = useChatT();
  return CHAT_SECTIONS.filter((section) => hasAbility(session, section.ability)).map((section) => (
    <li key={section.to} className="card tile">
      <Link to={section.to} className="tile__link">
        {t(`nav.${section.key}`)}
      </Link>
      <p>{t(`home.${section.key}`)}</p>
    </li>
  ));
}
