// Canned responses: ready-made answers counsellors insert with "/" — managed by administrators, FR and EN.
import type { TCannedResponse } from '@abri/contracts';
import { type Db, inTransaction } from '../../database.ts';
import { AppError } from '../../infra/errors.ts';
import { type AuditActor, recordAudit } from '../audit/index.ts';

type Input = { language: 'fr' | 'en'; shortcut: string; title: string; body: string };

function present(row: {
  id: string;
  language: 'fr' | 'en';
  shortcut: string;
  title: string;
  body: string;
}): TCannedResponse {
  return { id: row.id, language: row.language, shortcut: row.shortcut, title: row.title, body: row.body };
}

export async function listCanned(db: Db): Promise<TCannedResponse[]> {
  const rows = await db
    .selectFrom('canned_responses')
    .selectAll()
    .orderBy('language')
    .orderBy('shortcut')
    .execute();
  return rows.map(present);
}

async function assertShortcutFree(db: Db, input: Input, exceptId?: string): Promise<void> {
  let query = db
    .selectFrom('canned_responses')
    .select('id')
    .where('language', '=', input.language)
    .where('shortcut', '=', input.shortcut);
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw new AppError('CANNED_SHORTCUT_TAKEN');
}

export function createCanned(db: Db, actor: AuditActor, input: Input, now: Date): Promise<TCannedResponse> {
  return inTransaction(db, async (tx) => {
    await assertShortcutFree(tx, input);
    const row = await tx
      .insertInto('canned_responses')
      .values({ ...input, updated_by: actor.id, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(
      tx,
      {
        actor,
        action: 'chat.canned_response_changed',
        subject: { type: 'canned_response', id: row.id },
        details: { shortcut: row.shortcut, language: row.language, change: 'created' },
      },
      now,
    );
    return present(row);
  });
}

export function updateCanned(
  db: Db,
  actor: AuditActor,
  id: string,
  input: Input,
  now: Date,
): Promise<TCannedResponse> {
  return inTransaction(db, async (tx) => {
    await assertShortcutFree(tx, input, id);
    const row = await tx
      .updateTable('canned_responses')
      .set({ ...input, updated_by: actor.id, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('CANNED_NOT_FOUND');
    await recordAudit(
      tx,
      {
        actor,
        action: 'chat.canned_response_changed',
        subject: { type: 'canned_response', id },
        details: { shortcut: row.shortcut, language: row.language, change: 'updated' },
      },
      now,
    );
    return present(row);
  });
}

export function deleteCanned(db: Db, actor: AuditActor, id: string, now: Date): Promise<void> {
  return inTransaction(db, async (tx) => {
    const row = await tx
      .deleteFrom('canned_responses')
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('CANNED_NOT_FOUND');
    await recordAudit(
      tx,
      {
        actor,
        action: 'chat.canned_response_changed',
        subject: { type: 'canned_response', id },
        details: { shortcut: row.shortcut, language: row.language, change: 'deleted' },
      },
      now,
    );
  });
}

/** First start: a few answers from content/canned-responses.json, so the feature is useful at once. */
export async function seedCanned(db: Db, entries: Input[]): Promise<void> {
  const existing = await db.selectFrom('canned_responses').select('id').limit(1).executeTakeFirst();
  if (existing || entries.length === 0) return;
  await db
    .insertInto('canned_responses')
    .values(entries)
    .onConflict((oc) => oc.doNothing())
    .execute();
}
