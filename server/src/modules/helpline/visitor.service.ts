// What a visitor can do: open a conversation (or leave a message when closed), come back with the
// resumption code, send messages (acknowledged only once committed, never stored twice), read, leave,
// and answer the survey. No HTTP or WebSocket here: the gateways call these functions.
import type { TPreChatRequest, TSurveyRequest } from '@abri/contracts';
import { detectRedFlags } from '@abri/redflags';
import { sql } from 'kysely';
import { type Db, inTransaction } from '../../database.ts';
import type { Bus } from '../../infra/bus.ts';
import type { Clock } from '../../infra/clock.ts';
import { AppError } from '../../infra/errors.ts';
import type { RateLimiter } from '../../infra/rate-limit.ts';
import { getSettings, openingStatus } from '../settings/index.ts';
import {
  generateResumeCode,
  generateVisitorToken,
  hashDeviceToken,
  hashResumeCode,
  hashVisitorToken,
} from './codes.ts';
import type { ChatActor } from './conversation.policy.ts';
import * as repo from './conversations.repository.ts';
import { type ChatEvent, publishChat, SUPERVISORS } from './events.ts';
import type { MessageWriter } from './message-writer.ts';
import { isVisibleToVisitor, presentMessage } from './presenter.ts';
import type { ConversationRow, MessageRow } from './tables.ts';

const URGENT_FLAGS = new Set(['self_harm', 'immediate_danger']);

export interface ChatDeps {
  db: Db;
  clock: Clock;
  bus: Bus;
  rateLimiter: RateLimiter;
  /** Batches message appends (the sockets pass their instance's writer); absent, messages go one by one. */
  writer?: MessageWriter;
}

/** A stored message as an event: staff get the author's name, the visitor only their alias. */
export function messageEvent(row: MessageRow, author: ChatActor | null = null): ChatEvent {
  return {
    kind: 'message',
    conversationId: row.conversation_id,
    message: presentMessage(row, author ? new Map([[author.id, author.name]]) : new Map(), 'staff'),
    visitorVisible: isVisibleToVisitor(row),
    authorId: row.author_id,
    visitorAuthorName: author?.alias ?? null,
  };
}

/** Adds a system message (shown to the visitor and staff) inside the caller's transaction. */
export async function systemMessage(
  db: Db,
  conversationId: string,
  event: string,
  body: string,
  now: Date,
): Promise<MessageRow> {
  return repo.appendOwnMessage(
    db,
    conversationId,
    { author: 'system', author_id: null, kind: 'event', body, event, client_id: null },
    now,
  );
}

export async function isBlocked(
  db: Db,
  deviceTokenHash: string,
  ipHash: string,
  now: Date,
): Promise<boolean> {
  const block = await db
    .selectFrom('visitor_blocks')
    .select('id')
    .where('until', '>', now)
    .where((eb) => eb.or([eb('device_token_hash', '=', deviceTokenHash), eb('ip_hash', '=', ipHash)]))
    .executeTakeFirst();
  return block !== undefined;
}

export interface Opened {
  conversation: ConversationRow;
  visitorToken: string;
  resumeCode: string;
}

export async function startConversation(
  deps: ChatDeps,
  input: TPreChatRequest,
  ipHash: string,
): Promise<Opened> {
  const now = deps.clock.now();
  const deviceHash = hashDeviceToken(input.deviceToken);
  if (await isBlocked(deps.db, deviceHash, ipHash, now)) throw new AppError('CHAT_BLOCKED');
  const settings = await getSettings(deps.db);
  const open = openingStatus(settings.openingHours, now).open;
  if (!open && !input.message) throw new AppError('CHAT_CLOSED');
  const visitorToken = generateVisitorToken();
  const resumeCode = generateResumeCode();
  const events: ChatEvent[] = [];
  const conversation = await inTransaction(deps.db, async (tx) => {
    let row = await tx
      .insertInto('conversations')
      .values({
        status: open ? 'queued' : 'left_message',
        audience: input.audience,
        age_band: input.ageBand,
        topic: input.topic,
        nickname: input.nickname || null,
        visitor_token_hash: hashVisitorToken(visitorToken),
        resume_code_hash: hashResumeCode(resumeCode),
        device_token_hash: deviceHash,
        ip_hash: ipHash,
        queued_at: now,
        created_at: now,
        last_visitor_activity_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.message) {
      const message = await repo.appendOwnMessage(
        tx,
        row.id,
        {
          author: 'visitor',
          author_id: null,
          kind: 'text',
          body: input.message,
          event: null,
          client_id: null,
        },
        now,
      );
      events.push(messageEvent(message));
      if (!open) {
        const ack = await systemMessage(
          tx,
          row.id,
          'left_message_received',
          'Your message has been received.',
          now,
        );
        events.push(messageEvent(ack));
      }
      row = (await repo.findConversation(tx, row.id))!;
    }
    return row;
  });
  await publishChat(deps.bus, [
    ...events,
    { kind: 'changed', conversationId: conversation.id },
    { kind: 'queue' },
  ]);
  return { conversation, visitorToken, resumeCode };
}

const REOPENABLE_END_REASONS = new Set(['resolved', 'visitor_left', 'disconnected']);

/** Back with the resumption code: a new token for this tab, and a closed conversation goes back in the queue. */
export async function resumeConversation(
  deps: ChatDeps,
  resumeCode: string,
  deviceToken: string,
  ipHash: string,
): Promise<Opened> {
  const now = deps.clock.now();
  const found = await repo.findByResumeCode(deps.db, hashResumeCode(resumeCode));
  if (!found) throw new AppError('CHAT_RESUME_INVALID');
  if (await isBlocked(deps.db, hashDeviceToken(deviceToken), ipHash, now)) throw new AppError('CHAT_BLOCKED');
  if (await isBlocked(deps.db, found.device_token_hash, found.ip_hash, now))
    throw new AppError('CHAT_BLOCKED');
  const visitorToken = generateVisitorToken();
  const events: ChatEvent[] = [
    {
      kind: 'kick',
      conversationId: found.id,
      reason: 'replaced',
      keepTokenHash: hashVisitorToken(visitorToken),
    },
  ];
  const conversation = await inTransaction(deps.db, async (tx) => {
    const row = (await repo.lockConversation(tx, found.id))!;
    const reopen = row.status === 'ended' && REOPENABLE_END_REASONS.has(row.end_reason ?? '');
    const updated = await repo.updateConversation(tx, row.id, {
      visitor_token_hash: hashVisitorToken(visitorToken),
      device_token_hash: hashDeviceToken(deviceToken),
      ip_hash: ipHash,
      last_visitor_activity_at: now,
      ...(reopen
        ? {
            status: openingStatus((await getSettings(tx)).openingHours, now).open
              ? ('queued' as const)
              : ('left_message' as const),
            queued_at: now,
            preferred_counsellor_id: row.counsellor_id,
            counsellor_id: null,
            ended_at: null,
            end_reason: null,
            survey_done: false,
            visitor_warned_at: null,
            idle_prompted_at: null,
          }
        : {}),
    });
    return updated!;
  });
  events.push({ kind: 'changed', conversationId: conversation.id }, { kind: 'queue' });
  await publishChat(deps.bus, events);
  return { conversation, visitorToken, resumeCode };
}

export async function conversationForToken(db: Db, visitorToken: string): Promise<ConversationRow> {
  const conversation = await repo.findByVisitorToken(db, hashVisitorToken(visitorToken));
  if (!conversation) throw new AppError('CHAT_TOKEN_INVALID');
  return conversation;
}

export async function visitorSend(
  deps: ChatDeps,
  conversationId: string,
  clientId: string,
  text: string,
  perMinute: number,
): Promise<{ seq: number; at: string }> {
  const limit = await deps.rateLimiter.hit(`chat-visitor:${conversationId}`, perMinute, 60_000);
  if (!limit.allowed)
    throw new AppError('CHAT_RATE_LIMITED', { message: `retry after ${limit.retryAfter}s` });
  const now = deps.clock.now();
  // The detector is pure and takes well under a millisecond: every visitor message goes through it.
  const redFlags = detectRedFlags(text);
  const message = {
    author: 'visitor' as const,
    author_id: null,
    kind: 'text' as const,
    body: text,
    event: null,
    client_id: clientId,
    red_flags: redFlags,
  };
  // Any word from the visitor resets the silence timers.
  const outcome = deps.writer
    ? await deps.writer.append({ conversationId, message, allowEnded: false, touch: 'visitor' })
    : await repo.appendMessage(deps.db, conversationId, message, now, {
        touch: { last_visitor_activity_at: now, visitor_warned_at: null, idle_prompted_at: null },
      });
  // A resend of an already stored message is acknowledged again, even after the end, and published again:
  // the instance that stored it may have stopped before telling anyone. Receivers drop what they have.
  if (outcome.kind === 'duplicate') {
    await publishChat(deps.bus, [messageEvent(outcome.row)]);
    return { seq: outcome.row.seq, at: outcome.row.created_at.toISOString() };
  }
  if (outcome.kind === 'ended') throw new AppError('CHAT_CONVERSATION_ENDED');
  if (outcome.kind !== 'stored') throw new AppError('CHAT_TOKEN_INVALID');
  const urgent = [...new Set(redFlags.map((f) => f.flag).filter((flag) => URGENT_FLAGS.has(flag)))];
  await publishChat(deps.bus, [
    messageEvent(outcome.row),
    // Self-harm and immediate danger reach every supervisor on duty, not only the counsellor in charge.
    ...(urgent.length
      ? [
          {
            kind: 'alert' as const,
            userId: SUPERVISORS,
            conversationId,
            code: 'red_flag' as const,
            message: urgent.join(','),
          },
        ]
      : []),
  ]);
  return { seq: outcome.row.seq, at: outcome.row.created_at.toISOString() };
}

/** The visitor has read the counsellor's messages up to `seq` (kept for the record; nobody is notified). */
export async function visitorRead(deps: ChatDeps, conversationId: string, seq: number): Promise<void> {
  await deps.db
    .updateTable('conversations')
    .set({ visitor_read_seq: sql<number>`greatest(visitor_read_seq, least(${seq}, last_seq))` })
    .where('id', '=', conversationId)
    .where('visitor_read_seq', '<', seq)
    .execute();
}

export async function setVisitorOnline(
  deps: ChatDeps,
  conversationId: string,
  online: boolean,
): Promise<void> {
  const now = deps.clock.now();
  await repo.updateConversation(deps.db, conversationId, {
    visitor_online: online,
    visitor_seen_at: now,
    ...(online ? { last_visitor_activity_at: now } : {}),
  });
  await publishChat(deps.bus, [{ kind: 'changed', conversationId }]);
}

export async function touchVisitor(deps: ChatDeps, conversationId: string): Promise<void> {
  await repo.updateConversation(deps.db, conversationId, {
    visitor_online: true,
    visitor_seen_at: deps.clock.now(),
  });
}

export async function recordSurvey(deps: ChatDeps, input: TSurveyRequest): Promise<void> {
  const conversation = await conversationForToken(deps.db, input.visitorToken);
  if (conversation.status !== 'ended')
    throw new AppError('CHAT_CONVERSATION_ENDED', {
      userMessage: 'The survey opens once the conversation has ended.',
    });
  await inTransaction(deps.db, async (tx) => {
    const claimed = await tx
      .updateTable('conversations')
      .set({ survey_done: true })
      .where('id', '=', conversation.id)
      .where('survey_done', '=', false)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('CHAT_SURVEY_DONE');
    // Only the day is kept with the answers, nothing that leads back to the conversation.
    await tx
      .insertInto('chat_surveys')
      .values({
        day: deps.clock.now().toISOString().slice(0, 10),
        helped: input.helped ?? null,
        feel_better: input.feelBetter ?? null,
        contact_again: input.contactAgain ?? null,
      })
      .execute();
  });
}
