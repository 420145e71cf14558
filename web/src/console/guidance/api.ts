// Reading guidance from the API, for the chat's side panel and the admin pages: protocols by topic and the
// platform how-tos, kept in module memory for the life of the tab (they change rarely; an administrator's
// save refreshes them here at once, other tabs on their next reload). Failures are not kept.
import type {
  TOutboxMail,
  TOutboxMailSummary,
  TPartner,
  TPartnerInput,
  TPlatformGuideBody,
  TPlatformHowTo,
  TProtocol,
  TProtocolSummary,
  TProtocolTopic,
  TTaxonomy,
  ZPlatformGuide,
  ZPlatformGuideUpdate,
  ZProtocolUpdate,
  ZProtocolVersionInfo,
  ZTaxonomyUpdate,
} from '@abri/contracts';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import type { TMailStatus } from './constants.ts';

export type TPlatformGuide = z.infer<typeof ZPlatformGuide>;
export type TProtocolVersionInfo = z.infer<typeof ZProtocolVersionInfo>;
export type TProtocolUpdate = z.input<typeof ZProtocolUpdate>;
export type TPlatformGuideUpdate = z.input<typeof ZPlatformGuideUpdate>;
export type TTaxonomyUpdate = z.input<typeof ZTaxonomyUpdate>;

// --- a small store: one entry per key, components subscribed to all (entries change rarely) ---

type Entry<T> = { loading: boolean; value: T | null; error: unknown };
const IDLE: Entry<never> = { loading: false, value: null, error: null };
const entries = new Map<string, Entry<unknown>>();
const listeners = new Set<() => void>();

function setEntry(key: string, entry: Entry<unknown>): void {
  entries.set(key, entry);
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function fetchInto<T>(key: string, fetcher: () => Promise<T>, force: boolean): void {
  const current = entries.get(key) as Entry<T> | undefined;
  if (current?.loading || (!force && current?.value)) return;
  setEntry(key, { loading: true, value: current?.value ?? null, error: null });
  fetcher().then(
    (value) => setEntry(key, { loading: false, value, error: null }),
    (error: unknown) => setEntry(key, { loading: false, value: current?.value ?? null, error }),
  );
}

export type Resource<T> = {
  /** The last value read (kept while a reload is under way or after it failed). */
  data: T | null;
  loading: boolean;
  /** Why the last read failed (show it with ErrorMessage), or null. */
  error: unknown;
  /** Read again from the server, whatever is cached. */
  reload: () => void;
};

function useResource<T>(key: string | null, fetcher: () => Promise<T>): Resource<T> {
  const entry = useSyncExternalStore(
    subscribe,
    () => (key ? ((entries.get(key) as Entry<T> | undefined) ?? IDLE) : IDLE),
    () => IDLE,
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the fetcher is derived from the key
  useEffect(() => {
    if (key) fetchInto(key, fetcher, false);
  }, [key]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the fetcher is derived from the key
  const reload = useCallback(() => {
    if (key) fetchInto(key, fetcher, true);
  }, [key]);
  return {
    data: entry.value,
    loading: entry.loading || (key !== null && entry === IDLE),
    error: entry.error,
    reload,
  };
}

const protocolKey = (topic: TProtocolTopic) => `protocol:${topic}`;
const PLATFORMS_KEY = 'platforms';

export function fetchProtocol(topic: TProtocolTopic): Promise<TProtocol> {
  return api.get<TProtocol>(`/api/guidance/protocols/${encodeURIComponent(topic)}`);
}

/**
 * The current protocol of a topic (both languages), read once per tab and topic. `null` topic (a
 * conversation whose topic has no protocol, such as "other") reads nothing.
 */
export function useProtocol(topic: TProtocolTopic | null | undefined): Resource<TProtocol> {
  const key = topic ? protocolKey(topic) : null;
  return useResource(key, () => fetchProtocol(topic!));
}

/** The platform how-tos (block, privacy, report), in both languages, read once per tab. */
export function usePlatformGuide(): Resource<TPlatformGuide> {
  return useResource(PLATFORMS_KEY, () => api.get<TPlatformGuide>('/api/guidance/platforms'));
}

/** The how-tos in one language (empty while they load). */
export function platformsIn(guide: TPlatformGuide | null, language: string): TPlatformHowTo[] {
  if (!guide) return [];
  const body: TPlatformGuideBody = guide.body;
  return language === 'en' ? body.en : body.fr;
}

/** After a save: what this tab shows is the new version at once. */
export function rememberProtocol(protocol: TProtocol): void {
  setEntry(protocolKey(protocol.topic), { loading: false, value: protocol, error: null });
}

export function rememberPlatformGuide(guide: TPlatformGuide): void {
  setEntry(PLATFORMS_KEY, { loading: false, value: guide, error: null });
}

// --- the admin pages' reads and writes (not cached: an editor always starts from the server's state) ---

export const guidanceApi = {
  protocols: () => api.get<TProtocolSummary[]>('/api/guidance/protocols'),
  protocol: fetchProtocol,
  versions: (topic: TProtocolTopic) =>
    api.get<TProtocolVersionInfo[]>(`/api/guidance/protocols/${encodeURIComponent(topic)}/versions`),
  version: (topic: TProtocolTopic, version: number) =>
    api.get<TProtocol>(`/api/guidance/protocols/${encodeURIComponent(topic)}/versions/${version}`),
  platforms: () => api.get<TPlatformGuide>('/api/guidance/platforms'),
  taxonomies: () => api.get<TTaxonomy[]>('/api/guidance/taxonomies'),
  saveProtocol: (topic: TProtocolTopic, update: TProtocolUpdate) =>
    api.put<TProtocol>(`/api/guidance/protocols/${encodeURIComponent(topic)}`, update),
  savePlatforms: (update: TPlatformGuideUpdate) => api.put<TPlatformGuide>('/api/guidance/platforms', update),
  saveTaxonomy: (name: TTaxonomy['name'], update: TTaxonomyUpdate) =>
    api.put<TTaxonomy>(`/api/guidance/taxonomies/${encodeURIComponent(name)}`, update),
  partners: () => api.get<TPartner[]>('/api/partners'),
  createPartner: (input: TPartnerInput) => api.post<TPartner>('/api/partners', input),
  updatePartner: (id: string, input: TPartnerInput) =>
    api.put<TPartner>(`/api/partners/${encodeURIComponent(id)}`, input),
  outbox: (status: TMailStatus | '') =>
    api.get<{ mails: TOutboxMailSummary[] }>(
      `/api/admin/outbox?limit=200${status ? `&status=${status}` : ''}`,
    ),
  mail: (id: string) => api.get<TOutboxMail>(`/api/admin/outbox/${encodeURIComponent(id)}`),
  retryMail: (id: string) => api.post<TOutboxMail>(`/api/admin/outbox/${encodeURIComponent(id)}/retry`),
};
