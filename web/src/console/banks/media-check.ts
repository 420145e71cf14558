// What a picture's check (TMediaCheck) lets the hotline pages show. Known abuse material is never shown:
// neither blurred nor revealed, and nothing is even requested from the server. Other matches (harmless
// duplicates, a hotline's own lists) are listed under the picture, closest first.
import type { TBankKind, TMediaCheck, TMediaMatch } from '@abri/contracts';
import { ApiError } from '../../api/client.ts';
import { BLOCKING_BANK_KINDS, PDQ_MIN_QUALITY, REFUSED_REASONS, type RefusedReason } from './constants.ts';

export type ShotDisplay =
  /** Never displayed; `match` says which bank and how far (null when only the server's refusal said so). */
  | { kind: 'known'; match: TMediaMatch | null }
  | {
      kind: 'show';
      /** Not hashed yet: the server checks the picture before it makes the preview. */
      pending: boolean;
      /** Matches in banks that do not block display, closest first. */
      matches: TMediaMatch[];
      /** Why no perceptual hash could be made (a known reason, or the server's word as is). */
      refused: { reason: RefusedReason | null; raw: string | null } | null;
    };

export function isBlockingKind(kind: TBankKind | string): boolean {
  return (BLOCKING_BANK_KINDS as readonly string[]).includes(kind);
}

const closestFirst = (a: TMediaMatch, b: TMediaMatch) =>
  a.distance - b.distance || a.bankName.localeCompare(b.bankName);

export function refusedReasonOf(reason: string | null): RefusedReason | null {
  return REFUSED_REASONS.find((known) => known === reason) ?? null;
}

/**
 * How to show a picture. A match in a blocking bank counts as known even if `known` were left empty: when
 * in doubt, the picture stays hidden.
 */
export function shotDisplay(check: TMediaCheck): ShotDisplay {
  const blocking = check.matches.filter((match) => isBlockingKind(match.bankKind)).sort(closestFirst);
  const known = check.known ?? blocking[0] ?? null;
  if (known) return { kind: 'known', match: known };
  return {
    kind: 'show',
    pending: check.status === 'pending',
    matches: [...check.matches].sort(closestFirst),
    refused:
      check.status === 'refused'
        ? { reason: refusedReasonOf(check.refusedReason), raw: check.refusedReason }
        : null,
  };
}

/** Whether PDQ describes the picture reliably enough to be added to a bank (the server skips it otherwise). */
export function pdqUsable(check: TMediaCheck): boolean {
  return check.pdq !== null && check.quality !== null && check.quality >= PDQ_MIN_QUALITY;
}

/** A picture as the hotline page fetched it: its bytes (as an address), known material, or another refusal. */
export type ImageAnswer =
  | { kind: 'image'; src: string }
  | { kind: 'known' }
  | { kind: 'unavailable'; error: ApiError };

/** What an image address answered, from its status and JSON error (kept apart from fetch for tests). */
export function imageRefusal(status: number, payload: unknown): ImageAnswer {
  const error =
    typeof payload === 'object' && payload !== null && 'error' in payload
      ? ((payload as { error: { code?: unknown; message?: unknown } }).error ?? {})
      : {};
  const code = typeof error.code === 'string' ? error.code : status >= 500 ? 'UNAVAILABLE' : 'INTERNAL';
  if (code === 'MEDIA_KNOWN_MATERIAL') return { kind: 'known' };
  const message = typeof error.message === 'string' ? error.message : 'The picture cannot be shown.';
  return { kind: 'unavailable', error: new ApiError(status, code, message) };
}
