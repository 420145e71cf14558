// PostgreSQL text cannot hold U+0000: a NUL anywhere in a request would fail its statement and surface as a
// 500. Every JSON body and query string is checked once, before validation, and refused with a clear 400.
import { Stream } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../infra/errors.ts';

const MAX_DEPTH = 32;

/** The path of the first string holding a NUL, or null. */
export function findNul(value: unknown, path = 'body', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  // A streamed body (a bank import) is the request itself: not walked (its object graph has no end).
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  if (value instanceof Stream) return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path}.${key.replaceAll('\u0000', '')}`;
    const found = findNul(item, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found = findNul(request.body) ?? findNul(request.query, 'querystring');
    if (found)
      throw new AppError('REQUEST_INVALID', {
        details: [{ path: found, message: 'contains a NUL character, which text cannot hold' }],
      });
  });
}
