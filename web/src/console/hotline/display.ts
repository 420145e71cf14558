// How the hotline pages write numbers, ages, countries and hashes (dates go through ../format.ts).
import type { THotlineItemSummary } from '@abri/contracts';
import type { HotlineT } from './i18n.ts';

/** "36,5 h": takedown times and delays, one decimal at most. */
export function formatHours(t: HotlineT, hours: number | null | undefined, language: string): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return '—';
  const value = new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(hours);
  return t('units.hours', { value });
}

/** How long an item has waited, in the largest whole unit: "12 min", "5 h", "3 j". */
export function formatAge(t: HotlineT, iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (!Number.isFinite(minutes)) return '—';
  if (minutes < 60) return t('units.ageMinutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('units.ageHours', { count: hours });
  return t('units.ageDays', { count: Math.floor(hours / 24) });
}

/** The country's name in the interface's language, with its code: "Allemagne (DE)". */
export function countryName(code: string | null | undefined, language: string): string {
  if (!code) return '—';
  try {
    const name = new Intl.DisplayNames([language], { type: 'region' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** The first characters of a hash, enough to compare by eye. */
export function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 16)}…` : hash;
}

/** What the item is, as text: its address, or "platform · account" for content inside an app. */
export function itemTitle(item: Pick<THotlineItemSummary, 'kind' | 'url' | 'platform' | 'account' | 'host'>) {
  if (item.kind === 'url' && item.url) return item.url;
  const parts = [item.platform, item.account].filter((part): part is string => !!part);
  return parts.length > 0 ? parts.join(' · ') : item.host;
}

/** Only http(s) addresses are ever offered to open (never javascript: or data:). */
export function openableUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function formatBytes(t: HotlineT, size: number, language: string): string {
  const format = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  if (size < 1024) return t('units.bytes', { value: format.format(size) });
  if (size < 1024 * 1024) return t('units.kilobytes', { value: format.format(size / 1024) });
  return t('units.megabytes', { value: format.format(size / 1024 / 1024) });
}
