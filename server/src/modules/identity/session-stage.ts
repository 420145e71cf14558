// The steps of logging in, in order: second factor (if enrolled), forced password change, 2FA enrolment
// (mandatory unless every role of the person is relaxed from it), then an active session. Each step only unlocks the next.
import type { TRole, TSessionStage } from '@abri/contracts';
import type { UserRow } from './tables.ts';

/**
 * Every role needs a second factor unless an administrator relaxed it; a person with several roles needs
 * one as soon as one of their roles does. Administrators always do, whatever the list says.
 */
export function requiresTotp(roles: readonly TRole[], relaxedRoles: readonly TRole[]): boolean {
  return roles.includes('admin') || roles.some((role) => !relaxedRoles.includes(role));
}

export function nextStage(
  user: Pick<UserRow, 'totp_enabled_at' | 'must_change_password' | 'roles'>,
  progress: { totpVerified: boolean },
  totpRelaxedRoles: readonly TRole[],
): TSessionStage {
  if (user.totp_enabled_at && !progress.totpVerified) return 'totp_verify';
  if (user.must_change_password) return 'password_change';
  if (!user.totp_enabled_at && requiresTotp(user.roles, totpRelaxedRoles)) return 'totp_enrol';
  return 'active';
}
