import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../database.ts';
import type { SessionRow, SessionsTable } from './tables.ts';

export function insertSession(db: Db, values: Insertable<SessionsTable>): Promise<SessionRow> {
  return db.insertInto('sessions').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updateSession(
  db: Db,
  id: string,
  values: Updateable<SessionsTable>,
): Promise<SessionRow | undefined> {
  return db.updateTable('sessions').set(values).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Db, userId: string, exceptId?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function listUserSessions(db: Db, userId: string): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** Removes sessions past their absolute or idle limit, and spent or expired reset links. */
export async function purgeExpired(db: Db, now: Date, idleMinutes: number): Promise<number> {
  const idleCutoff = new Date(now.getTime() - idleMinutes * 60_000);
  const sessions = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleCutoff)]))
    .executeTakeFirst();
  await db
    .deleteFrom('password_resets')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('used_at', 'is not', null)]))
    .execute();
  return Number(sessions.numDeletedRows);
}
