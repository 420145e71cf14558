// The chat's state as components see it, and the pure pieces of the connection (address, back-off, merge).
import type { TChatMessage, TVisitorConversation } from '@abri/contracts';

export type LinkState = 'connecting' | 'open' | 'reconnecting' | 'stopped';
export type PendingMessage = { clientId: string; text: string; failed: string | null };

export type ChatState = {
  link: LinkState;
  conversation: TVisitorConversation | null;
  /** In seq order, without duplicates. */
  messages: readonly TChatMessage[];
  /** Sent (or to send) and not acknowledged yet, in order; `failed` holds the error code of a refusal. */
  pending: readonly PendingMessage[];
  counsellorTyping: boolean;
  /** An error code to show near the composer (CHAT_RATE_LIMITED...), or null. */
  notice: string | null;
  /** The conversation cannot go on from this tab. */
  fatal: 'token' | 'blocked' | null;
  /** The latest counsellor or system message that arrived live (not from history), for screen readers. */
  incoming: { count: number; message: TChatMessage | null };
};

export function socketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/chat/visitor/socket`;
}

/** 0.5 s, 1 s, 2 s… up to 10 s, each ±20 % so that many visitors do not come back at the same instant. */
export function backoffDelay(attempt: number, random = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** attempt);
  return Math.min(10_000, Math.round(base * (0.8 + 0.4 * random())));
}

/** Merge messages by seq: later copies replace earlier ones, the result is sorted. */
export function mergeMessages(
  current: readonly TChatMessage[],
  added: readonly TChatMessage[],
): TChatMessage[] {
  const bySeq = new Map(current.map((message) => [message.seq, message]));
  for (const message of added) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
