import type { TRedFlagMark } from '@abri/contracts';
import type { ColumnType, Generated, Selectable } from 'kysely';

type Default<T> = ColumnType<T, T | undefined, T>;

export interface ConversationsTable {
  id: Generated<string>;
  status: 'queued' | 'active' | 'left_message' | 'ended';
  audience: string;
  age_band: string;
  topic: string;
  nickname: string | null;
  visitor_token_hash: string;
  resume_code_hash: string;
  device_token_hash: string;
  ip_hash: string;
  counsellor_id: string | null;
  preferred_counsellor_id: string | null;
  transfer_note: string | null;
  last_seq: Default<number>;
  counsellor_delivered_seq: Default<number>;
  counsellor_read_seq: Default<number>;
  visitor_read_seq: Default<number>;
  visitor_online: Default<boolean>;
  visitor_seen_at: Date | null;
  created_at: Default<Date>;
  queued_at: Date | null;
  assigned_at: Date | null;
  ended_at: Date | null;
  end_reason: string | null;
  last_message_at: Date | null;
  last_visitor_activity_at: Date | null;
  idle_prompted_at: Date | null;
  visitor_warned_at: Date | null;
  survey_done: Default<boolean>;
}
export type ConversationRow = Selectable<ConversationsTable>;

export interface MessagesTable {
  conversation_id: string;
  seq: number;
  author: 'visitor' | 'counsellor' | 'system';
  author_id: string | null;
  kind: 'text' | 'note' | 'whisper' | 'event' | 'card';
  /** The text; for a card, the card as JSON (see advice-card.ts). */
  body: string;
  event: string | null;
  client_id: string | null;
  /** Visitor messages: what the red-flag detector found (null when nothing). */
  red_flags: ColumnType<TRedFlagMark[] | null, string | null | undefined, never>;
  created_at: Default<Date>;
}
export type MessageRow = Selectable<MessagesTable>;

/** The kinds of message the visitor sees (notes and whispers are for staff only). */
export const VISITOR_KINDS: ReadonlyArray<MessagesTable['kind']> = ['text', 'event', 'card'];

export interface CounsellorPresenceTable {
  user_id: string;
  presence: Default<'available' | 'busy' | 'away' | 'offline'>;
  capacity: Default<number>;
  last_assigned_at: Date | null;
  seen_at: Date | null;
  updated_at: Default<Date>;
}

export interface CannedResponsesTable {
  id: Generated<string>;
  language: 'fr' | 'en';
  shortcut: string;
  title: string;
  body: string;
  updated_by: string | null;
  updated_at: Default<Date>;
}

export interface ChatSurveysTable {
  id: Generated<string>;
  day: string;
  helped: string | null;
  feel_better: string | null;
  contact_again: string | null;
}

export interface VisitorBlocksTable {
  id: Generated<string>;
  device_token_hash: string;
  ip_hash: string;
  until: Date;
  reason: string | null;
  created_by: string | null;
  created_at: Default<Date>;
}

export interface HelplineTables {
  conversations: ConversationsTable;
  messages: MessagesTable;
  counsellor_presence: CounsellorPresenceTable;
  canned_responses: CannedResponsesTable;
  chat_surveys: ChatSurveysTable;
  visitor_blocks: VisitorBlocksTable;
}
