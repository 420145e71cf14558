// What leaves the server about conversations and messages: the visitor sees only public messages and
// nothing about staff; staff see the whole conversation, notes and whispers included.
import type { TChatMessage, TStaffConversation, TVisitorConversation } from '@abri/contracts';
import { cardText, decodeCard } from './advice-card.ts';
import { type ConversationRow, type MessageRow, VISITOR_KINDS } from './tables.ts';

export const VISITOR_ONLINE_GRACE_MS = 70_000;

export function isVisibleToVisitor(message: Pick<MessageRow, 'kind'>): boolean {
  return VISITOR_KINDS.includes(message.kind);
}

/** `names`: staff members' display names for staff, their aliases (visitorAliases) for the visitor. */
export function presentMessage(
  row: MessageRow,
  names: Map<string, string>,
  audience: 'visitor' | 'staff',
): TChatMessage {
  const staffName = row.author_id ? (names.get(row.author_id) ?? null) : null;
  const card = row.kind === 'card' ? decodeCard(row.body) : null;
  return {
    seq: row.seq,
    author: row.author,
    kind: row.kind,
    authorName: row.author === 'counsellor' ? staffName : null,
    body: card ? cardText(card) : row.body,
    ...(card ? { card } : {}),
    event: row.event,
    // The visitor's own client ids let their other tab reconcile; staff client ids only matter to staff.
    clientId: audience === 'staff' || row.author === 'visitor' ? row.client_id : null,
    at: row.created_at.toISOString(),
    // What the detector found is for staff only: the visitor never sees it.
    ...(audience === 'staff' && row.red_flags?.length ? { redFlags: row.red_flags } : {}),
  };
}

export interface QueueInfo {
  position: number | null;
  estimatedWaitMinutes: number | null;
}

export function presentVisitorConversation(
  row: ConversationRow,
  counsellorName: string | null,
  queue: QueueInfo,
): TVisitorConversation {
  return {
    id: row.id,
    status: row.status,
    counsellorName: row.status === 'active' ? counsellorName : null,
    queuePosition: row.status === 'queued' ? queue.position : null,
    estimatedWaitMinutes: row.status === 'queued' ? queue.estimatedWaitMinutes : null,
    deliveredSeq: row.counsellor_delivered_seq,
    readSeq: row.counsellor_read_seq,
    endReason: (row.end_reason as TVisitorConversation['endReason']) ?? null,
  };
}

export function presentStaffConversation(
  row: ConversationRow,
  counsellorName: string | null,
  unread: number,
  now: Date,
): TStaffConversation {
  return {
    id: row.id,
    status: row.status,
    audience: row.audience as TStaffConversation['audience'],
    ageBand: row.age_band as TStaffConversation['ageBand'],
    topic: row.topic as TStaffConversation['topic'],
    nickname: row.nickname,
    counsellorId: row.counsellor_id,
    counsellorName,
    createdAt: row.created_at.toISOString(),
    queuedAt: row.queued_at?.toISOString() ?? null,
    assignedAt: row.assigned_at?.toISOString() ?? null,
    endedAt: row.ended_at?.toISOString() ?? null,
    endReason: (row.end_reason as TStaffConversation['endReason']) ?? null,
    lastMessageAt: row.last_message_at?.toISOString() ?? null,
    unread,
    visitorConnected:
      row.visitor_online &&
      row.visitor_seen_at !== null &&
      now.getTime() - row.visitor_seen_at.getTime() < VISITOR_ONLINE_GRACE_MS,
    preferredCounsellorId: row.preferred_counsellor_id,
    transferNote: row.transfer_note,
  };
}
