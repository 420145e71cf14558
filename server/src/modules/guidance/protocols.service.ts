// Protocols and the platform how-tos: every save is a new immutable version, so a contact record can say
// which version the counsellor followed, and an editor who started from an old version cannot overwrite a
// newer one. Seeding from content/ adds the shipped file as a version unless an administrator has edited.
import {
  type TPlatformGuideBody,
  type TProtocol,
  type TProtocolBody,
  type TProtocolSummary,
  type TProtocolTopic,
  ZProtocolBody,
} from '@abri/contracts';
import type { Logger } from 'pino';
import type { Db } from '../../database.ts';
import { inTransaction } from '../../database.ts';
import { AppError } from '../../infra/errors.ts';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { ProtocolVersionRow, VersionSource } from './tables.ts';

function protocolQuery(db: Db) {
  return db
    .selectFrom('protocol_versions as p')
    .leftJoin('users as u', 'u.id', 'p.created_by')
    .select([
      'p.topic',
      'p.version',
      'p.body',
      'p.source',
      'p.seed_version',
      'p.note',
      'p.created_by',
      'p.created_at',
      'u.display_name as created_by_name',
    ]);
}

type ProtocolRowWithName = ProtocolVersionRow & { created_by_name: string | null };

function presentProtocol(row: ProtocolRowWithName): TProtocol {
  return {
    topic: row.topic as TProtocolTopic,
    version: row.version,
    body: row.body,
    updatedAt: row.created_at.toISOString(),
    updatedBy: row.created_by_name,
  };
}

export async function currentProtocolRow(db: Db, topic: string): Promise<ProtocolRowWithName | undefined> {
  return protocolQuery(db)
    .where('p.topic', '=', topic)
    .orderBy('p.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function currentProtocol(db: Db, topic: TProtocolTopic): Promise<TProtocol> {
  const row = await currentProtocolRow(db, topic);
  if (!row) throw new AppError('GUIDANCE_NOT_FOUND');
  return presentProtocol(row);
}

export async function protocolVersion(db: Db, topic: TProtocolTopic, version: number): Promise<TProtocol> {
  const row = await protocolQuery(db)
    .where('p.topic', '=', topic)
    .where('p.version', '=', version)
    .executeTakeFirst();
  if (!row) throw new AppError('GUIDANCE_NOT_FOUND');
  return presentProtocol(row);
}

/** The current version of every protocol, for the list pages. */
export async function listProtocols(db: Db): Promise<TProtocolSummary[]> {
  const rows = await protocolQuery(db)
    .where(({ eb, selectFrom }) =>
      eb(
        'p.version',
        '=',
        selectFrom('protocol_versions as q')
          .select(({ fn }) => fn.max('q.version').as('v'))
          .whereRef('q.topic', '=', 'p.topic'),
      ),
    )
    .orderBy('p.topic')
    .execute();
  return rows.map((row) => ({
    topic: row.topic as TProtocolTopic,
    version: row.version,
    title: { fr: row.body.fr.title, en: row.body.en.title },
    updatedAt: row.created_at.toISOString(),
    updatedBy: row.created_by_name,
  }));
}

export async function protocolHistory(db: Db, topic: TProtocolTopic) {
  const rows = await protocolQuery(db).where('p.topic', '=', topic).orderBy('p.version', 'desc').execute();
  if (rows.length === 0) throw new AppError('GUIDANCE_NOT_FOUND');
  return rows.map((row) => ({
    version: row.version,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by_name,
    note: row.note ?? (row.source === 'seed' ? `content/protocols (v${row.seed_version})` : null),
  }));
}

interface NewVersion<Body> {
  body: Body;
  source: VersionSource;
  seedVersion: number | null;
  note: string | null;
  createdBy: string | null;
}

/** Inserts version `next`; false when another writer took that number first (the caller reports a conflict). */
async function insertProtocolVersion(db: Db, topic: string, next: number, input: NewVersion<TProtocolBody>) {
  const inserted = await db
    .insertInto('protocol_versions')
    .values({
      topic,
      version: next,
      body: JSON.stringify(input.body),
      source: input.source,
      seed_version: input.seedVersion,
      note: input.note,
      created_by: input.createdBy,
    })
    .onConflict((oc) => oc.columns(['topic', 'version']).doNothing())
    .returning('version')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateProtocol(
  db: Db,
  actor: AuditActor,
  topic: TProtocolTopic,
  input: { baseVersion: number; body: TProtocolBody; note?: string | undefined },
): Promise<TProtocol> {
  return inTransaction(db, async (tx) => {
    const current = await currentProtocolRow(tx, topic);
    if (!current) throw new AppError('GUIDANCE_NOT_FOUND');
    if (current.version !== input.baseVersion) throw new AppError('GUIDANCE_VERSION_CONFLICT');
    const ok = await insertProtocolVersion(tx, topic, current.version + 1, {
      body: input.body,
      source: 'console',
      seedVersion: null,
      note: input.note ?? null,
      createdBy: actor.id,
    });
    if (!ok) throw new AppError('GUIDANCE_VERSION_CONFLICT');
    await recordAudit(tx, {
      actor,
      action: 'guidance.protocol_updated',
      subject: { type: 'protocol', id: topic },
      details: { version: current.version + 1 },
    });
    return currentProtocol(tx, topic);
  });
}

/**
 * Adds the shipped file as a new version when it is newer than what was last seeded and nobody has edited
 * since; an administrator's edits are never replaced (the log says a newer file was not applied).
 */
export async function seedProtocol(
  db: Db,
  logger: Logger,
  topic: string,
  file: { version: number; fr: unknown; en: unknown },
): Promise<void> {
  const body = ZProtocolBody.parse({ fr: file.fr, en: file.en });
  const latest = await currentProtocolRow(db, topic);
  const seeded = await db
    .selectFrom('protocol_versions')
    .select(({ fn }) => fn.max('seed_version').as('v'))
    .where('topic', '=', topic)
    .executeTakeFirst();
  const lastSeed = seeded?.v ?? 0;
  if (latest && file.version <= lastSeed) return;
  if (latest && latest.source === 'console') {
    logger.warn({ topic, file: file.version }, 'newer protocol file not applied: an administrator edited it');
    return;
  }
  await insertProtocolVersion(db, topic, (latest?.version ?? 0) + 1, {
    body,
    source: 'seed',
    seedVersion: file.version,
    note: null,
    createdBy: null,
  });
}

// --- platform how-tos: one document, versioned the same way ---

async function currentGuideRow(db: Db) {
  return db
    .selectFrom('platform_guide_versions')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function currentPlatformGuide(db: Db) {
  const row = await currentGuideRow(db);
  if (!row) throw new AppError('GUIDANCE_NOT_FOUND');
  return { version: row.version, body: row.body, updatedAt: row.created_at.toISOString() };
}

async function insertGuideVersion(db: Db, next: number, input: NewVersion<TPlatformGuideBody>) {
  const inserted = await db
    .insertInto('platform_guide_versions')
    .values({
      version: next,
      body: JSON.stringify(input.body),
      source: input.source,
      seed_version: input.seedVersion,
      note: input.note,
      created_by: input.createdBy,
    })
    .onConflict((oc) => oc.column('version').doNothing())
    .returning('version')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updatePlatformGuide(
  db: Db,
  actor: AuditActor,
  input: { baseVersion: number; body: TPlatformGuideBody; note?: string | undefined },
) {
  return inTransaction(db, async (tx) => {
    const current = await currentGuideRow(tx);
    if (!current) throw new AppError('GUIDANCE_NOT_FOUND');
    if (current.version !== input.baseVersion) throw new AppError('GUIDANCE_VERSION_CONFLICT');
    const ok = await insertGuideVersion(tx, current.version + 1, {
      body: input.body,
      source: 'console',
      seedVersion: null,
      note: input.note ?? null,
      createdBy: actor.id,
    });
    if (!ok) throw new AppError('GUIDANCE_VERSION_CONFLICT');
    await recordAudit(tx, {
      actor,
      action: 'guidance.platforms_updated',
      subject: { type: 'platform_guide', id: 'platforms' },
      details: { version: current.version + 1 },
    });
    return currentPlatformGuide(tx);
  });
}

export async function seedPlatformGuide(
  db: Db,
  logger: Logger,
  file: { version: number; fr: TPlatformGuideBody['fr']; en: TPlatformGuideBody['en'] },
): Promise<void> {
  const latest = await currentGuideRow(db);
  const seeded = await db
    .selectFrom('platform_guide_versions')
    .select(({ fn }) => fn.max('seed_version').as('v'))
    .executeTakeFirst();
  if (latest && file.version <= (seeded?.v ?? 0)) return;
  if (latest && latest.source === 'console') {
    logger.warn({ file: file.version }, 'newer platform guide not applied: an administrator edited it');
    return;
  }
  await insertGuideVersion(db, (latest?.version ?? 0) + 1, {
    body: { fr: file.fr, en: file.en },
    source: 'seed',
    seedVersion: file.version,
    note: null,
    createdBy: null,
  });
}
