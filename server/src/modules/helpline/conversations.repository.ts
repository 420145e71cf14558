// SQL for conversations and messages. Functions take the database handle or an open transaction first.
import type { Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../database.ts';
import type { ConversationRow, ConversationsTable, MessageRow, MessagesTable } from './tables.ts';

export function findConversation(db: Db, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the conversation row until the end of the transaction: one writer at a time per conversation. */
export function lockConversation(db: Db, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findByVisitorToken(db: Db, tokenHash: string): Promise<ConversationRow | undefined> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('visitor_token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export function findByResumeCode(db: Db, codeHash: string): Promise<ConversationRow | undefined> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('resume_code_hash', '=', codeHash)
    .executeTakeFirst();
}

export function updateConversation(
  db: Db,
  id: string,
  values: Updateable<ConversationsTable>,
): Promise<ConversationRow | undefined> {
  return db.updateTable('conversations').set(values).where('id', '=', id).returningAll().executeTakeFirst();
}

export type NewMessage = Omit<MessagesTable, 'conversation_id' | 'seq' | 'created_at'>;

/**
 * Appends a message under the conversation's row lock (taken by the caller). A message whose client id
 * was already stored is not stored again: the existing row is returned with `duplicate: true`.
 */
export async function appendMessage(
  db: Db,
  conversationId: string,
  message: NewMessage,
  now: Date,
): Promise<{ row: MessageRow; duplicate: boolean }> {
  if (message.client_id) {
    const existing = await db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('client_id', '=', message.client_id)
      .executeTakeFirst();
    if (existing) return { row: existing, duplicate: true };
  }
  const { last_seq: seq } = await db
    .updateTable('conversations')
    .set({ last_seq: sql<number>`last_seq + 1`, last_message_at: now })
    .where('id', '=', conversationId)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('messages')
    .values({ ...message, conversation_id: conversationId, seq, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, duplicate: false };
}

export function listMessages(
  db: Db,
  conversationId: string,
  afterSeq: number,
  visitorView: boolean,
): Promise<MessageRow[]> {
  let query = db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', afterSeq)
    .orderBy('seq');
  if (visitorView) query = query.where('kind', 'in', ['text', 'event']);
  return query.execute();
}

export async function displayNames(db: Db, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

export async function unreadCount(db: Db, conversation: ConversationRow): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('conversation_id', '=', conversation.id)
    .where('author', '=', 'visitor')
    .where('seq', '>', conversation.counsellor_read_seq)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export function openConversations(db: Db, statuses: ConversationRow['status'][]): Promise<ConversationRow[]> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('status', 'in', statuses)
    .orderBy(sql`coalesce(queued_at, created_at)`)
    .execute();
}

export function counsellorConversations(db: Db, userId: string): Promise<ConversationRow[]> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('counsellor_id', '=', userId)
    .where('status', '=', 'active')
    .orderBy('assigned_at')
    .execute();
}
