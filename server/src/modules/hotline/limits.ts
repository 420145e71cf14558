// Abuse protection without third-party captchas: per-address limits on submissions and status look-ups,
// keyed by the daily salted address hash (the raw address is never stored, not even in the limiter).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError, type ErrorCode } from '../../infra/errors.ts';

type Window = { max: number; windowMs: number };

/** Enough for a person reporting a batch of accounts; not enough to flood the analysts' queue. */
export const REPORT_LIMITS: Window[] = [
  { max: 10, windowMs: 10 * 60_000 },
  { max: 50, windowMs: 24 * 3_600_000 },
];
export const STATUS_LIMITS: Window[] = [{ max: 30, windowMs: 10 * 60_000 }];

export function createLimiter(context: AppContext) {
  return async function limit(
    request: FastifyRequest,
    reply: FastifyReply,
    bucket: string,
    windows: Window[],
    code: ErrorCode,
  ): Promise<void> {
    const key = `${bucket}:${await context.ipHasher.hash(request.ip)}`;
    for (const { max, windowMs } of windows) {
      const result = await context.rateLimiter.hit(`${key}:${windowMs}`, max, windowMs);
      if (!result.allowed) {
        reply.header('retry-after', String(result.retryAfter));
        throw new AppError(code);
      }
    }
  };
}
