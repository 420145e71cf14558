// Logging in and staying safe while logged in: password check with lockout, the second factor, forced
// password changes, sessions with idle and absolute limits, and reset links. No HTTP here.
import type { TSessionInfo } from '@abri/contracts';
import { abilitiesFor } from '@abri/contracts';
import type { Config } from '../../config.ts';
import { type Db, inTransaction } from '../../database.ts';
import type { Clock } from '../../infra/clock.ts';
import {
  dummyPasswordHash,
  hashPassword,
  randomToken,
  sha256Hex,
  verifyPassword,
} from '../../infra/crypto.ts';
import { AppError } from '../../infra/errors.ts';
import type { AuditDetails } from '../audit/events.ts';
import type { AuditAction, AuditActor, AuditEntry } from '../audit/index.ts';
import { recordAudit } from '../audit/index.ts';
import { getSettings } from '../settings/index.ts';
import { assertStrongPassword, loadCommonPasswords } from './password-policy.ts';
import { nextStage, requiresTotp } from './session-stage.ts';
import * as sessions from './sessions.repository.ts';
import type { SessionRow, UserRow } from './tables.ts';
import {
  generateRecoveryCodes,
  generateTotpSecret,
  hashRecoveryCode,
  matchTotp,
  totpQrCodeDataUrl,
  totpUri,
} from './totp.ts';
import * as users from './users.repository.ts';

export interface IdentityDeps {
  db: Db;
  clock: Clock;
  config: Config;
}

export interface Authenticated {
  session: SessionRow;
  user: UserRow;
}

export function actorOf(user: Pick<UserRow, 'id' | 'username'>): AuditActor {
  return { id: user.id, name: user.username };
}

/** An entry about a user's own account, written as that user. */
function auditUser<A extends AuditAction>(
  db: Db,
  user: Pick<UserRow, 'id' | 'username'>,
  action: A,
  details: AuditDetails[A],
  now: Date,
) {
  return recordAudit(
    db,
    { actor: actorOf(user), action, subject: { type: 'user', id: user.id }, details } as AuditEntry,
    now,
  );
}

export function presentSession(auth: Authenticated, config: Config): TSessionInfo {
  const { session, user } = auth;
  return {
    stage: session.stage,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      alias: user.alias,
      roles: user.roles,
      totpEnabled: user.totp_enabled_at !== null,
    },
    abilities: session.stage === 'active' ? abilitiesFor(user.roles) : [],
    csrfToken: session.csrf_token,
    expiresAt: session.expires_at.toISOString(),
    idleMinutes: config.session.idleMinutes,
  };
}

async function totpRelaxedRoles(db: Db) {
  return (await getSettings(db)).security.totpRelaxedRoles;
}

async function registerFailure(
  deps: IdentityDeps,
  user: UserRow,
  reason: 'bad_password' | 'bad_totp',
): Promise<void> {
  const now = deps.clock.now();
  const failures = user.failed_logins + 1;
  if (failures >= deps.config.login.maxFailures) {
    const until = new Date(now.getTime() + deps.config.login.lockMinutes * 60_000);
    await users.updateUser(deps.db, user.id, { failed_logins: 0, locked_until: until });
    await sessions.deleteUserSessions(deps.db, user.id);
    await auditUser(deps.db, user, 'auth.locked', { until: until.toISOString() }, now);
  } else {
    await users.updateUser(deps.db, user.id, { failed_logins: failures });
  }
  if (reason === 'bad_password') {
    await auditUser(deps.db, user, 'auth.login_failed', { username: user.username, reason }, now);
  } else {
    await auditUser(deps.db, user, 'auth.totp_failed', {}, now);
  }
}

function isLocked(user: UserRow, now: Date): boolean {
  return user.locked_until !== null && user.locked_until > now;
}

export async function login(
  deps: IdentityDeps,
  input: { username: string; password: string },
  meta: { userAgent: string | null },
): Promise<Authenticated & { token: string }> {
  const now = deps.clock.now();
  const user = await users.findUserByUsername(deps.db, input.username);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await recordAudit(
      deps.db,
      {
        actor: { id: null, name: null },
        action: 'auth.login_failed',
        details: { username: input.username.slice(0, 64), reason: 'unknown_user' },
      },
      now,
    );
    throw new AppError('AUTH_BAD_CREDENTIALS');
  }
  if (isLocked(user, now)) {
    await auditUser(deps.db, user, 'auth.login_failed', { username: user.username, reason: 'locked' }, now);
    throw new AppError('AUTH_LOCKED');
  }
  const valid = await verifyPassword(user.password_hash, input.password);
  if (!valid) {
    await registerFailure(deps, user, 'bad_password');
    throw new AppError('AUTH_BAD_CREDENTIALS');
  }
  if (user.disabled_at) {
    await auditUser(deps.db, user, 'auth.login_failed', { username: user.username, reason: 'disabled' }, now);
    throw new AppError('AUTH_DISABLED');
  }
  const stage = nextStage(user, { totpVerified: false }, await totpRelaxedRoles(deps.db));
  const token = randomToken(32);
  return inTransaction(deps.db, async (tx) => {
    const session = await sessions.insertSession(tx, {
      id: sha256Hex(token),
      user_id: user.id,
      stage,
      csrf_token: randomToken(24),
      last_seen_at: now,
      expires_at: new Date(now.getTime() + deps.config.session.absoluteHours * 3_600_000),
      user_agent: meta.userAgent?.slice(0, 200) ?? null,
    });
    // Without a second factor the login is complete now; otherwise the failure counter waits for it.
    const fresh = await users.updateUser(
      tx,
      user.id,
      stage === 'totp_verify' ? {} : { failed_logins: 0, last_login_at: now },
    );
    await auditUser(tx, user, 'auth.login', { stage }, now);
    return { token, session, user: fresh ?? user };
  });
}

/** The session behind a cookie, if it is still valid; refreshes its idle timer. */
export async function resolveSession(
  deps: IdentityDeps,
  token: string | undefined,
): Promise<Authenticated | null> {
  if (!token || token.length > 200) return null;
  const now = deps.clock.now();
  const session = await sessions.findSession(deps.db, sha256Hex(token));
  if (!session) return null;
  const idleLimit = session.last_seen_at.getTime() + deps.config.session.idleMinutes * 60_000;
  if (session.expires_at <= now || idleLimit <= now.getTime()) {
    await sessions.deleteSession(deps.db, session.id);
    return null;
  }
  const user = await users.findUserById(deps.db, session.user_id);
  if (!user || user.disabled_at) {
    await sessions.deleteSession(deps.db, session.id);
    return null;
  }
  // Refresh at most once a minute: enough precision for a 30-minute idle limit, far fewer writes.
  if (now.getTime() - session.last_seen_at.getTime() > 60_000) {
    await sessions.updateSession(deps.db, session.id, { last_seen_at: now });
    session.last_seen_at = now;
  }
  return { session, user };
}

async function advance(
  deps: IdentityDeps,
  auth: Authenticated,
  progress: { totpVerified: boolean },
): Promise<Authenticated> {
  const user = (await users.findUserById(deps.db, auth.user.id))!;
  const stage = nextStage(user, progress, await totpRelaxedRoles(deps.db));
  const session = (await sessions.updateSession(deps.db, auth.session.id, { stage }))!;
  return { session, user };
}

export async function verifySecondFactor(
  deps: IdentityDeps,
  auth: Authenticated,
  code: string,
): Promise<Authenticated> {
  const now = deps.clock.now();
  const { user } = auth;
  if (isLocked(user, now)) throw new AppError('AUTH_LOCKED');
  if (!user.totp_secret || !user.totp_enabled_at) throw new AppError('AUTH_STEP_REQUIRED');
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed)) {
    const step = matchTotp(user.totp_secret, trimmed, now);
    if (step === null || (user.totp_last_step !== null && step <= user.totp_last_step)) {
      await registerFailure(deps, user, 'bad_totp');
      throw new AppError('AUTH_BAD_TOTP');
    }
    await users.updateUser(deps.db, user.id, { totp_last_step: step, failed_logins: 0, last_login_at: now });
  } else {
    const remaining = await users.consumeRecoveryCode(deps.db, user.id, hashRecoveryCode(trimmed), now);
    if (remaining === null) {
      await registerFailure(deps, user, 'bad_totp');
      throw new AppError('AUTH_BAD_TOTP');
    }
    await users.updateUser(deps.db, user.id, { failed_logins: 0, last_login_at: now });
    await auditUser(deps.db, user, 'auth.recovery_code_used', { remaining }, now);
  }
  return advance(deps, auth, { totpVerified: true });
}

export async function changePassword(
  deps: IdentityDeps,
  auth: Authenticated,
  input: { currentPassword?: string | undefined; newPassword: string },
): Promise<Authenticated> {
  const now = deps.clock.now();
  const { user } = auth;
  const forced = auth.session.stage === 'password_change';
  // In the forced step the password was just checked at login; otherwise ask for it again.
  if (!forced) {
    if (!input.currentPassword || !(await verifyPassword(user.password_hash, input.currentPassword))) {
      await registerFailure(deps, user, 'bad_password');
      throw new AppError('AUTH_BAD_CREDENTIALS', { userMessage: 'The current password is not correct.' });
    }
  }
  assertStrongPassword(input.newPassword, {
    username: user.username,
    common: loadCommonPasswords(deps.config.contentDir),
  });
  if (await verifyPassword(user.password_hash, input.newPassword)) throw new AppError('AUTH_SAME_PASSWORD');
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(deps.db, async (tx) => {
    await users.updateUser(tx, user.id, {
      password_hash: passwordHash,
      must_change_password: false,
      password_changed_at: now,
      updated_at: now,
    });
    // Other sessions may have been opened with the old password: they end here.
    await sessions.deleteUserSessions(tx, user.id, auth.session.id);
    await auditUser(tx, user, 'auth.password_changed', { forced }, now);
  });
  return advance(deps, auth, { totpVerified: true });
}

export async function beginTotpSetup(deps: IdentityDeps, auth: Authenticated) {
  const { user } = auth;
  if (user.totp_enabled_at) throw new AppError('AUTH_TOTP_ALREADY_ENABLED');
  const secret = generateTotpSecret();
  await users.updateUser(deps.db, user.id, { totp_secret: secret });
  const settings = await getSettings(deps.db);
  const otpauthUrl = totpUri(secret, user.username, settings.helplineName);
  return { secret, otpauthUrl, qrCodeDataUrl: await totpQrCodeDataUrl(otpauthUrl) };
}

export async function enableTotp(deps: IdentityDeps, auth: Authenticated, code: string) {
  const now = deps.clock.now();
  const user = (await users.findUserById(deps.db, auth.user.id))!;
  if (user.totp_enabled_at) throw new AppError('AUTH_TOTP_ALREADY_ENABLED');
  if (!user.totp_secret)
    throw new AppError('AUTH_STEP_REQUIRED', {
      userMessage: 'Start the set-up again: no secret was created.',
    });
  const step = matchTotp(user.totp_secret, code.trim(), now);
  if (step === null) throw new AppError('AUTH_BAD_TOTP');
  const recoveryCodes = generateRecoveryCodes();
  await inTransaction(deps.db, async (tx) => {
    await users.updateUser(tx, user.id, { totp_enabled_at: now, totp_last_step: step, updated_at: now });
    await users.replaceRecoveryCodes(tx, user.id, recoveryCodes.map(hashRecoveryCode));
    await auditUser(tx, user, 'auth.totp_enabled', {}, now);
  });
  return { recoveryCodes, auth: await advance(deps, auth, { totpVerified: true }) };
}

async function assertCurrentTotp(deps: IdentityDeps, user: UserRow, code: string): Promise<void> {
  const now = deps.clock.now();
  const step = user.totp_secret ? matchTotp(user.totp_secret, code.trim(), now) : null;
  if (step === null || (user.totp_last_step !== null && step <= user.totp_last_step)) {
    await registerFailure(deps, user, 'bad_totp');
    throw new AppError('AUTH_BAD_TOTP');
  }
  await users.updateUser(deps.db, user.id, { totp_last_step: step });
}

export async function disableTotp(
  deps: IdentityDeps,
  auth: Authenticated,
  code: string,
): Promise<Authenticated> {
  const now = deps.clock.now();
  const { user } = auth;
  if (!user.totp_enabled_at) return auth;
  if (requiresTotp(user.roles, await totpRelaxedRoles(deps.db))) throw new AppError('AUTH_TOTP_REQUIRED');
  await assertCurrentTotp(deps, user, code);
  await inTransaction(deps.db, async (tx) => {
    await users.updateUser(tx, user.id, {
      totp_enabled_at: null,
      totp_secret: null,
      totp_last_step: null,
      updated_at: now,
    });
    await users.replaceRecoveryCodes(tx, user.id, []);
    await auditUser(tx, user, 'auth.totp_disabled', {}, now);
  });
  return advance(deps, auth, { totpVerified: true });
}

export async function regenerateRecoveryCodes(
  deps: IdentityDeps,
  auth: Authenticated,
  code: string,
): Promise<string[]> {
  const now = deps.clock.now();
  const { user } = auth;
  if (!user.totp_enabled_at)
    throw new AppError('AUTH_STEP_REQUIRED', { userMessage: 'Turn on two-step verification first.' });
  await assertCurrentTotp(deps, user, code);
  const recoveryCodes = generateRecoveryCodes();
  await inTransaction(deps.db, async (tx) => {
    await users.replaceRecoveryCodes(tx, user.id, recoveryCodes.map(hashRecoveryCode));
    await auditUser(tx, user, 'auth.recovery_codes_regenerated', {}, now);
  });
  return recoveryCodes;
}

/** The person's own alias, the name children see in the chat. */
export async function updateOwnAccount(
  deps: IdentityDeps,
  auth: Authenticated,
  input: { alias: string | null },
): Promise<Authenticated> {
  const now = deps.clock.now();
  const alias = input.alias?.trim() || null;
  if (alias === auth.user.alias) return auth;
  const user = await inTransaction(deps.db, async (tx) => {
    const updated = (await users.updateUser(tx, auth.user.id, { alias, updated_at: now }))!;
    await auditUser(tx, auth.user, 'user.updated', { fields: ['alias'] }, now);
    return updated;
  });
  return { session: auth.session, user };
}

export async function logout(deps: IdentityDeps, auth: Authenticated): Promise<void> {
  await sessions.deleteSession(deps.db, auth.session.id);
  await recordAudit(
    deps.db,
    {
      actor: actorOf(auth.user),
      action: 'auth.logout',
      subject: { type: 'user', id: auth.user.id },
      details: {},
    },
    deps.clock.now(),
  );
}

export async function logoutEverywhere(deps: IdentityDeps, auth: Authenticated): Promise<void> {
  const count = await sessions.deleteUserSessions(deps.db, auth.user.id);
  await recordAudit(
    deps.db,
    {
      actor: actorOf(auth.user),
      action: 'auth.logout_everywhere',
      subject: { type: 'user', id: auth.user.id },
      details: { sessions: count },
    },
    deps.clock.now(),
  );
}

export async function resetPasswordWithToken(
  deps: IdentityDeps,
  token: string,
  newPassword: string,
): Promise<void> {
  const now = deps.clock.now();
  const reset = await deps.db
    .selectFrom('password_resets')
    .selectAll()
    .where('token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!reset || reset.used_at || reset.expires_at <= now) throw new AppError('AUTH_RESET_INVALID');
  const user = await users.findUserById(deps.db, reset.user_id);
  if (!user || user.disabled_at) throw new AppError('AUTH_RESET_INVALID');
  assertStrongPassword(newPassword, {
    username: user.username,
    common: loadCommonPasswords(deps.config.contentDir),
  });
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(deps.db, async (tx) => {
    const claimed = await tx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('token_hash', '=', reset.token_hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('AUTH_RESET_INVALID');
    await users.updateUser(tx, user.id, {
      password_hash: passwordHash,
      must_change_password: false,
      failed_logins: 0,
      locked_until: null,
      password_changed_at: now,
      updated_at: now,
    });
    await sessions.deleteUserSessions(tx, user.id);
    await auditUser(tx, user, 'auth.password_reset', {}, now);
  });
}
