// How conversations are named and described on screen.
import type { MESSAGE_MAX_LENGTH as CONTRACT_MAX, TStaffConversation } from '@abri/contracts';
import type { ChatT } from './i18n.ts';

/** The contract's limit, checked at compile time, without pulling zod into the bundle. */
export const MESSAGE_MAX_LENGTH: typeof CONTRACT_MAX = 4000;

export function visitorName(t: ChatT, conversation: TStaffConversation): string {
  return conversation.nickname?.trim() || t('workspace.anonymous');
}

/** The first characters of an id, to tell conversations apart without a name. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

export function duration(t: ChatT, fromIso: string | null, now: number): string {
  if (!fromIso) return t('duration.lessThanMinute');
  const minutes = Math.max(0, Math.floor((now - new Date(fromIso).getTime()) / 60_000));
  return minutesText(t, minutes);
}

export function minutesText(t: ChatT, minutes: number): string {
  if (minutes < 1) return t('duration.lessThanMinute');
  if (minutes < 60) return t('duration.minutes', { count: minutes });
  return t('duration.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

export function profileSummary(t: ChatT, conversation: TStaffConversation): string {
  return [
    t(`audience.${conversation.audience}`),
    t(`ageBand.${conversation.ageBand}`),
    t(`topic.${conversation.topic}`),
  ].join(' · ');
}

export function timeOf(iso: string, language: string): string {
  return new Date(iso).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' });
}
