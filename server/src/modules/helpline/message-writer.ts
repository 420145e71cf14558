// Group commit for chat messages: appends arriving together (from many conversations) are written in one
// statement, so a busy helpline pays one round trip and one WAL flush per batch instead of per message.
// Each caller still gets its own outcome, and is answered only after the batch has committed.
import { sql } from 'kysely';
import type { Db } from '../../database.ts';
import type { Clock } from '../../infra/clock.ts';
import {
  type AppendOutcome,
  appendMessage,
  flagsParam,
  type NewMessage,
} from './conversations.repository.ts';
import type { MessageRow } from './tables.ts';

export interface AppendRequest {
  conversationId: string;
  message: NewMessage & { client_id: string };
  /** Only if this person is the counsellor in charge. */
  counsellorId?: string;
  allowEnded: boolean;
  /** Reset the visitor's silence timers (a visitor wrote) or the counsellor's prompt (a counsellor wrote). */
  touch: 'visitor' | 'counsellor' | 'none';
}

interface Pending {
  request: AppendRequest;
  resolve: (outcome: AppendOutcome) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 200;
const MAX_IN_FLIGHT = 4;

export class MessageWriter {
  #queue: Pending[] = [];
  #inFlight = 0;
  #scheduled = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  append(request: AppendRequest): Promise<AppendOutcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ request, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#inFlight >= MAX_IN_FLIGHT || this.#queue.length === 0) return;
    this.#scheduled = true;
    // Wait for the current burst of socket frames to be read, then write them together.
    setImmediate(() => {
      this.#scheduled = false;
      while (this.#queue.length > 0 && this.#inFlight < MAX_IN_FLIGHT) {
        const batch = this.#queue.splice(0, MAX_BATCH);
        this.#inFlight += 1;
        this.#flush(batch).finally(() => {
          this.#inFlight -= 1;
          this.#schedule();
        });
      }
    });
  }

  async #flush(batch: Pending[]): Promise<void> {
    const now = this.clock.now();
    let stored: MessageRow[];
    try {
      stored = await writeBatch(
        this.db,
        batch.map((p) => p.request),
        now,
      );
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    const byKey = new Map(stored.map((row) => [`${row.conversation_id}/${row.client_id}`, row]));
    for (const pending of batch) {
      const { conversationId, message } = pending.request;
      const row = byKey.get(`${conversationId}/${message.client_id}`);
      if (row) {
        // The first of two identical requests in one batch stored it; the second is a duplicate.
        byKey.delete(`${conversationId}/${message.client_id}`);
        pending.resolve({ kind: 'stored', row });
        continue;
      }
      // Not stored by the batch: a resend, an ended conversation, a counsellor no longer in charge...
      // The one-by-one path tells which, precisely (and stores it if it has become possible).
      appendMessage(this.db, conversationId, message, now, {
        allowEnded: pending.request.allowEnded,
        ...(pending.request.counsellorId ? { counsellorId: pending.request.counsellorId } : {}),
      }).then(pending.resolve, pending.reject);
    }
  }
}

/** One statement: checks, numbering per conversation in arrival order, counters, and the inserts. */
async function writeBatch(db: Db, requests: AppendRequest[], now: Date): Promise<MessageRow[]> {
  const rows = requests.map(
    (r, ord) =>
      sql`(${ord}::int, ${r.conversationId}::uuid, ${r.message.author}::text, ${r.message.author_id}::uuid, ${r.message.kind}::text, ${r.message.body}::text, ${r.message.client_id}::text, ${r.counsellorId ?? null}::uuid, ${r.allowEnded}::boolean, ${r.touch === 'visitor'}::boolean, ${r.touch === 'counsellor'}::boolean, ${flagsParam(r.message)}::jsonb)`,
  );
  const result = await sql<MessageRow>`
    with input (ord, conversation_id, author, author_id, kind, body, client_id, required_counsellor, allow_ended, visitor_touch, counsellor_touch, red_flags) as (
      values ${sql.join(rows)}
    ),
    eligible as (
      select distinct on (i.conversation_id, i.client_id) i.*
      from input i
      join conversations c on c.id = i.conversation_id
      where (i.allow_ended or c.status <> 'ended')
        and (i.required_counsellor is null or c.counsellor_id = i.required_counsellor)
        and not exists (select 1 from messages m where m.conversation_id = i.conversation_id and m.client_id = i.client_id)
      order by i.conversation_id, i.client_id, i.ord
    ),
    counts as (
      select conversation_id, count(*)::int as n, bool_or(visitor_touch) as vt, bool_or(counsellor_touch) as ct
      from eligible group by conversation_id
    ),
    bumped as (
      update conversations c
      set last_seq = c.last_seq + counts.n,
          last_message_at = ${now},
          last_visitor_activity_at = case when counts.vt then ${now} else c.last_visitor_activity_at end,
          visitor_warned_at = case when counts.vt then null else c.visitor_warned_at end,
          idle_prompted_at = case when counts.vt or counts.ct then null else c.idle_prompted_at end
      from counts
      where c.id = counts.conversation_id
      returning c.id, c.last_seq, counts.n
    ),
    numbered as (
      select e.*, b.last_seq - b.n + row_number() over (partition by e.conversation_id order by e.ord) as seq
      from eligible e join bumped b on b.id = e.conversation_id
    )
    insert into messages (conversation_id, seq, author, author_id, kind, body, event, client_id, red_flags, created_at)
    select conversation_id, seq, author, author_id, kind, body, null, client_id, red_flags, ${now} from numbered
    on conflict do nothing
    returning *`.execute(db);
  return result.rows;
}
