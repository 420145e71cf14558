// Parsing of incoming WebSocket frames: size-limited JSON validated by the contract's schemas. A bad frame
// becomes a readable error, never an exception that could close the server or the socket.
import type { z } from 'zod';
import { uniqueViolation } from '../../http/error-handler.ts';
import { badTextMessage, findBadText } from '../../http/text-guard.ts';
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
  // The same guard as HTTP bodies: a NUL or a lone surrogate, anywhere in the frame, refuses this message.
  const bad = findBadText(json, '');
  if (bad)
    throw new AppError('CHAT_MESSAGE_INVALID', {
      userMessage: `This message cannot be sent: ${bad.path || 'it'} ${badTextMessage(bad.problem)}.`,
    });
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    const tooLong = issue?.code === 'too_big' && where === 'text';
    // A card that breaks the limits (title, number or length of points) is a message that cannot be sent.
    if (issue?.path[0] === 'card')
      throw new AppError('CHAT_MESSAGE_INVALID', {
        userMessage: `This card cannot be sent (${where}: ${issue.message}).`,
      });
    throw new AppError(tooLong ? 'CHAT_MESSAGE_INVALID' : 'CHAT_FRAME_INVALID', {
      userMessage: tooLong
        ? undefined
        : `This message could not be understood${where ? ` (${where}: ${issue?.message})` : ''}.`,
    });
  }
  return parsed.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLIENT_ID = /^[A-Za-z0-9_-]{6,64}$/;

/**
 * The conversation and client ids of a frame that failed validation, when they are well formed, so that
 * the error frame tells the sender which of its messages was refused.
 */
export function frameReference(raw: unknown): { conversationId?: string; clientId?: string } {
  try {
    const json: unknown = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw));
    if (typeof json !== 'object' || json === null) return {};
    const { conversationId, clientId } = json as { conversationId?: unknown; clientId?: unknown };
    return {
      ...(typeof conversationId === 'string' && UUID.test(conversationId) ? { conversationId } : {}),
      ...(typeof clientId === 'string' && CLIENT_ID.test(clientId) ? { clientId } : {}),
    };
  } catch {
    return {};
  }
}

export function errorFrame(raised: unknown, extra: Record<string, unknown> = {}) {
  // The same mapping as HTTP answers for what the database refuses (a unique index: 409-like conflict).
  const error = isAppError(raised) ? raised : (uniqueViolation(raised) ?? raised);
  if (isAppError(error))
    return { type: 'error' as const, code: error.code, message: error.userMessage, ...extra };
  return {
    type: 'error' as const,
    code: 'INTERNAL',
    message: 'Something went wrong on our side. Please try again.',
    ...extra,
  };
}
