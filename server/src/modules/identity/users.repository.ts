import type { TRole } from '@abri/contracts';
import type { Insertable, Updateable } from 'kysely';
import { sql } from 'kysely';
import { type Db, inTransaction } from '../../database.ts';
import type { UserRow, UsersTable } from './tables.ts';

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(username)`, '=', username.trim().toLowerCase())
    .executeTakeFirst();
}

export function listUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy(sql`lower(username)`).execute();
}

export function insertUser(db: Db, values: Insertable<UsersTable>): Promise<UserRow> {
  return db.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateUser(db: Db, id: string, values: Updateable<UsersTable>): Promise<UserRow | undefined> {
  if (Object.keys(values).length === 0) return findUserById(db, id);
  return db.updateTable('users').set(values).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Active administrators other than the given user (to refuse removing the last one). */
export async function countOtherActiveAdmins(db: Db, exceptUserId: string | null): Promise<number> {
  let query = db
    .selectFrom('users')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(sql<boolean>`${'admin' satisfies TRole} = any(roles)`)
    .where('disabled_at', 'is', null);
  if (exceptUserId) query = query.where('id', '!=', exceptUserId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}

export function replaceRecoveryCodes(db: Db, userId: string, hashes: string[]) {
  return inTransaction(db, async (tx) => {
    await tx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    if (hashes.length) {
      await tx
        .insertInto('recovery_codes')
        .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
        .execute();
    }
  });
}

/** Marks a recovery code used; returns how many unused codes remain, or null if the code was not valid. */
export async function consumeRecoveryCode(
  db: Db,
  userId: string,
  codeHash: string,
  now: Date,
): Promise<number | null> {
  const used = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) === 0) return null;
  const row = await db
    .selectFrom('recovery_codes')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
