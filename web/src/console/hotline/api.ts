// The hotline API as the pages call it: one function per endpoint, typed with the contracts' types (types
// only: no zod in the console bundle). Every mutation goes through api/client.ts, which adds the CSRF header.
import type {
  TAddToBankInput,
  TAddToBankResult,
  TBankList,
  TExposure,
  TForeignHotline,
  THotlineAssessmentInput,
  THotlineItem,
  THotlineItemSummary,
  TIpRangeTableInfo,
  TLegalOffence,
} from '@abri/contracts';
import { ApiError, api } from '../../api/client.ts';
import { type ImageAnswer, imageRefusal } from '../banks/index.ts';
import type { NoticeLanguage } from './constants.ts';

export type HostGroup = { host: string; items: number; reports: number; topPriority: number; oldest: string };
export type HotlineStats = {
  byStatus: Record<string, number>;
  overdue: number;
  removedLast30Days: number;
  takedownMedianHours: number | null;
  takedownP90Hours: number | null;
};
/** What an administrator sets on a directory entry (ZForeignHotlineUpdate): null for an empty field. */
export type ForeignHotlineUpdate = Pick<TForeignHotline, 'email' | 'url' | 'active'>;
export type NoticePreview = { subject: string; text: string; omitsNotifierName: boolean };

const base = '/api/hotline';
const item = (id: string) => `${base}/items/${encodeURIComponent(id)}`;

export const hotlineApi = {
  queue: (query: string) =>
    api.get<{ items: THotlineItemSummary[]; total: number }>(`${base}/items?${query}`),
  hosts: (query: string) => api.get<HostGroup[]>(`${base}/hosts?${query}`),
  stats: () => api.get<HotlineStats>(`${base}/stats`),
  item: (id: string) => api.get<THotlineItem>(item(id)),
  claim: (id: string) => api.post<THotlineItem>(`${item(id)}/claim`, {}),
  release: (id: string) => api.post<THotlineItem>(`${item(id)}/release`, {}),
  assess: (id: string, input: THotlineAssessmentInput) =>
    api.put<THotlineItem>(`${item(id)}/assessment`, input),
  lookUpHosting: (id: string) => api.post<THotlineItem>(`${item(id)}/hosting`, {}),
  offences: () => api.get<TLegalOffence[]>(`${base}/offences`),
  referToPharos: (id: string, body: { via: 'email' | 'portal'; reference?: string; note?: string }) =>
    api.post<THotlineItem>(`${item(id)}/referral`, body),
  foreignHotlines: () => api.get<TForeignHotline[]>(`${base}/hotlines`),
  updateForeignHotline: (code: string, body: ForeignHotlineUpdate) =>
    api.put<TForeignHotline>(`${base}/hotlines/${encodeURIComponent(code)}`, body),
  transfer: (id: string, body: { hotline: string; note?: string }) =>
    api.post<THotlineItem>(`${item(id)}/transfer`, body),
  noticePreview: (id: string, language: NoticeLanguage, explanation: string) => {
    const query = new URLSearchParams({ language });
    if (explanation) query.set('explanation', explanation);
    return api.get<NoticePreview>(`${item(id)}/notice/preview?${query.toString()}`);
  },
  sendNotice: (id: string, body: { to: string; language: NoticeLanguage; explanation: string }) =>
    api.post<THotlineItem>(`${item(id)}/notice`, body),
  close: (id: string, body: { reason: string; note?: string }) =>
    api.post<THotlineItem>(`${item(id)}/close`, body),
  reopen: (id: string) => api.post<THotlineItem>(`${item(id)}/reopen`, {}),
  feedback: (id: string) => api.post<{ sent: number }>(`${item(id)}/feedback`, {}),
  checkNow: (id: string) => api.post<{ queued: boolean }>(`${item(id)}/check`, {}),
  markRemoved: (id: string, body: { note?: string }) => api.post<THotlineItem>(`${item(id)}/removed`, body),
  exposure: () => api.get<TExposure>(`${base}/exposure`),
  /** null while no table was ever loaded. api/client.ts takes a JSON `null` for a foreign answer (a 200
   * that is not the API's), so that one case is read back as "no table" here. */
  ipRanges: async (): Promise<TIpRangeTableInfo | null> => {
    try {
      return (await api.get<TIpRangeTableInfo | null>(`${base}/ip-ranges`)) ?? null;
    } catch (error) {
      if (error instanceof ApiError && error.status === 200) return null;
      throw error;
    }
  },
  uploadIpRanges: (csv: string) => api.put<TIpRangeTableInfo>(`${base}/ip-ranges`, { csv }),
  /** The banks an analyst may add a confirmed item's pictures to (403 for people who may not). */
  banks: () => api.get<TBankList>('/api/hash-banks'),
  addToBank: (id: string, body: TAddToBankInput) => api.post<TAddToBankResult>(`${item(id)}/bank`, body),
};

// Pictures as the page shows them: read with fetch() rather than by an <img> pointing at the server, so that
// a refusal is read (known material answers 403 MEDIA_KNOWN_MATERIAL) instead of showing a broken image.
// The bytes become a data: address (the console's CSP allows data: images, not blob:).
function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

export async function fetchImage(url: string): Promise<ImageAnswer> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    return { kind: 'unavailable', error: new ApiError(0, 'UNAVAILABLE', 'The service cannot be reached.') };
  }
  const type = response.headers.get('content-type') ?? '';
  if (response.ok && type.startsWith('image/')) {
    try {
      return { kind: 'image', src: await dataUrl(await response.blob()) };
    } catch {
      return { kind: 'unavailable', error: new ApiError(response.status, 'INTERNAL', 'Unreadable picture.') };
    }
  }
  const payload: unknown = type.includes('application/json') ? await response.json().catch(() => null) : null;
  return imageRefusal(response.ok ? 502 : response.status, payload);
}

/**
 * A preview asked moments ago is not asked again (React's strict mode mounts twice; "Hide" puts the preview
 * back). Kept briefly only: a picture recognised since then must be refused by the server, not shown from here.
 */
const previews = new Map<string, { at: number; answer: Promise<ImageAnswer> }>();
const PREVIEW_KEPT_MS = 30_000;

export function fetchPreview(fileId: string, now = Date.now()): Promise<ImageAnswer> {
  for (const [id, kept] of previews) if (now - kept.at > PREVIEW_KEPT_MS) previews.delete(id);
  const kept = previews.get(fileId);
  if (kept) return kept.answer;
  const answer = fetchImage(hotlineLinks.preview(fileId)).then((result) => {
    // A failure may be passing (the service restarting): the next look asks again.
    if (result.kind === 'unavailable') previews.delete(fileId);
    return result;
  });
  previews.set(fileId, { at: now, answer });
  return answer;
}

/** Addresses the browser opens or downloads itself (images, attachments): no fetch, no CSRF needed. */
export const hotlineLinks = {
  preview: (fileId: string) => `${base}/files/${encodeURIComponent(fileId)}/preview`,
  reveal: (fileId: string) => `${base}/files/${encodeURIComponent(fileId)}/reveal`,
  pharosJson: (id: string) => `${item(id)}/pharos.json`,
  pharosPdf: (id: string, lang: 'fr' | 'en') => `${item(id)}/pharos.pdf?lang=${lang}`,
  itemExport: (id: string) => `${item(id)}/export.json`,
  export: `${base}/export.json`,
};

/** Optional text fields are left out when empty (the schemas refuse nothing, but keep the record clean). */
export function withText<T extends object>(body: T, fields: Record<string, string>): T {
  const copy = { ...body } as Record<string, unknown>;
  for (const [key, value] of Object.entries(fields)) {
    const trimmed = value.trim();
    if (trimmed) copy[key] = trimmed;
  }
  return copy as T;
}
