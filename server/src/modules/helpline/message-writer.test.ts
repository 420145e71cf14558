import { describe, expect, it } from 'vitest';
import { clientId, startChat } from '../../../test/chat-clients.ts';
import { buildTestApp, loggedIn, withPrivateDatabase } from '../../../test/helpers.ts';
import { ManualClock } from '../../infra/clock.ts';
import { MessageWriter } from './message-writer.ts';
import { endConversation } from './staff.service.ts';

describe('group commit of chat messages', () => {
  it('numbers a batch per conversation in arrival order and answers each caller with its own outcome', async () => {
    await withPrivateDatabase(async (env) => {
      const clock = new ManualClock('2026-11-23T14:00:00Z');
      const app = await buildTestApp({ clock, env });
      try {
        const writer = new MessageWriter(app.context.db, clock);
        const conversations = await Promise.all(Array.from({ length: 5 }, () => startChat(app)));
        const visitorMessage = (text: string, id = clientId()) => ({
          author: 'visitor' as const,
          author_id: null,
          kind: 'text' as const,
          body: text,
          event: null,
          client_id: id,
        });

        // 50 messages, interleaved across conversations, all submitted in the same tick: one batch.
        const sends = Array.from({ length: 50 }, (_, i) => {
          const conversation = conversations[i % 5]!;
          return writer.append({
            conversationId: conversation.conversationId,
            message: visitorMessage(`m${i}`),
            allowEnded: false,
            touch: 'visitor',
          });
        });
        const outcomes = await Promise.all(sends);
        expect(outcomes.every((o) => o.kind === 'stored')).toBe(true);
        for (const conversation of conversations) {
          const rows = await app.context.db
            .selectFrom('messages')
            .select(['seq', 'body'])
            .where('conversation_id', '=', conversation.conversationId)
            .orderBy('seq')
            .execute();
          const seqs = rows.map((r) => r.seq);
          expect(seqs).toEqual(Array.from({ length: 10 }, (_, k) => seqs[0]! + k));
          // Arrival order is kept: m0, m5, m10... for the first conversation.
          const numbers = rows.map((r) => Number(r.body.slice(1)));
          expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
        }

        // The same client id twice in one batch: stored once, the other answer is a duplicate with the same seq.
        const id = clientId();
        const [first, second] = await Promise.all([
          writer.append({
            conversationId: conversations[0]!.conversationId,
            message: visitorMessage('twice', id),
            allowEnded: false,
            touch: 'visitor',
          }),
          writer.append({
            conversationId: conversations[0]!.conversationId,
            message: visitorMessage('twice', id),
            allowEnded: false,
            touch: 'visitor',
          }),
        ]);
        expect([first.kind, second.kind].sort()).toEqual(['duplicate', 'stored']);
        expect(
          first.kind !== 'ended' &&
            first.kind !== 'missing' &&
            first.kind !== 'not_assigned' &&
            first.row.seq,
        ).toBe(
          second.kind !== 'ended' &&
            second.kind !== 'missing' &&
            second.kind !== 'not_assigned' &&
            second.row.seq,
        );

        // An ended conversation takes nothing more; a counsellor not in charge is refused.
        await endConversation(app.context, null, conversations[1]!.conversationId, 'resolved');
        const { staff } = await loggedIn(app);
        const [ended, notMine, stillFine] = await Promise.all([
          writer.append({
            conversationId: conversations[1]!.conversationId,
            message: visitorMessage('late'),
            allowEnded: false,
            touch: 'visitor',
          }),
          writer.append({
            conversationId: conversations[2]!.conversationId,
            message: {
              author: 'counsellor',
              author_id: staff.id,
              kind: 'text',
              body: 'not mine',
              event: null,
              client_id: clientId(),
            },
            counsellorId: staff.id,
            allowEnded: false,
            touch: 'counsellor',
          }),
          writer.append({
            conversationId: conversations[3]!.conversationId,
            message: visitorMessage('fine'),
            allowEnded: false,
            touch: 'visitor',
          }),
        ]);
        expect(ended.kind).toBe('ended');
        expect(notMine.kind).toBe('not_assigned');
        expect(stillFine.kind).toBe('stored');
      } finally {
        await app.close();
      }
    });
  });
});
