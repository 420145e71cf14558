// The one guard for text coming in. PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate (a
// half of a pair, `\ud800`) has no UTF-8 form: either one reaching a statement fails it and surfaces as a
// 500, or is silently mangled. Every way text enters runs through findBadText: HTTP bodies (JSON,
// urlencoded, multipart fields), query strings, route params and headers stored as data (the hook below),
// WebSocket frames (helpline/socket-frames.ts) and imported files, line by line (hash banks, IP ranges).
//
// A request refused here never reaches its handler: a login with bad text is a 400 before any account is
// looked at, so it leaves no failed-login entry. Nothing was tried against an account (no password was
// checked, no lock counter moved), the request log keeps its refusal, and an entry holding the bad text
// could not be written anyway.
import { Stream } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../infra/errors.ts';

/** Deeper structures than this are refused: no form or frame of Abri nests half as deep. */
export const MAX_TEXT_DEPTH = 32;

export type BadTextProblem = 'nul' | 'lone_surrogate' | 'too_deep';

export interface BadText {
  /** Where: `body.messages.2.text`, `querystring.q`, `line 14`... */
  path: string;
  problem: BadTextProblem;
}

const PROBLEM_MESSAGES: Record<BadTextProblem, string> = {
  nul: 'contains a NUL character, which text cannot hold',
  lone_surrogate: 'contains a broken character (half of a UTF-16 surrogate pair), which text cannot hold',
  too_deep: `is nested more than ${MAX_TEXT_DEPTH} levels deep`,
};

export function badTextMessage(problem: BadTextProblem): string {
  return PROBLEM_MESSAGES[problem];
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one (code units: no `u` flag).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** What is wrong with one string, or null when it can be stored as text. */
export function badTextIn(text: string): BadTextProblem | null {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'lone_surrogate';
  return null;
}

function join(path: string, key: string): string {
  // A key is named without its bad characters, so that the path itself can be shown and logged.
  const shown = key.replaceAll('\u0000', '').replace(LONE_SURROGATES, '\uFFFD');
  return path ? `${path}.${shown}` : shown;
}

/**
 * The first string (value or key, at any depth) that text cannot hold, with its path, or null. Buffers and
 * streams are bytes, not text, and are left to their readers (a streamed bank import is checked line by line).
 */
export function findBadText(value: unknown, path = 'body', depth = 0): BadText | null {
  if (typeof value === 'string') {
    const problem = badTextIn(value);
    return problem ? { path, problem } : null;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || value instanceof Stream)
    return null;
  if (depth >= MAX_TEXT_DEPTH) return { path, problem: 'too_deep' };
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = badTextIn(key);
    if (keyProblem) return { path: join(path, key), problem: keyProblem };
    const found = findBadText(item, join(path, key), depth + 1);
    if (found) return found;
  }
  return null;
}

/** Throws REQUEST_INVALID naming the field when `value` holds text that cannot be stored. */
export function assertCleanText(value: unknown, path = 'body'): void {
  const found = findBadText(value, path);
  if (found)
    throw new AppError('REQUEST_INVALID', {
      details: [{ path: found.path, message: badTextMessage(found.problem) }],
    });
}

/** Headers whose values are stored (a session keeps the browser's user agent). */
const HEADERS_AS_DATA = ['user-agent'] as const;

/** Every part of a request that becomes data, checked in order; the first bad one is reported. */
export function checkRequestText(request: FastifyRequest): void {
  assertCleanText(request.params, 'params');
  assertCleanText(request.query, 'querystring');
  for (const name of HEADERS_AS_DATA) assertCleanText(request.headers[name], `headers.${name}`);
  assertCleanText(request.body, 'body');
}

export function registerTextGuard(app: FastifyInstance): void {
  // Before validation, so that a schema's message never echoes the bad text; multipart bodies, read by
  // their route's own preValidation hook after this one, are checked where they are read (hotline/form.ts).
  app.addHook('preValidation', async (request) => {
    checkRequestText(request);
  });
}
