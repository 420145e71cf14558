// SQL for conversations and messages. Functions take the database handle or an open transaction first.

import type { TRedFlagMark } from '@abri/contracts';
import type { Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../database.ts';
import {
  type ConversationRow,
  type ConversationsTable,
  type MessageRow,
  type MessagesTable,
  VISITOR_KINDS,
} from './tables.ts';

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

export interface NewMessage {
  author: MessagesTable['author'];
  author_id: string | null;
  kind: MessagesTable['kind'];
  body: string;
  event: string | null;
  client_id: string | null;
  red_flags?: TRedFlagMark[] | null;
}

export function flagsParam(message: NewMessage): string | null {
  return message.red_flags?.length ? JSON.stringify(message.red_flags) : null;
}

export type AppendOutcome =
  | { kind: 'stored'; row: MessageRow }
  | { kind: 'duplicate'; row: MessageRow }
  | { kind: 'ended' }
  | { kind: 'not_assigned' }
  | { kind: 'missing' };

/**
 * Appends a message in one statement (one round trip, its own transaction): the conversation's counter
 * gives the sequence number under the row lock, and the message is inserted in the same breath. A message
 * whose client id is already stored is not stored again (`duplicate`); nothing is added to an ended
 * conversation unless `allowEnded` (system messages that close it).
 */
export async function appendMessage(
  db: Db,
  conversationId: string,
  message: NewMessage,
  now: Date,
  options: {
    allowEnded?: boolean;
    touch?: Updateable<ConversationsTable>;
    /** Only if this person is the counsellor in charge (checked in the same statement). */
    counsellorId?: string;
  } = {},
): Promise<AppendOutcome> {
  const touch = options.touch ?? {};
  const result = await sql<MessageRow>`
    with bumped as (
      update conversations
      set last_seq = last_seq + 1, last_message_at = ${now}
        ${Object.keys(touch).length ? sql`, ${sql.join(Object.entries(touch).map(([column, value]) => sql`${sql.ref(column)} = ${value}`))}` : sql``}
      where id = ${conversationId}
        ${options.allowEnded ? sql`` : sql`and status <> 'ended'`}
        ${options.counsellorId ? sql`and counsellor_id = ${options.counsellorId}` : sql``}
        ${message.client_id ? sql`and not exists (select 1 from messages where conversation_id = ${conversationId} and client_id = ${message.client_id})` : sql``}
      returning last_seq
    )
    insert into messages (conversation_id, seq, author, author_id, kind, body, event, client_id, red_flags, created_at)
    select ${conversationId}, bumped.last_seq, ${message.author}, ${message.author_id}, ${message.kind}, ${message.body}, ${message.event}, ${message.client_id}, ${flagsParam(message)}::jsonb, ${now}
    from bumped
    on conflict do nothing
    returning *`.execute(db);
  const inserted = result.rows[0];
  if (inserted) return { kind: 'stored', row: inserted };
  if (message.client_id) {
    const existing = await db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('client_id', '=', message.client_id)
      .executeTakeFirst();
    if (existing) return { kind: 'duplicate', row: existing };
  }
  const conversation = await db
    .selectFrom('conversations')
    .select(['status', 'counsellor_id'])
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!conversation) return { kind: 'missing' };
  if (options.counsellorId && conversation.counsellor_id !== options.counsellorId)
    return { kind: 'not_assigned' };
  return { kind: 'ended' };
}

/** For messages the server writes itself (events, left messages): they are always stored. */
export async function appendOwnMessage(
  db: Db,
  conversationId: string,
  message: NewMessage,
  now: Date,
): Promise<MessageRow> {
  const outcome = await appendMessage(db, conversationId, message, now, { allowEnded: true });
  if (outcome.kind !== 'stored')
    throw new Error(`could not store a ${message.kind} message in ${conversationId}: ${outcome.kind}`);
  return outcome.row;
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
  if (visitorView) query = query.where('kind', 'in', VISITOR_KINDS);
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

/**
 * The names children see: each staff member's alias, for those who have one. Never the account's name or
 * username; someone without an alias is absent from the map, and the visitor's page shows a neutral label.
 */
export async function visitorAliases(db: Db, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'alias'])
    .where('id', 'in', wanted)
    .where('alias', 'is not', null)
    .execute();
  return new Map(rows.map((row) => [row.id, row.alias!]));
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
