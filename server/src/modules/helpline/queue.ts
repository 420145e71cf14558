// Where each waiting visitor stands in the queue and how long they may wait, computed together for all.
import type { Db } from '../../database.ts';
import * as repo from './conversations.repository.ts';
import { averageHandlingMinutes, counsellorLoads, estimateWaitMinutes } from './presence.ts';
import type { QueueInfo } from './presenter.ts';
import type { ConversationRow } from './tables.ts';

export async function queueSnapshot(
  db: Db,
  now: Date,
): Promise<Map<string, QueueInfo & { conversation: ConversationRow }>> {
  const waiting = await repo.openConversations(db, ['queued']);
  const result = new Map<string, QueueInfo & { conversation: ConversationRow }>();
  if (waiting.length === 0) return result;
  const [loads, handling] = await Promise.all([counsellorLoads(db), averageHandlingMinutes(db, now)]);
  waiting.forEach((conversation, index) => {
    result.set(conversation.id, {
      conversation,
      position: index + 1,
      estimatedWaitMinutes: estimateWaitMinutes(index + 1, loads, handling, now),
    });
  });
  return result;
}
