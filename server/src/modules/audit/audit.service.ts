// The audit trail is a hash chain: each entry stores the hash of the one before it, and audit_head keeps the
// newest, so any altered, removed or re-ordered entry is found by verifyAuditChain.
import { sql } from 'kysely';
import { type Db, inTransaction } from '../../database.ts';
import { sha256Hex } from '../../infra/crypto.ts';
import type { AuditActor, AuditEntry } from './events.ts';

const GENESIS = '0'.repeat(64);
// Serialises appends across connections and instances (any constant works; this one spells "audit").
const AUDIT_LOCK_KEY = 0x61756469;

/** JSON with object keys sorted at every depth, so that a value hashes the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

interface HashedFields {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  details: unknown;
}

export function entryHash(prevHash: string, row: HashedFields): string {
  const body = canonicalJson({
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    details: row.details,
  });
  return sha256Hex(`${prevHash}\n${body}`);
}

export async function recordAudit(db: Db, entry: AuditEntry, at: Date = new Date()): Promise<number> {
  return inTransaction(db, async (tx) => {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(tx);
    const head = await tx
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirst();
    const prevHash = head?.hash ?? GENESIS;
    const row: HashedFields = {
      seq: (head?.seq ?? 0) + 1,
      // Millisecond precision, as JavaScript dates have, so the stored value hashes back identically.
      at: new Date(Math.floor(at.getTime())),
      actor_id: entry.actor.id,
      actor_name: entry.actor.name,
      action: entry.action,
      subject_type: entry.subject?.type ?? null,
      subject_id: entry.subject?.id ?? null,
      details: JSON.parse(JSON.stringify(entry.details ?? {})),
    };
    const hash = entryHash(prevHash, row);
    await tx
      .insertInto('audit_events')
      .values({ ...row, details: JSON.stringify(row.details), prev_hash: prevHash, hash })
      .execute();
    await tx
      .insertInto('audit_head')
      .values({ id: 1, seq: row.seq, hash })
      .onConflict((oc) => oc.column('id').doUpdateSet({ seq: row.seq, hash }))
      .execute();
    return row.seq;
  });
}

/** Records that a staff member read a personal record; later modules call this on every read. */
export function recordRead(
  db: Db,
  actor: AuditActor,
  subject: { type: string; id: string },
  purpose?: string,
) {
  return recordAudit(db, { actor, action: 'record.read', subject, details: purpose ? { purpose } : {} });
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: string } | null;
}

/** Walks the whole chain in order, in pages, and names the first entry that does not hold. */
export async function verifyAuditChain(db: Db, pageSize = 1000): Promise<VerifyResult> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return broken(checked, expectedSeq, `entry #${expectedSeq} is missing (deleted)`);
      }
      if (row.prev_hash !== prevHash) {
        return broken(checked, row.seq, `entry #${row.seq} does not follow the entry before it`);
      }
      if (entryHash(prevHash, row) !== row.hash) {
        return broken(checked, row.seq, `entry #${row.seq} was altered after it was written`);
      }
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < pageSize) break;
  }
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  const lastSeq = expectedSeq - 1;
  if (head && (head.seq !== lastSeq || head.hash !== prevHash)) {
    return broken(
      checked,
      lastSeq + 1,
      `entry #${lastSeq + 1} and later are missing (the newest entries were deleted)`,
    );
  }
  if (!head && checked > 0) return broken(checked, 1, 'the chain head record is missing');
  return { ok: true, checked, firstBroken: null };
}

function broken(checked: number, seq: number, reason: string): VerifyResult {
  return { ok: false, checked, firstBroken: { seq, reason } };
}
