// What counsellors and supervisors do with conversations: routing from the queue, picking, transferring,
// ending, taking over, blocking, writing (messages, advice cards, internal notes, whispers) and reading.
import type { TChatCard, TEndReason } from '@abri/contracts';
import { sql } from 'kysely';
import { type Db, inTransaction } from '../../database.ts';
import { AppError } from '../../infra/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { getSettings } from '../settings/index.ts';
import { encodeCard } from './advice-card.ts';
import { type ChatActor, canManageConversation, isSupervisor } from './conversation.policy.ts';
import * as repo from './conversations.repository.ts';
import { type ChatEvent, publishChat } from './events.ts';
import { chooseCounsellor, counsellorLoads } from './presence.ts';
import type { ConversationRow } from './tables.ts';
import { type ChatDeps, messageEvent, systemMessage } from './visitor.service.ts';

// Serialises routing decisions across instances ("chat" in ASCII).
const ROUTING_LOCK_KEY = 0x63686174;

async function lockRouting(tx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${ROUTING_LOCK_KEY})`.execute(tx);
}

async function getOrFail(db: Db, id: string, lock = false): Promise<ConversationRow> {
  const row = lock ? await repo.lockConversation(db, id) : await repo.findConversation(db, id);
  if (!row) throw new AppError('CHAT_CONVERSATION_NOT_FOUND');
  return row;
}

/** Gives a conversation to a counsellor inside the caller's transaction; returns the events to publish. */
async function assign(
  tx: Db,
  conversation: ConversationRow,
  counsellorId: string,
  now: Date,
): Promise<ChatEvent[]> {
  await repo.updateConversation(tx, conversation.id, {
    status: 'active',
    counsellor_id: counsellorId,
    assigned_at: now,
    idle_prompted_at: null,
    visitor_warned_at: null,
  });
  await tx
    .updateTable('counsellor_presence')
    .set({ last_assigned_at: now })
    .where('user_id', '=', counsellorId)
    .execute();
  const joined = await systemMessage(
    tx,
    conversation.id,
    'counsellor_joined',
    'A counsellor has joined the conversation.',
    now,
  );
  return [
    messageEvent(joined),
    { kind: 'changed', conversationId: conversation.id },
    {
      kind: 'alert',
      userId: counsellorId,
      conversationId: conversation.id,
      code: 'assigned',
      message: 'New conversation',
    },
    { kind: 'queue' },
  ];
}

/** Automatic routing: hands waiting conversations to available counsellors while places are free. */
export async function routeWaiting(deps: ChatDeps): Promise<number> {
  const now = deps.clock.now();
  const settings = await getSettings(deps.db);
  if (settings.chat.assignmentMode !== 'auto') return 0;
  const events: ChatEvent[] = [];
  const assigned = await inTransaction(deps.db, async (tx) => {
    await lockRouting(tx);
    const waiting = await repo.openConversations(tx, ['queued']);
    if (waiting.length === 0) return 0;
    const loads = await counsellorLoads(tx);
    let count = 0;
    for (const conversation of waiting) {
      const counsellor = chooseCounsellor(loads, conversation.preferred_counsellor_id, now);
      if (!counsellor) break;
      events.push(...(await assign(tx, conversation, counsellor.userId, now)));
      counsellor.conversationIds.push(conversation.id);
      counsellor.lastAssignedAt = now;
      count += 1;
    }
    return count;
  });
  await publishChat(deps.bus, events);
  return assigned;
}

export async function pickConversation(
  deps: ChatDeps,
  actor: ChatActor,
  id: string,
): Promise<ConversationRow> {
  const now = deps.clock.now();
  const events = await inTransaction(deps.db, async (tx) => {
    await lockRouting(tx);
    const conversation = await getOrFail(tx, id, true);
    if (conversation.status !== 'queued' && conversation.status !== 'left_message')
      throw new AppError('CHAT_NOT_WAITING');
    const mine = await repo.counsellorConversations(tx, actor.id);
    const presence = await tx
      .selectFrom('counsellor_presence')
      .select('capacity')
      .where('user_id', '=', actor.id)
      .executeTakeFirst();
    if (mine.length >= (presence?.capacity ?? 3)) throw new AppError('CHAT_CAPACITY_FULL');
    return assign(tx, conversation, actor.id, now);
  });
  await publishChat(deps.bus, events);
  return getOrFail(deps.db, id);
}

export async function transferConversation(
  deps: ChatDeps,
  actor: ChatActor,
  id: string,
  toCounsellorId: string | null,
  note: string | undefined,
): Promise<ConversationRow> {
  const now = deps.clock.now();
  const events = await inTransaction(deps.db, async (tx) => {
    await lockRouting(tx);
    const conversation = await getOrFail(tx, id, true);
    if (!canManageConversation(actor, conversation)) throw new AppError('CHAT_NOT_ASSIGNED');
    if (conversation.status !== 'active') throw new AppError('CHAT_CONVERSATION_ENDED');
    const notice = await systemMessage(
      tx,
      id,
      'transferred',
      'You are being put through to another counsellor.',
      now,
    );
    const out: ChatEvent[] = [messageEvent(notice)];
    await repo.updateConversation(tx, id, { transfer_note: note || null, preferred_counsellor_id: null });
    if (toCounsellorId === null) {
      // Back to the queue ahead of newer arrivals: it keeps its original place in time.
      await repo.updateConversation(tx, id, {
        status: 'queued',
        counsellor_id: null,
        queued_at: conversation.created_at,
      });
      out.push({ kind: 'changed', conversationId: id }, { kind: 'queue' });
      return out;
    }
    const loads = await counsellorLoads(tx);
    const target = loads.find((load) => load.userId === toCounsellorId);
    if (!target || target.presence === 'offline' || toCounsellorId === conversation.counsellor_id) {
      throw new AppError('CHAT_COUNSELLOR_UNAVAILABLE');
    }
    out.push(...(await assign(tx, conversation, toCounsellorId, now)));
    out.push({
      kind: 'alert',
      userId: toCounsellorId,
      conversationId: id,
      code: 'transferred',
      message: note ?? '',
    });
    return out;
  });
  await publishChat(deps.bus, events);
  void routeWaiting(deps);
  return getOrFail(deps.db, id);
}

export async function endConversation(
  deps: ChatDeps,
  actor: ChatActor | null,
  id: string,
  reason: TEndReason,
): Promise<ConversationRow> {
  const now = deps.clock.now();
  const events = await inTransaction(deps.db, async (tx) => {
    const conversation = await getOrFail(tx, id, true);
    if (actor && !canManageConversation(actor, conversation)) {
      // Counsellors may close a waiting left message they are reading? No: only what they hold.
      throw new AppError('CHAT_NOT_ASSIGNED');
    }
    if (conversation.status === 'ended') return [];
    await repo.updateConversation(tx, id, { status: 'ended', ended_at: now, end_reason: reason });
    const ended = await systemMessage(tx, id, 'ended', 'The conversation has ended.', now);
    return [messageEvent(ended), { kind: 'changed', conversationId: id }, { kind: 'queue' }] as ChatEvent[];
  });
  await publishChat(deps.bus, events);
  if (events.length) void routeWaiting(deps);
  return getOrFail(deps.db, id);
}

export async function takeOverConversation(
  deps: ChatDeps,
  actor: ChatActor,
  id: string,
): Promise<ConversationRow> {
  if (!isSupervisor(actor)) throw new AppError('AUTH_FORBIDDEN');
  const now = deps.clock.now();
  const events = await inTransaction(deps.db, async (tx) => {
    const conversation = await getOrFail(tx, id, true);
    if (conversation.status === 'ended') throw new AppError('CHAT_CONVERSATION_ENDED');
    if (conversation.counsellor_id === actor.id) return [];
    const previous = conversation.counsellor_id;
    await tx
      .insertInto('counsellor_presence')
      .values({ user_id: actor.id })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    const out = await assign(tx, conversation, actor.id, now);
    if (previous)
      out.push({
        kind: 'alert',
        userId: previous,
        conversationId: id,
        code: 'taken_over',
        message: actor.name,
      });
    return out;
  });
  await publishChat(deps.bus, events);
  return getOrFail(deps.db, id);
}

export async function blockVisitor(
  deps: ChatDeps,
  actor: ChatActor,
  id: string,
  hours: number,
  reason: string | undefined,
): Promise<void> {
  if (!isSupervisor(actor)) throw new AppError('AUTH_FORBIDDEN');
  const now = deps.clock.now();
  const until = new Date(now.getTime() + hours * 3_600_000);
  await inTransaction(deps.db, async (tx) => {
    const conversation = await getOrFail(tx, id, true);
    await tx
      .insertInto('visitor_blocks')
      .values({
        device_token_hash: conversation.device_token_hash,
        ip_hash: conversation.ip_hash,
        until,
        reason: reason || null,
        created_by: actor.id,
      })
      .execute();
    await recordAudit(
      tx,
      { actor, action: 'chat.visitor_blocked', subject: { type: 'conversation', id }, details: { hours } },
      now,
    );
  });
  await endConversation(deps, null, id, 'abusive');
  await publishChat(deps.bus, [{ kind: 'kick', conversationId: id, reason: 'blocked' }]);
}

/** What staff write: a text (to the visitor, a note, a whisper) or an advice card to the visitor. */
export type StaffMessage =
  | { kind: 'text' | 'note' | 'whisper'; text: string }
  | { kind: 'card'; card: TChatCard };

export async function staffSend(
  deps: ChatDeps,
  actor: ChatActor,
  conversationId: string,
  clientId: string,
  outgoing: StaffMessage,
): Promise<{ seq: number; at: string }> {
  const now = deps.clock.now();
  const { kind } = outgoing;
  // Writing to the visitor (a text or a card): only the counsellor in charge, checked in the same statement
  // as the append. A note: the counsellor in charge or a supervisor. A whisper: a supervisor.
  const supervisor = isSupervisor(actor);
  const toVisitor = kind === 'text' || kind === 'card';
  if (kind === 'whisper' && !supervisor) throw new AppError('CHAT_NOT_ASSIGNED');
  const mustHold = toVisitor || (kind === 'note' && !supervisor);
  // Staff-authored: never run through the red-flag detector (which looks at what visitors say).
  const message = {
    author: 'counsellor' as const,
    author_id: actor.id,
    kind,
    body: outgoing.kind === 'card' ? encodeCard(outgoing.card) : outgoing.text,
    event: null,
    client_id: clientId,
  };
  // Notes may still be added to an ended conversation (a last observation); messages to the visitor not.
  const allowEnded = !toVisitor;
  const holder = mustHold ? { counsellorId: actor.id } : {};
  const outcome = deps.writer
    ? await deps.writer.append({
        conversationId,
        message,
        allowEnded,
        touch: toVisitor ? 'counsellor' : 'none',
        ...holder,
      })
    : await repo.appendMessage(deps.db, conversationId, message, now, {
        allowEnded,
        touch: toVisitor ? { idle_prompted_at: null } : {},
        ...holder,
      });
  if (outcome.kind === 'not_assigned') throw new AppError('CHAT_NOT_ASSIGNED');
  if (outcome.kind === 'ended') throw new AppError('CHAT_CONVERSATION_ENDED');
  if (outcome.kind === 'missing') throw new AppError('CHAT_CONVERSATION_NOT_FOUND');
  // A duplicate is published again too (see visitorSend); receivers drop what they already have.
  await publishChat(deps.bus, [messageEvent(outcome.row, actor)]);
  return { seq: outcome.row.seq, at: outcome.row.created_at.toISOString() };
}

/** The counsellor in charge has seen the visitor's messages up to `seq`. */
export async function staffRead(
  deps: ChatDeps,
  actor: ChatActor,
  conversationId: string,
  seq: number,
): Promise<void> {
  const updated = await deps.db
    .updateTable('conversations')
    .set({
      counsellor_read_seq: sql<number>`greatest(counsellor_read_seq, least(${seq}, last_seq))`,
      counsellor_delivered_seq: sql<number>`greatest(counsellor_delivered_seq, least(${seq}, last_seq))`,
    })
    .where('id', '=', conversationId)
    .where('counsellor_id', '=', actor.id)
    .where('counsellor_read_seq', '<', seq)
    .returning(['counsellor_delivered_seq', 'counsellor_read_seq'])
    .executeTakeFirst();
  if (updated) await publishReceipt(deps, conversationId, updated);
}

/** The counsellors' consoles have received the visitors' messages up to these numbers (one statement). */
export async function markDelivered(
  deps: ChatDeps,
  marks: Array<[conversationId: string, seq: number]>,
): Promise<void> {
  if (marks.length === 0) return;
  const values = sql.join(marks.map(([id, seq]) => sql`(${id}::uuid, ${seq}::int)`));
  const result = await sql<{ id: string; counsellor_delivered_seq: number; counsellor_read_seq: number }>`
    update conversations c
    set counsellor_delivered_seq = greatest(c.counsellor_delivered_seq, least(v.seq, c.last_seq))
    from (values ${values}) as v(id, seq)
    where c.id = v.id and c.counsellor_delivered_seq < v.seq
    returning c.id, c.counsellor_delivered_seq, c.counsellor_read_seq`.execute(deps.db);
  await publishChat(
    deps.bus,
    result.rows.map((row) => ({
      kind: 'receipt',
      conversationId: row.id,
      deliveredSeq: row.counsellor_delivered_seq,
      readSeq: row.counsellor_read_seq,
    })),
  );
}

function publishReceipt(
  deps: ChatDeps,
  conversationId: string,
  row: { counsellor_delivered_seq: number; counsellor_read_seq: number },
) {
  return publishChat(deps.bus, [
    {
      kind: 'receipt',
      conversationId,
      deliveredSeq: row.counsellor_delivered_seq,
      readSeq: row.counsellor_read_seq,
    },
  ]);
}
