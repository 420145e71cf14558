// Advice cards in the chat: a counsellor sends a title and a few points (often a protocol's advice) that
// the visitor sees as a formatted card. Stored like any message, with the card as JSON in `body`; what
// leaves the server has the structure (`card`) and a plain-text rendering (`body`) for simple readers.
import type { TChatCard } from '@abri/contracts';

/** What goes in messages.body for a card. */
export function encodeCard(card: TChatCard): string {
  return JSON.stringify({ title: card.title, points: card.points });
}

/** A stored card back; null if the body is not one (never expected: the writer only stores valid cards). */
export function decodeCard(body: string): TChatCard | null {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== 'object' || value === null) return null;
    const { title, points } = value as { title?: unknown; points?: unknown };
    if (typeof title !== 'string' || !Array.isArray(points)) return null;
    if (!points.every((point): point is string => typeof point === 'string')) return null;
    return { title, points };
  } catch {
    return null;
  }
}

/** The card as plain text: the title, then one "• point" a line. */
export function cardText(card: TChatCard): string {
  return [card.title, ...card.points.map((point) => `• ${point}`)].join('\n');
}
