// A conversation as the visitor or as staff see it, read fresh: the counsellor's name (their alias for the
// visitor), the queue position and wait, the unread count. One place for what routes, sockets and the hub all send.
import type { TStaffConversation, TVisitorConversation } from '@abri/contracts';
import type { Db } from '../../database.ts';
import * as repo from './conversations.repository.ts';
import { presentStaffConversation, presentVisitorConversation } from './presenter.ts';
import { queueSnapshot } from './queue.ts';
import type { ConversationRow } from './tables.ts';

export async function counsellorNameOf(db: Db, conversation: ConversationRow): Promise<string | null> {
  if (!conversation.counsellor_id) return null;
  const names = await repo.displayNames(db, [conversation.counsellor_id]);
  return names.get(conversation.counsellor_id) ?? null;
}

/** The counsellor's alias, the only name of theirs a visitor sees (null: a neutral label). */
export async function counsellorAliasOf(db: Db, conversation: ConversationRow): Promise<string | null> {
  if (!conversation.counsellor_id) return null;
  const aliases = await repo.visitorAliases(db, [conversation.counsellor_id]);
  return aliases.get(conversation.counsellor_id) ?? null;
}

export async function loadVisitorView(
  db: Db,
  conversation: ConversationRow,
  now: Date,
  counsellorAlias?: string | null,
): Promise<TVisitorConversation> {
  const queue =
    conversation.status === 'queued' ? (await queueSnapshot(db, now)).get(conversation.id) : undefined;
  return presentVisitorConversation(
    conversation,
    counsellorAlias !== undefined ? counsellorAlias : await counsellorAliasOf(db, conversation),
    queue ?? { position: null, estimatedWaitMinutes: null },
  );
}

export async function loadStaffView(
  db: Db,
  conversation: ConversationRow,
  now: Date,
  counsellorName?: string | null,
): Promise<TStaffConversation> {
  return presentStaffConversation(
    conversation,
    counsellorName !== undefined ? counsellorName : await counsellorNameOf(db, conversation),
    await repo.unreadCount(db, conversation),
    now,
  );
}
