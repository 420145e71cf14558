// Typed fetch client for the Abri API.
// Same-origin only (the CSP allows nothing else); JSON in and out; every mutating request carries the
// CSRF token of the current session, kept in memory only (never in storage a visitor could leave behind).
// Only types come from @abri/contracts: importing its schemas would pull zod into the public bundle.
import type { TErrorResponse, TSessionInfo } from '@abri/contracts';

export type ErrorDetail = { path?: string | undefined; message: string };

/** An error the interface can show: a stable code, the server's message, and field details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let csrfToken: string | null = null;
let onSessionLost: (() => void) | null = null;

/** Remember the CSRF token of the session the server just described. */
export function rememberSession(session: TSessionInfo | null): void {
  csrfToken = session ? session.csrfToken : null;
}

/** Called when the server answers AUTH_REQUIRED: the session has ended (expired, logged out elsewhere). */
export function setSessionLostHandler(handler: (() => void) | null): void {
  onSessionLost = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function isErrorResponse(value: unknown): value is TErrorResponse {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

function isJson(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').includes('application/json');
}

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers, cache: 'no-store' };
  if (method !== 'GET') {
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    // A file goes as its raw bytes; everything else as JSON.
    if (body instanceof Blob) {
      headers['content-type'] = 'application/octet-stream';
      init.body = body;
    } else {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body ?? {});
    }
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'UNAVAILABLE', 'The service cannot be reached.');
  }

  if (response.status === 204) return undefined as T;

  let payload: unknown = null;
  let emptyBody = false;
  if (isJson(response)) {
    try {
      payload = await response.json();
    } catch {
      payload = null;
    }
  } else {
    emptyBody = (await response.text().catch(() => '')).trim() === '';
  }

  if (!response.ok) {
    if (isErrorResponse(payload)) {
      const { code, message, details } = payload.error;
      if (code === 'AUTH_REQUIRED') {
        csrfToken = null;
        onSessionLost?.();
      }
      throw new ApiError(response.status, code, message, details ?? []);
    }
    const code =
      response.status >= 500 ? 'UNAVAILABLE' : response.status === 404 ? 'REQUEST_NOT_FOUND' : 'INTERNAL';
    throw new ApiError(response.status, code, response.statusText || 'Request failed');
  }

  if (payload === null) {
    if (emptyBody) return undefined as T;
    // A success that is not JSON means something else answered (a proxy, a static server without the API).
    throw new ApiError(response.status, 'UNAVAILABLE', 'Unexpected answer from the server.');
  }
  // Keep the CSRF token current from every session description, bare or nested ({recoveryCodes, session}).
  if (isSessionInfo(payload)) rememberSession(payload);
  else if (typeof payload === 'object' && 'session' in payload && isSessionInfo(payload.session)) {
    rememberSession(payload.session);
  }
  return payload as T;
}

function isSessionInfo(value: unknown): value is TSessionInfo {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { csrfToken?: unknown }).csrfToken === 'string' &&
    typeof (value as { stage?: unknown }).stage === 'string'
  );
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
  /** Sends one file as the request body (application/octet-stream). */
  upload: <T>(path: string, file: Blob) => request<T>('POST', path, file),
};

/** Turn anything thrown into an ApiError the interface can show, never a stack trace. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'INTERNAL', 'Something went wrong.');
}
