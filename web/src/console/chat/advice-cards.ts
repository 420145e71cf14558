// Advice cards sent to the visitor (see docs/chat-protocol.md): the frame that sends an outbox item, and the
// plain-text rendering of a card (the server's, for what is shown before the acknowledgement).
import type { TAdviceCard, TChatCard, TStaffClientFrame } from '@abri/contracts';
import type { OutboxItem } from './state.ts';

/** What the chat carries of a protocol's advice: its title and points. */
export function chatCard(advice: Pick<TAdviceCard, 'title' | 'points'>): TChatCard {
  return { title: advice.title, points: [...advice.points] };
}

export function cardText(card: TChatCard): string {
  return [card.title, ...card.points.map((point) => `• ${point}`)].join('\n');
}

/** The `send` frame of an outbox item (sent first, and again after a reconnection or a retry). */
export function sendFrame(item: OutboxItem): TStaffClientFrame {
  const { conversationId, clientId } = item;
  if (item.kind === 'card') return { type: 'send', conversationId, clientId, kind: 'card', card: item.card };
  return { type: 'send', conversationId, clientId, kind: item.kind, text: item.text };
}
