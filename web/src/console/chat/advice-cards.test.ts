// Advice cards on the console side: the frame an outbox item is sent with, and the message the
// acknowledgement makes of it (shown as a card before the server's copy arrives).
import { describe, expect, it } from 'vitest';
import { cardText, chatCard, sendFrame } from './advice-cards.ts';
import { chatReducer, initialState, type OutboxItem } from './state.ts';

const CONVERSATION = '5b0c4a52-3c55-4a8e-9a43-2f0f54d8a001';
const card = chatCard({
  title: 'Garde les preuves',
  points: ['Captures d’écran', 'Pseudo et lien du profil'],
});

describe('advice cards in the console', () => {
  it('sends a card as a card frame and a text as a text frame', () => {
    const item: OutboxItem = {
      clientId: 'abcdef123',
      conversationId: CONVERSATION,
      kind: 'card',
      card,
      text: cardText(card),
      state: 'sending',
      error: null,
    };
    expect(sendFrame(item)).toEqual({
      type: 'send',
      conversationId: CONVERSATION,
      clientId: 'abcdef123',
      kind: 'card',
      card,
    });
    expect(sendFrame({ ...item, kind: 'note', text: 'hello' } as OutboxItem)).toEqual({
      type: 'send',
      conversationId: CONVERSATION,
      clientId: 'abcdef123',
      kind: 'note',
      text: 'hello',
    });
    expect(cardText(card)).toBe('Garde les preuves\n• Captures d’écran\n• Pseudo et lien du profil');
  });

  it('turns an acknowledged card into a card message', () => {
    const item: OutboxItem = {
      clientId: 'abcdef123',
      conversationId: CONVERSATION,
      kind: 'card',
      card,
      text: cardText(card),
      state: 'sending',
      error: null,
    };
    const state = chatReducer(chatReducer(initialState, { type: 'outbox-add', item }), {
      type: 'ack',
      conversationId: CONVERSATION,
      clientId: item.clientId,
      seq: 4,
      at: '2026-11-23T14:00:00.000Z',
      myName: 'Camille',
    });
    expect(state.outbox).toEqual([]);
    expect(state.messages[CONVERSATION]).toEqual([
      expect.objectContaining({ seq: 4, kind: 'card', card, body: cardText(card), authorName: 'Camille' }),
    ]);
  });
});
