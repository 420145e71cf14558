// Events that cross instances through the bus: each instance's hub delivers them to the sockets it holds.
// Payloads carry identifiers and already-presented messages only; everything else is read fresh.
import type { TChatMessage } from '@abri/contracts';
import type { Bus } from '../../infra/bus.ts';

export const CHAT_CHANNEL = 'chat';

/** An alert addressed to every supervisor on duty rather than to one person. */
export const SUPERVISORS = 'supervisors';

export type ChatEvent =
  /** A stored message; `visitorVisible` tells whether the visitor may see it. */
  | {
      kind: 'message';
      conversationId: string;
      message: TChatMessage;
      visitorVisible: boolean;
      authorId: string | null;
      /** The author's alias, the only name the visitor may see (null: a neutral label). */
      visitorAuthorName: string | null;
    }
  /** Anything about the conversation changed: status, counsellor, receipts, queue position. */
  | { kind: 'changed'; conversationId: string }
  | { kind: 'typing'; conversationId: string; from: 'visitor' | 'counsellor'; typing: boolean }
  /** The counsellor's console received / read the visitor's messages up to these numbers. */
  | { kind: 'receipt'; conversationId: string; deliveredSeq: number; readSeq: number }
  /** To one person, or to every supervisor when userId is 'supervisors'. */
  | {
      kind: 'alert';
      userId: string;
      conversationId: string;
      code: 'idle_prompt' | 'assigned' | 'transferred' | 'taken_over' | 'red_flag';
      message: string;
    }
  /** The queue moved: visitors waiting get their new position, supervisors a new board. */
  | { kind: 'queue' }
  /** Close the visitor's sockets for this conversation (token replaced, or visitor blocked). */
  | { kind: 'kick'; conversationId: string; reason: 'replaced' | 'blocked'; keepTokenHash?: string };

export async function publishChat(bus: Bus, events: ChatEvent[]): Promise<void> {
  await Promise.all(events.map((event) => bus.publish(CHAT_CHANNEL, event)));
}
