// Administration of staff accounts: creation with a one-time password, roles, disabling, unlocking,
// reset links, and the first administrator created at first start.
import type { TRole, TUser } from '@abri/contracts';
import { sql } from 'kysely';
import { type Db, inTransaction } from '../../database.ts';
import type { Clock } from '../../infra/clock.ts';
import { hashPassword, oneTimePassword, randomToken, sha256Hex } from '../../infra/crypto.ts';
import { AppError } from '../../infra/errors.ts';
import type { AuditActor } from '../audit/index.ts';
import { recordAudit } from '../audit/index.ts';
import * as sessions from './sessions.repository.ts';
import type { UserRow } from './tables.ts';
import * as users from './users.repository.ts';

export const RESET_LINK_HOURS = 24;

export function presentUser(row: UserRow): TUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    alias: row.alias,
    email: row.email,
    team: row.team,
    roles: row.roles,
    totpEnabled: row.totp_enabled_at !== null,
    mustChangePassword: row.must_change_password,
    disabled: row.disabled_at !== null,
    lockedUntil: row.locked_until?.toISOString() ?? null,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

function uniqueRoles(roles: readonly TRole[]): TRole[] {
  return [...new Set(roles)];
}

export async function createUser(
  db: Db,
  clock: Clock,
  actor: AuditActor,
  input: {
    username: string;
    displayName: string;
    alias?: string | null | undefined;
    email?: string | null | undefined;
    roles: TRole[];
  },
  via: 'console' | 'cli' | 'first_run',
): Promise<{ user: UserRow; oneTimePassword: string }> {
  const now = clock.now();
  if (await users.findUserByUsername(db, input.username)) throw new AppError('USER_USERNAME_TAKEN');
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (tx) => {
    const user = await users.insertUser(tx, {
      username: input.username.trim(),
      display_name: input.displayName.trim(),
      alias: input.alias?.trim() || null,
      email: input.email ?? null,
      password_hash: passwordHash,
      must_change_password: true,
      roles: uniqueRoles(input.roles),
    });
    await recordAudit(
      tx,
      {
        actor,
        action: 'user.created',
        subject: { type: 'user', id: user.id },
        details: { username: user.username, roles: user.roles, via },
      },
      now,
    );
    return { user, oneTimePassword: password };
  });
}

async function getUser(db: Db, id: string): Promise<UserRow> {
  const user = await users.findUserById(db, id);
  if (!user) throw new AppError('USER_NOT_FOUND');
  return user;
}

export async function updateUserByAdmin(
  db: Db,
  clock: Clock,
  actor: AuditActor,
  id: string,
  input: {
    displayName?: string | undefined;
    alias?: string | null | undefined;
    email?: string | null | undefined;
    team?: string | null | undefined;
    roles?: TRole[] | undefined;
    disabled?: boolean | undefined;
  },
): Promise<UserRow> {
  const now = clock.now();
  return inTransaction(db, async (tx) => {
    const user = await getUser(tx, id);
    const roles = input.roles ? uniqueRoles(input.roles) : user.roles;
    const disabling = input.disabled === true && !user.disabled_at;
    const losingAdmin = user.roles.includes('admin') && !roles.includes('admin');
    if ((disabling || losingAdmin) && user.roles.includes('admin') && !user.disabled_at) {
      if ((await users.countOtherActiveAdmins(tx, user.id)) === 0) throw new AppError('USER_LAST_ADMIN');
    }
    const fields: string[] = [];
    const changes: Parameters<typeof users.updateUser>[2] = { updated_at: now };
    if (input.displayName !== undefined && input.displayName !== user.display_name) {
      changes.display_name = input.displayName;
      fields.push('displayName');
    }
    if (input.alias !== undefined && (input.alias?.trim() || null) !== user.alias) {
      changes.alias = input.alias?.trim() || null;
      fields.push('alias');
    }
    if (input.email !== undefined && input.email !== user.email) {
      changes.email = input.email;
      fields.push('email');
    }
    if (input.team !== undefined && input.team !== user.team) {
      changes.team = input.team;
      fields.push('team');
    }
    if (input.roles && roles.join() !== user.roles.join()) changes.roles = roles;
    if (input.disabled !== undefined && input.disabled !== (user.disabled_at !== null)) {
      changes.disabled_at = input.disabled ? now : null;
    }
    const updated = (await users.updateUser(tx, id, changes))!;
    const subject = { type: 'user', id };
    if (fields.length)
      await recordAudit(tx, { actor, action: 'user.updated', subject, details: { fields } }, now);
    if (changes.roles)
      await recordAudit(
        tx,
        { actor, action: 'user.roles_changed', subject, details: { from: user.roles, to: roles } },
        now,
      );
    if (changes.disabled_at !== undefined) {
      if (changes.disabled_at) {
        await sessions.deleteUserSessions(tx, id);
        await recordAudit(tx, { actor, action: 'user.disabled', subject, details: {} }, now);
      } else {
        await recordAudit(tx, { actor, action: 'user.enabled', subject, details: {} }, now);
      }
    }
    return updated;
  });
}

export async function unlockUser(db: Db, clock: Clock, actor: AuditActor, id: string): Promise<UserRow> {
  const now = clock.now();
  return inTransaction(db, async (tx) => {
    await getUser(tx, id);
    const user = (await users.updateUser(tx, id, { locked_until: null, failed_logins: 0, updated_at: now }))!;
    await recordAudit(
      tx,
      { actor, action: 'user.unlocked', subject: { type: 'user', id }, details: {} },
      now,
    );
    return user;
  });
}

/** Removes a lost second factor; the user enrols again at next login if their role requires it. */
export async function resetUserTotp(db: Db, clock: Clock, actor: AuditActor, id: string): Promise<UserRow> {
  const now = clock.now();
  return inTransaction(db, async (tx) => {
    await getUser(tx, id);
    const user = (await users.updateUser(tx, id, {
      totp_enabled_at: null,
      totp_secret: null,
      totp_last_step: null,
      updated_at: now,
    }))!;
    await users.replaceRecoveryCodes(tx, id, []);
    await sessions.deleteUserSessions(tx, id);
    await recordAudit(
      tx,
      { actor, action: 'user.totp_reset', subject: { type: 'user', id }, details: {} },
      now,
    );
    return user;
  });
}

/** A one-time link that lets the user choose a new password; only its hash is stored. */
export async function issueResetLink(db: Db, clock: Clock, actor: AuditActor, id: string, baseUrl: string) {
  const now = clock.now();
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + RESET_LINK_HOURS * 3_600_000);
  await inTransaction(db, async (tx) => {
    await getUser(tx, id);
    // A new link replaces any earlier one.
    await tx.deleteFrom('password_resets').where('user_id', '=', id).execute();
    await tx
      .insertInto('password_resets')
      .values({ token_hash: sha256Hex(token), user_id: id, created_by: actor.id, expires_at: expiresAt })
      .execute();
    await recordAudit(
      tx,
      {
        actor,
        action: 'user.reset_link_issued',
        subject: { type: 'user', id },
        details: { expiresAt: expiresAt.toISOString() },
      },
      now,
    );
  });
  return {
    resetUrl: `${baseUrl.replace(/\/$/, '')}/console/reset/${token}`,
    expiresAt: expiresAt.toISOString(),
  };
}

/** For the command line: a new one-time password, to be changed at next login. */
export async function setOneTimePassword(db: Db, clock: Clock, actor: AuditActor, username: string) {
  const now = clock.now();
  const user = await users.findUserByUsername(db, username);
  if (!user) throw new AppError('USER_NOT_FOUND');
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await inTransaction(db, async (tx) => {
    await users.updateUser(tx, user.id, {
      password_hash: passwordHash,
      must_change_password: true,
      failed_logins: 0,
      locked_until: null,
      updated_at: now,
    });
    await sessions.deleteUserSessions(tx, user.id);
    await recordAudit(
      tx,
      {
        actor,
        action: 'user.password_set_by_admin',
        subject: { type: 'user', id: user.id },
        details: { via: 'cli' },
      },
      now,
    );
  });
  return { user, oneTimePassword: password };
}

/**
 * First start: when no active administrator exists, create one with a one-time password (printed once
 * by the caller). Returns null when there is already an administrator.
 */
export async function ensureFirstAdmin(
  db: Db,
  clock: Clock,
): Promise<{ username: string; oneTimePassword: string } | null> {
  // Two instances starting together on one database: the lock lets only one of them create the account.
  return inTransaction(db, async (tx) => {
    await sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK_KEY})`.execute(tx);
    if ((await users.countOtherActiveAdmins(tx, null)) > 0) return null;
    let username = 'admin';
    for (let n = 2; await users.findUserByUsername(tx, username); n += 1) username = `admin${n}`;
    const { user, oneTimePassword: password } = await createUser(
      tx,
      clock,
      { id: null, name: 'system' },
      { username, displayName: 'Administrator', roles: ['admin'] },
      'first_run',
    );
    return { username: user.username, oneTimePassword: password };
  });
}

// "admn" in ASCII: any constant works, it only has to differ from the other advisory locks.
const FIRST_ADMIN_LOCK_KEY = 0x61646d6e;
