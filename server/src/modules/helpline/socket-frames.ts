// Parsing of incoming WebSocket frames: size-limited JSON validated by the contract's schemas. A bad frame
// becomes a readable error, never an exception that could close the server or the socket.
import type { z } from 'zod';
import { AppError, isAppError } from '../../infra/errors.ts';

export const MAX_FRAME_BYTES = 32 * 1024;

export function parseFrame<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const text = Buffer.isBuffer(raw)
    ? raw.toString('utf8')
    : Array.isArray(raw)
      ? Buffer.concat(raw).toString('utf8')
      : String(raw);
  if (text.length > MAX_FRAME_BYTES)
    throw new AppError('CHAT_FRAME_INVALID', { userMessage: 'This message is too large.' });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('CHAT_FRAME_INVALID', { userMessage: 'This message is not valid JSON.' });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    const tooLong = issue?.code === 'too_big' && where === 'text';
    throw new AppError(tooLong ? 'CHAT_MESSAGE_INVALID' : 'CHAT_FRAME_INVALID', {
      userMessage: tooLong
        ? undefined
        : `This message could not be understood${where ? ` (${where}: ${issue?.message})` : ''}.`,
    });
  }
  return parsed.data;
}

export function errorFrame(error: unknown, extra: Record<string, unknown> = {}) {
  if (isAppError(error))
    return { type: 'error' as const, code: error.code, message: error.userMessage, ...extra };
  return {
    type: 'error' as const,
    code: 'INTERNAL',
    message: 'Something went wrong on our side. Please try again.',
    ...extra,
  };
}
