// Cases group the contacts about one child or situation: status, assignee, follow-up date, and a timeline
// of what happened (contacts linked, notes, status changes, escalations). Visibility is the policy's SQL.
import type { TCase, TCaseCreate, TCaseListQuery, TCaseUpdate } from '@abri/contracts';
import { sql } from 'kysely';
import type { Db } from '../../database.ts';
import { inTransaction } from '../../database.ts';
import { AppError } from '../../infra/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { checkCodes, currentTaxonomies } from '../guidance/index.ts';
import { cachedSettings, localToInstant } from '../settings/index.ts';
import {
  canSeeRestricted,
  isSupervisor,
  type RecordActor,
  type VisibilityOptions,
  visibleCase,
  visibleContact,
} from './case.policy.ts';
import { contactQuery } from './contacts.service.ts';
import { listDocuments } from './documents.repository.ts';
import { type CaseView, presentCase } from './presenter.ts';
import { nextReference } from './references.ts';

export function caseQuery(db: Db) {
  return db
    .selectFrom('cases as c')
    .leftJoin('users as a', 'a.id', 'c.assignee_id')
    .leftJoin('users as b', 'b.id', 'c.created_by')
    .selectAll('c')
    .select(['a.display_name as assignee_name', 'b.display_name as created_by_name']);
}

/** A case the actor may see, or CASE_NOT_FOUND (also for one that exists but is not theirs). */
export async function loadCase(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  id: string,
): Promise<CaseView> {
  const row = await caseQuery(db)
    .where('c.id', '=', id)
    .where(visibleCase(actor, options))
    .executeTakeFirst();
  if (!row) throw new AppError('CASE_NOT_FOUND');
  return row;
}

type EventData = Record<string, string | number | boolean | null>;

/** Adds an entry to a case's timeline (other modules call it through index.ts, e.g. escalations). */
export async function addCaseEvent(
  db: Db,
  caseId: string,
  event: {
    kind: string;
    actorId: string | null;
    body?: string | null;
    restricted?: boolean;
    data?: EventData;
  },
  now: Date,
): Promise<void> {
  await db
    .insertInto('case_events')
    .values({
      case_id: caseId,
      kind: event.kind,
      body: event.body ?? null,
      restricted: event.restricted ?? false,
      data: JSON.stringify(event.data ?? {}),
      actor_id: event.actorId,
      created_at: now,
    })
    .execute();
}

async function checkAssignee(db: Db, id: string): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .where(sql<boolean>`roles && array['counsellor', 'supervisor']::text[]`)
    .executeTakeFirst();
  if (!user) throw new AppError('CASE_ASSIGNEE_INVALID');
}

async function checkTopics(db: Db, topics: readonly string[], previous: readonly string[] = []) {
  const problems = checkCodes(await currentTaxonomies(db), { topics }, { topics: previous });
  if (problems.length > 0) throw new AppError('TAXONOMY_UNKNOWN_CODE', { details: problems });
}

/** Puts a contact the actor may see, not yet in a case, into this case. */
async function linkContactTo(
  tx: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  caseId: string,
  contactId: string,
  now: Date,
): Promise<void> {
  const contact = await contactQuery(tx)
    .where('k.id', '=', contactId)
    .where(visibleContact(actor, options))
    .executeTakeFirst();
  if (!contact) throw new AppError('CONTACT_NOT_FOUND');
  if (contact.case_id === caseId) return;
  if (contact.case_id) throw new AppError('CASE_CONTACT_LINKED');
  await tx
    .updateTable('contacts')
    .set({ case_id: caseId, revision: contact.revision + 1, updated_at: now })
    .where('id', '=', contactId)
    .execute();
  await addCaseEvent(
    tx,
    caseId,
    { kind: 'contact_linked', actorId: actor.id, data: { contactId, reference: contact.reference } },
    now,
  );
  await recordAudit(tx, {
    actor,
    action: 'case.contact_linked',
    subject: { type: 'case', id: caseId },
    details: { contactId },
  });
}

export async function createCase(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  input: TCaseCreate,
  now: Date,
): Promise<string> {
  return inTransaction(db, async (tx) => {
    const assignee = input.assigneeId === undefined ? actor.id : input.assigneeId;
    if (assignee) await checkAssignee(tx, assignee);
    await checkTopics(tx, input.topics ?? []);
    const reference = await nextReference(tx, 'D', now);
    const created = await tx
      .insertInto('cases')
      .values({
        reference,
        title: input.title,
        summary: input.summary ?? '',
        topics: [...new Set(input.topics ?? [])],
        assignee_id: assignee,
        created_by: actor.id,
        follow_up_at: input.followUpAt ? new Date(input.followUpAt) : null,
        follow_up_note: input.followUpNote ?? '',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addCaseEvent(tx, created.id, { kind: 'created', actorId: actor.id, data: { reference } }, now);
    await recordAudit(tx, {
      actor,
      action: 'case.created',
      subject: { type: 'case', id: created.id },
      details: { reference },
    });
    for (const contactId of new Set(input.contactIds ?? []))
      await linkContactTo(tx, actor, options, created.id, contactId, now);
    return created.id;
  });
}

export async function caseDetail(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  id: string,
): Promise<TCase> {
  const row = await loadCase(db, actor, options, id);
  const contacts = await contactQuery(db).where('k.case_id', '=', id).orderBy('k.contact_at').execute();
  let events = db
    .selectFrom('case_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .selectAll('e')
    .select('u.display_name as actor_name')
    .where('e.case_id', '=', id);
  if (!canSeeRestricted(actor)) events = events.where('e.restricted', '=', false);
  return presentCase(row, contacts, await events.orderBy('e.seq').execute(), await listDocuments(db, id));
}

export async function updateCase(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  id: string,
  input: TCaseUpdate,
  now: Date,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await loadCase(tx, actor, options, id);
    if (input.revision !== undefined && input.revision !== row.revision)
      throw new AppError('RECORD_REVISION_CONFLICT');
    const changing = Object.keys(input).filter((key) => key !== 'status' && key !== 'revision');
    if (
      row.status === 'closed' &&
      (input.status === undefined || input.status === 'closed') &&
      changing.length
    )
      throw new AppError('CASE_CLOSED');
    if (input.assigneeId) await checkAssignee(tx, input.assigneeId);
    if (input.topics) await checkTopics(tx, input.topics, row.topics);
    const patch: Record<string, unknown> = { updated_at: now, revision: row.revision + 1 };
    if (input.title !== undefined) patch.title = input.title;
    if (input.summary !== undefined) patch.summary = input.summary;
    if (input.topics !== undefined) patch.topics = [...new Set(input.topics)];
    if (input.followUpNote !== undefined) patch.follow_up_note = input.followUpNote;
    if (input.status !== undefined && input.status !== row.status) {
      patch.status = input.status;
      patch.closed_at = input.status === 'closed' ? now : null;
      await addCaseEvent(
        tx,
        id,
        { kind: 'status_changed', actorId: actor.id, data: { from: row.status, to: input.status } },
        now,
      );
    }
    if (input.assigneeId !== undefined && input.assigneeId !== row.assignee_id) {
      patch.assignee_id = input.assigneeId;
      const name = input.assigneeId
        ? ((
            await tx
              .selectFrom('users')
              .select('display_name')
              .where('id', '=', input.assigneeId)
              .executeTakeFirst()
          )?.display_name ?? null)
        : null;
      await addCaseEvent(tx, id, { kind: 'assigned', actorId: actor.id, data: { assignee: name } }, now);
    }
    if (input.followUpAt !== undefined) {
      const next = input.followUpAt ? new Date(input.followUpAt) : null;
      if ((next?.getTime() ?? null) !== (row.follow_up_at?.getTime() ?? null)) {
        patch.follow_up_at = next;
        patch.follow_up_reminded_at = null;
        await addCaseEvent(
          tx,
          id,
          {
            kind: 'follow_up_set',
            actorId: actor.id,
            body: input.followUpNote ?? row.follow_up_note ?? null,
            data: { at: next ? next.toISOString() : null },
          },
          now,
        );
      }
    }
    await tx.updateTable('cases').set(patch).where('id', '=', id).execute();
    await recordAudit(tx, {
      actor,
      action: 'case.updated',
      subject: { type: 'case', id },
      details: {
        fields: Object.keys(input)
          .filter((key) => key !== 'revision')
          .sort(),
      },
    });
  });
}

export async function addNote(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  id: string,
  input: { body: string; restricted?: boolean | undefined },
  now: Date,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await loadCase(tx, actor, options, id);
    if (input.restricted && !isSupervisor(actor)) throw new AppError('AUTH_FORBIDDEN');
    await addCaseEvent(
      tx,
      id,
      { kind: 'note', actorId: actor.id, body: input.body, restricted: input.restricted ?? false },
      now,
    );
    await tx.updateTable('cases').set({ updated_at: now }).where('id', '=', id).execute();
    await recordAudit(tx, {
      actor,
      action: 'case.note_added',
      subject: { type: 'case', id },
      details: { restricted: input.restricted ?? false },
    });
  });
}

export async function linkContact(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  id: string,
  contactId: string,
  now: Date,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await loadCase(tx, actor, options, id);
    if (row.status === 'closed') throw new AppError('CASE_CLOSED');
    await linkContactTo(tx, actor, options, id, contactId, now);
    await tx.updateTable('cases').set({ updated_at: now }).where('id', '=', id).execute();
  });
}

/** The calendar day after a YYYY-MM-DD day. */
function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export async function listCases(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  query: TCaseListQuery,
  now: Date,
): Promise<{ cases: CaseView[]; total: number }> {
  let base = db.selectFrom('cases as c').where(visibleCase(actor, options));
  if (query.q) {
    const words = query.q.trim();
    const pattern = `%${words.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    base = base.where((eb) => eb.or([eb('c.reference', 'ilike', pattern), eb('c.title', 'ilike', pattern)]));
  }
  if (query.status) base = base.where('c.status', '=', query.status);
  if (query.topic) base = base.where(sql<boolean>`${query.topic} = any(c.topics)`);
  // Days are the helpline's (its opening-hours time zone), as the console shows them.
  const zone = (await cachedSettings(db, now.getTime())).openingHours.timeZone;
  if (query.from) base = base.where('c.created_at', '>=', localToInstant(query.from, '00:00', zone));
  if (query.to) base = base.where('c.created_at', '<', localToInstant(nextDay(query.to), '00:00', zone));
  if (query.mine === 'true') base = base.where('c.assignee_id', '=', actor.id);
  if (query.due === 'true') base = base.where('c.follow_up_at', '<=', now).where('c.status', '<>', 'closed');
  const total = await base.select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  // One statement: the page of the joined view, filtered by the same conditions as the count.
  const rows = await caseQuery(db)
    .where('c.id', 'in', base.select('c.id'))
    .orderBy('c.updated_at', 'desc')
    .orderBy('c.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return { cases: rows, total: Number(total.n) };
}

export async function listAssignees(db: Db) {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('disabled_at', 'is', null)
    .where(sql<boolean>`roles && array['counsellor', 'supervisor']::text[]`)
    .orderBy('display_name')
    .execute();
  return rows.map((row) => ({ id: row.id, displayName: row.display_name }));
}
