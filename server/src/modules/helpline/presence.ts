// Counsellors' presence and capacity, and the load figures that routing and the supervisor board use.
import type { TBoard, TPresence } from '@abri/contracts';
import { sql } from 'kysely';
import type { Db } from '../../database.ts';

export type Presence = TPresence;

/** A counsellor whose console has not been heard from for this long is not offered new chats. */
export const PRESENCE_STALE_MS = 90_000;

export interface CounsellorLoad {
  userId: string;
  displayName: string;
  presence: Presence;
  capacity: number;
  lastAssignedAt: Date | null;
  seenAt: Date | null;
  conversationIds: string[];
}

export async function ensurePresence(db: Db, userId: string, defaultCapacity: number) {
  await db
    .insertInto('counsellor_presence')
    .values({ user_id: userId, capacity: defaultCapacity })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  return db
    .selectFrom('counsellor_presence')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
}

export async function setPresence(
  db: Db,
  userId: string,
  presence: Presence,
  capacity: number | undefined,
  now: Date,
) {
  return db
    .updateTable('counsellor_presence')
    .set({ presence, ...(capacity ? { capacity } : {}), seen_at: now, updated_at: now })
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function touchPresence(db: Db, userId: string, now: Date): Promise<void> {
  await db.updateTable('counsellor_presence').set({ seen_at: now }).where('user_id', '=', userId).execute();
}

/** Everyone who answers chats and is not offline, or still holds a conversation. */
export async function counsellorLoads(db: Db): Promise<CounsellorLoad[]> {
  const rows = await db
    .selectFrom('counsellor_presence as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .leftJoin('conversations as c', (join) =>
      join.onRef('c.counsellor_id', '=', 'p.user_id').on('c.status', '=', 'active'),
    )
    .select([
      'p.user_id',
      'u.display_name',
      'p.presence',
      'p.capacity',
      'p.last_assigned_at',
      'p.seen_at',
      sql<
        string[]
      >`coalesce(array_agg(c.id order by c.assigned_at) filter (where c.id is not null), '{}')`.as(
        'conversation_ids',
      ),
    ])
    .where('u.disabled_at', 'is', null)
    .groupBy(['p.user_id', 'u.display_name', 'p.presence', 'p.capacity', 'p.last_assigned_at', 'p.seen_at'])
    .having((eb) => eb.or([eb('p.presence', '!=', 'offline'), eb(sql`count(c.id)`, '>', 0)]))
    .orderBy('u.display_name')
    .execute();
  return rows.map((row) => ({
    userId: row.user_id,
    displayName: row.display_name,
    presence: row.presence,
    capacity: row.capacity,
    lastAssignedAt: row.last_assigned_at,
    seenAt: row.seen_at,
    conversationIds: row.conversation_ids,
  }));
}

export function canTakeMore(load: CounsellorLoad, now: Date): boolean {
  const fresh = load.seenAt !== null && now.getTime() - load.seenAt.getTime() < PRESENCE_STALE_MS;
  return load.presence === 'available' && fresh && load.conversationIds.length < load.capacity;
}

/**
 * Who gets the next conversation: the counsellor the visitor had before if they can take it, otherwise
 * the available counsellor with the most free places, the one idle longest first.
 */
export function chooseCounsellor(
  loads: CounsellorLoad[],
  preferredId: string | null,
  now: Date,
): CounsellorLoad | null {
  const candidates = loads.filter((load) => canTakeMore(load, now));
  const preferred = preferredId ? candidates.find((load) => load.userId === preferredId) : undefined;
  if (preferred) return preferred;
  candidates.sort((a, b) => {
    const free = b.capacity - b.conversationIds.length - (a.capacity - a.conversationIds.length);
    if (free !== 0) return free;
    return (a.lastAssignedAt?.getTime() ?? 0) - (b.lastAssignedAt?.getTime() ?? 0);
  });
  return candidates[0] ?? null;
}

const DEFAULT_HANDLING_MINUTES = 30;

/** Average handling time of recent chats, in minutes (30, the helpline norm, until there is history). */
export async function averageHandlingMinutes(db: Db, now: Date): Promise<number> {
  const since = new Date(now.getTime() - 7 * 86_400_000);
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('conversations')
        .select(sql<number>`extract(epoch from (ended_at - assigned_at))`.as('seconds'))
        .where('status', '=', 'ended')
        .where('assigned_at', 'is not', null)
        .where('ended_at', '>=', since)
        .orderBy('ended_at', 'desc')
        .limit(50)
        .as('recent'),
    )
    .select([sql<number | null>`avg(seconds)`.as('avg'), sql<number>`count(*)::int`.as('count')])
    .executeTakeFirstOrThrow();
  if (!row.count || row.avg === null) return DEFAULT_HANDLING_MINUTES;
  return Math.max(1, Number(row.avg) / 60);
}

/** Minutes until a counsellor answers the visitor at this queue position, or null if nobody is on duty. */
export function estimateWaitMinutes(
  position: number,
  loads: CounsellorLoad[],
  handlingMinutes: number,
  now: Date,
): number | null {
  const onDuty = loads.filter(
    (load) =>
      load.presence === 'available' &&
      load.seenAt &&
      now.getTime() - load.seenAt.getTime() < PRESENCE_STALE_MS,
  );
  const capacity = onDuty.reduce((sum, load) => sum + load.capacity, 0);
  if (capacity === 0) return null;
  const free = onDuty.reduce(
    (sum, load) => sum + Math.max(0, load.capacity - load.conversationIds.length),
    0,
  );
  if (position <= free) return 1;
  // Each place frees up on average every handlingMinutes; `capacity` places work in parallel.
  return Math.max(1, Math.ceil(((position - free) * handlingMinutes) / capacity));
}

export function presentBoard(
  loads: CounsellorLoad[],
  queued: Array<{ queued_at: Date | null; status: string }>,
  mode: 'auto' | 'manual',
  now: Date,
): TBoard {
  const waiting = queued.filter((c) => c.status === 'queued');
  const oldest = waiting.reduce<Date | null>(
    (min, c) => (c.queued_at && (!min || c.queued_at < min) ? c.queued_at : min),
    null,
  );
  return {
    queueLength: waiting.length,
    longestWaitSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : null,
    leftMessages: queued.filter((c) => c.status === 'left_message').length,
    counsellors: loads.map((load) => ({
      userId: load.userId,
      displayName: load.displayName,
      presence: load.presence,
      capacity: load.capacity,
      activeConversations: load.conversationIds.length,
      conversationIds: load.conversationIds,
    })),
    assignmentMode: mode,
  };
}
