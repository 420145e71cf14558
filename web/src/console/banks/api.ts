// The hash banks API as the pages call it (types only from the contracts: no zod in the console bundle).
// Everything goes through api/client.ts except the import: its body is the file itself, and a file refused
// whole answers 422 with the same report as a success (which lines, why), not the usual error.
import type {
  TBank,
  TBankDetail,
  TBankImportResult,
  TBankIndexStatus,
  TBankInput,
  TBankList,
  TBankUpdate,
} from '@abri/contracts';
import { ApiError, api } from '../../api/client.ts';
import { IMPORT_FILENAME_MAX, type ImportAlgorithm, type ImportMode } from './constants.ts';

const base = '/api/hash-banks';
const bank = (id: string) => `${base}/${encodeURIComponent(id)}`;

export type ImportOptions = { mode: ImportMode; algorithm: ImportAlgorithm; filename: string };

export const banksApi = {
  list: () => api.get<TBankList>(base),
  index: () => api.get<TBankIndexStatus>(`${base}/index`),
  create: (input: TBankInput) => api.post<TBank>(base, input),
  detail: (id: string) => api.get<TBankDetail>(bank(id)),
  update: (id: string, input: TBankUpdate) => api.patch<TBank>(bank(id), input),
  remove: (id: string) => api.delete<void>(bank(id)),
  /** The session's CSRF token goes in by hand: this request does not go through api/client.ts. */
  importFile: async (id: string, file: Blob, options: ImportOptions, csrfToken: string) => {
    const query = new URLSearchParams({ mode: options.mode, algorithm: options.algorithm });
    const filename = options.filename.trim().slice(0, IMPORT_FILENAME_MAX);
    if (filename) query.set('filename', filename);
    let response: Response;
    try {
      response = await fetch(`${bank(id)}/import?${query.toString()}`, {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: {
          accept: 'application/json',
          // Whatever the browser calls the file (Excel's CSV type, say): the server reads its lines.
          'content-type': 'application/octet-stream',
          'x-csrf-token': csrfToken,
        },
        body: file,
      });
    } catch {
      throw new ApiError(0, 'UNAVAILABLE', 'The service cannot be reached.');
    }
    const json = (response.headers.get('content-type') ?? '').includes('application/json');
    const payload: unknown = json ? await response.json().catch(() => null) : null;
    return readImportAnswer(response.status, response.statusText, payload);
  },
};

/** Addresses the browser downloads itself. */
export const bankLinks = {
  export: (id: string) => `${bank(id)}/export.csv`,
};

function isImportResult(value: unknown): value is TBankImportResult {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as Record<string, unknown>;
  return (
    typeof result.applied === 'boolean' &&
    typeof result.added === 'number' &&
    typeof result.invalid === 'number' &&
    Array.isArray(result.errors)
  );
}

/**
 * The import's answer: its report when applied (200) or refused whole (422); any other answer is an
 * error as api/client.ts would raise it.
 */
export function readImportAnswer(status: number, statusText: string, payload: unknown): TBankImportResult {
  if ((status === 200 || status === 422) && isImportResult(payload)) return payload;
  if (typeof payload === 'object' && payload !== null && 'error' in payload) {
    const error = (payload as { error: unknown }).error as Record<string, unknown> | null;
    if (error && typeof error.code === 'string' && typeof error.message === 'string') {
      const details = Array.isArray(error.details) ? (error.details as ApiError['details']) : [];
      throw new ApiError(status, error.code, error.message, details);
    }
  }
  const code =
    status >= 500 || status < 400 ? 'UNAVAILABLE' : status === 404 ? 'REQUEST_NOT_FOUND' : 'INTERNAL';
  throw new ApiError(status, code, statusText || 'Request failed');
}
