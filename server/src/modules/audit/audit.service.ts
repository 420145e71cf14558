// The audit trail is a keyed chain: each entry stores the link of the one before it and its own link, an
// HMAC under a key that is not in the database (chain.ts); audit_head keeps the newest, and anchors outside
// the database (anchors.ts, trail.ts) keep signed copies of the head, so that verifyAuditChain names any
// altered, removed or re-ordered entry, the newest included.
import { sql } from 'kysely';
import { type Db, inTransaction } from '../../database.ts';
import { type AnchorSet, type HeadAnchor, type ReadAnchor, readAnchors } from './anchors.ts';
import { entryLink, GENESIS, type HashedFields, SCHEME_HMAC, SCHEME_SHA256 } from './chain.ts';
import type { AuditActor, AuditEntry } from './events.ts';
import { trailOf } from './trail.ts';

// Serialises appends across connections and instances (any constant works; this one spells "audit").
const AUDIT_LOCK_KEY = 0x61756469;

/** Appends an entry, linked with the key of the trail `db` is bound to (see trail.ts). */
export async function recordAudit(db: Db, entry: AuditEntry, at: Date = new Date()): Promise<number> {
  const key = trailOf(db).chainKey;
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
    const hash = entryLink(SCHEME_HMAC, key, prevHash, row)!;
    await tx
      .insertInto('audit_events')
      .values({
        ...row,
        details: JSON.stringify(row.details),
        prev_hash: prevHash,
        hash,
        scheme: SCHEME_HMAC,
      })
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

export interface VerifyOptions {
  /** Walk every entry from the first, ignoring the last verified point. */
  full?: boolean;
  /** The anchor files to check (default: this instance's AUDIT_ANCHOR_FILE); several instances, several files. */
  anchorFiles?: string[];
  /** Remember the point reached when everything held, for the next verification (default true). */
  remember?: boolean;
  pageSize?: number;
}

export interface VerifyResult {
  /** True when the chain holds and no anchor contradicts it (warnings may remain). */
  ok: boolean;
  /** Entries walked (from `from` on). */
  checked: number;
  firstBroken: { seq: number; reason: string } | null;
  /** 'incremental': only the entries after the last verified point were walked, that point re-checked. */
  mode: 'full' | 'incremental';
  /** The first entry walked. */
  from: number;
  /** The newest entry found. */
  lastSeq: number;
  /** What does not hold besides the chain itself (forged anchor lines). */
  problems: string[];
  /** What keeps the verification from being complete (no anchors, an unreadable anchor file). */
  warnings: string[];
  anchors: {
    files: { file: string; lines: number; error: string | null }[];
    heads: number;
    latest: { seq: number; at: string; instance: string } | null;
  };
}

interface Row extends HashedFields {
  seq: number;
  prev_hash: string;
  hash: string;
  scheme: number;
}

// How far around its place a moved entry is looked for, to name a reordering rather than an alteration.
const REORDER_WINDOW = 256;

function describeAnchor(anchor: ReadAnchor<HeadAnchor>): string {
  return `the anchor of ${anchor.record.at} (${anchor.record.instance}, ${anchor.file} line ${anchor.line})`;
}

/** Why an entry does not hold, or null. `keyed`: an entry before it was already keyed. */
function checkEntry(row: Row, key: Buffer, prevHash: string, keyed: boolean): string | null {
  if (row.scheme === SCHEME_SHA256 && keyed)
    return `entry #${row.seq} is not keyed though entries before it are: it was rewritten or inserted without the key`;
  const link = entryLink(row.scheme, key, row.prev_hash, row);
  if (link === null) return `entry #${row.seq} names an unknown link scheme (${row.scheme})`;
  if (link !== row.hash) {
    for (let distance = 1; distance <= REORDER_WINDOW; distance += 1) {
      for (const seq of [row.seq - distance, row.seq + distance]) {
        if (seq >= 1 && entryLink(row.scheme, key, row.prev_hash, { ...row, seq }) === row.hash)
          return `entry #${row.seq} holds the entry written as #${seq}: entries were reordered`;
      }
    }
    return `entry #${row.seq} was altered after it was written`;
  }
  if (row.prev_hash !== prevHash) return `entry #${row.seq} does not follow the entry before it`;
  return null;
}

/**
 * Walks the chain in order, in pages, and names the first entry that does not hold; then compares the
 * anchors kept outside the database with what it found: an anchored head newer than the newest entry means
 * the newest entries were deleted (even with audit_head rewritten to match), an anchored hash that differs
 * means a rewritten entry, a line with a bad signature a forged anchor. Without `full`, it starts from the
 * last point a verification found intact (a signed state file beside the anchor file), after checking that
 * this entry is still the one it found, and reads each anchor file from where that verification stopped.
 */
export async function verifyAuditChain(db: Db, options: VerifyOptions = {}): Promise<VerifyResult> {
  const trail = trailOf(db);
  const key = trail.chainKey;
  const pageSize = options.pageSize ?? 5000;
  const files = options.anchorFiles ?? (trail.anchorFile ? [trail.anchorFile] : []);
  // Where to start: after the last verified point, if there is one and it still holds (checked below).
  const state = options.full ? null : trail.readVerified();
  const point = state && typeof state === 'object' && state.seq > 0 ? state : null;
  const anchors = readAnchors(trail.anchorKey, files, point?.files);
  const problems = anchors.forged.map(
    (line) => `line ${line.line} of ${line.file} is not a valid anchor: ${line.reason}`,
  );
  for (const file of anchors.shortened)
    problems.push(
      `anchor file ${file.file} is shorter than when it was last verified (${file.now} bytes, was ${file.was}): lines were removed`,
    );
  if (typeof state === 'string')
    problems.push(
      `the verification state ${trail.anchorFile}.verified does not hold (${state}); every entry was walked`,
    );
  const warnings = anchorWarnings(files, anchors);
  const heads = anchors.heads.filter((anchor) => anchor.record.seq > 0);
  const latest = heads.reduce<ReadAnchor<HeadAnchor> | null>(
    (best, anchor) =>
      !best ||
      anchor.record.seq > best.record.seq ||
      (anchor.record.seq === best.record.seq && anchor.record.at > best.record.at)
        ? anchor
        : best,
    null,
  );
  const result = (
    firstBroken: VerifyResult['firstBroken'],
    walk: { checked: number; mode: VerifyResult['mode']; from: number; lastSeq: number },
  ): VerifyResult => ({
    ok: !firstBroken && problems.length === 0,
    firstBroken,
    ...walk,
    problems,
    warnings,
    anchors: {
      files: anchors.files,
      heads: anchors.heads.length,
      latest: latest
        ? { seq: latest.record.seq, at: latest.record.at, instance: latest.record.instance }
        : null,
    },
  });

  let start = 1;
  let prevHash = GENESIS;
  let keyed = false;
  let mode: VerifyResult['mode'] = 'full';
  if (point) {
    const { seq, hash, at } = point;
    const row = (await db.selectFrom('audit_events').selectAll().where('seq', '=', seq).executeTakeFirst()) as
      | Row
      | undefined;
    const walk = { checked: 0, mode: 'incremental' as const, from: seq, lastSeq: seq };
    if (!row) {
      const last = await lastEntrySeq(db);
      walk.lastSeq = last;
      return result(
        last < seq
          ? {
              seq: last + 1,
              reason: `the newest entries down to #${last + 1} were deleted; the verification of ${at} saw #${seq}`,
            }
          : { seq, reason: `entry #${seq} is missing (deleted); the verification of ${at} found it intact` },
        walk,
      );
    }
    if (entryLink(row.scheme, key, row.prev_hash, row) !== row.hash || row.hash !== hash)
      return result(
        {
          seq,
          reason: `entry #${seq} was rewritten: it is not the entry the verification of ${at} found intact`,
        },
        walk,
      );
    start = seq + 1;
    prevHash = row.hash;
    keyed = row.scheme === SCHEME_HMAC;
    mode = 'incremental';
  }

  // Anchor lines no earlier verification read, of entries before the start: checked one by one.
  const before = heads.filter((a) => a.record.seq < start);
  const beforeFinding = await checkAnchorsBefore(db, before);
  if (beforeFinding) return result(beforeFinding, { checked: 0, mode, from: start, lastSeq: start - 1 });

  const bySeq = new Map<number, ReadAnchor<HeadAnchor>[]>();
  for (const anchor of heads) {
    if (anchor.record.seq < start) continue;
    const list = bySeq.get(anchor.record.seq);
    if (list) list.push(anchor);
    else bySeq.set(anchor.record.seq, [anchor]);
  }

  let expected = start;
  let checked = 0;
  const walk = async (): Promise<VerifyResult['firstBroken']> => {
    for (;;) {
      const rows = (await db
        .selectFrom('audit_events')
        .selectAll()
        .where('seq', '>=', expected)
        .orderBy('seq')
        .limit(pageSize)
        .execute()) as Row[];
      for (const row of rows) {
        if (row.seq !== expected) return { seq: expected, reason: `entry #${expected} is missing (deleted)` };
        const finding = checkEntry(row, key, prevHash, keyed);
        if (finding) return { seq: row.seq, reason: finding };
        for (const anchor of bySeq.get(row.seq) ?? []) {
          if (anchor.record.hash !== row.hash)
            return {
              seq: row.seq,
              reason: `entry #${row.seq} differs from the one ${describeAnchor(anchor)} saw: it was rewritten`,
            };
        }
        keyed ||= row.scheme === SCHEME_HMAC;
        prevHash = row.hash;
        expected += 1;
        checked += 1;
      }
      if (rows.length < pageSize) return null;
    }
  };

  // Entries appended while the walk ran move the head: walk on to it.
  let head: { seq: number; hash: string } | undefined;
  for (let round = 0; ; round += 1) {
    const reached = expected;
    const broken = await walk();
    if (broken) return result(broken, { checked, mode, from: start, lastSeq: expected - 1 });
    head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
    if (!head || head.seq <= expected - 1 || (round > 0 && expected === reached) || round >= 10) break;
  }
  const lastSeq = expected - 1;
  const walked = { checked, mode, from: start, lastSeq };
  if (latest && latest.record.seq > lastSeq)
    return result(
      {
        seq: lastSeq + 1,
        reason: `the newest entries down to #${lastSeq + 1} were deleted; ${describeAnchor(latest)} saw #${latest.record.seq}`,
      },
      walked,
    );
  if (head && head.seq > lastSeq)
    return result(
      {
        seq: lastSeq + 1,
        reason: `entry #${lastSeq + 1} and later are missing (the newest entries were deleted)`,
      },
      walked,
    );
  if (head && (head.seq !== lastSeq || head.hash !== prevHash))
    return result(
      { seq: head.seq, reason: `the chain head record (#${head.seq}) does not match the newest entry` },
      walked,
    );
  if (!head && lastSeq > 0) return result({ seq: 1, reason: 'the chain head record is missing' }, walked);

  const verified = result(null, walked);
  if (verified.ok && options.remember !== false && lastSeq > 0) {
    // How far each anchor file was read and checked: the next verification reads on from there.
    const read = Object.fromEntries(anchors.files.filter((f) => !f.error).map((f) => [f.file, f.size]));
    try {
      await trail.recordVerified(lastSeq, prevHash, read);
    } catch (error) {
      warnings.push(
        `the verified point could not be remembered in ${trail.anchorFile} (${(error as NodeJS.ErrnoException).code ?? String(error)}): the next verification walks everything`,
      );
    }
  }
  return verified;
}

async function lastEntrySeq(db: Db): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('seq').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

async function checkAnchorsBefore(
  db: Db,
  anchors: ReadAnchor<HeadAnchor>[],
): Promise<VerifyResult['firstBroken']> {
  const findings: NonNullable<VerifyResult['firstBroken']>[] = [];
  const seqs = [...new Set(anchors.map((a) => a.record.seq))];
  for (let i = 0; i < seqs.length; i += 1000) {
    const chunk = seqs.slice(i, i + 1000);
    const rows = await db
      .selectFrom('audit_events')
      .select(['seq', 'hash'])
      .where('seq', 'in', chunk)
      .execute();
    const found = new Map(rows.map((row) => [row.seq, row.hash]));
    for (const anchor of anchors) {
      if (!chunk.includes(anchor.record.seq)) continue;
      const hash = found.get(anchor.record.seq);
      if (hash === undefined)
        findings.push({
          seq: anchor.record.seq,
          reason: `entry #${anchor.record.seq} is missing (deleted); ${describeAnchor(anchor)} saw it`,
        });
      else if (hash !== anchor.record.hash)
        findings.push({
          seq: anchor.record.seq,
          reason: `entry #${anchor.record.seq} differs from the one ${describeAnchor(anchor)} saw: it was rewritten`,
        });
    }
  }
  return findings.sort((a, b) => a.seq - b.seq)[0] ?? null;
}

function anchorWarnings(files: string[], anchors: AnchorSet): string[] {
  const warnings: string[] = [];
  if (files.length === 0)
    warnings.push(
      'no anchor file is configured (AUDIT_ANCHOR_FILE): the newest entries could have been deleted, with the head record rewritten, without trace',
    );
  for (const file of anchors.files) {
    if (file.error)
      warnings.push(
        `anchor file ${file.file}: ${file.error}; without its anchors, the newest entries could have been deleted without trace`,
      );
    else if (file.lines === 0) warnings.push(`anchor file ${file.file} holds no anchor yet`);
  }
  for (const line of anchors.incomplete)
    warnings.push(
      `line ${line.line} of ${line.file} is incomplete (cut short while it was written); ignored`,
    );
  return warnings;
}
