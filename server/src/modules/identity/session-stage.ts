// The steps of logging in, in order: second factor (if enrolled), forced password change, mandatory 2FA
// enrolment, then an active session. Each step only unlocks the next.
import type { TRole, TSessionStage } from '@abri/contracts';
import type { UserRow } from './tables.ts';

export function requiresTotp(roles: readonly TRole[], requiredRoles: readonly TRole[]): boolean {
  return roles.includes('admin') || roles.some((role) => requiredRoles.includes(role));
}

export function nextStage(
  user: Pick<UserRow, 'totp_enabled_at' | 'must_change_password' | 'roles'>,
  progress: { totpVerified: boolean },
  totpRequiredRoles: readonly TRole[],
): TSessionStage {
  if (user.totp_enabled_at && !progress.totpVerified) return 'totp_verify';
  if (user.must_change_password) return 'password_change';
  if (!user.totp_enabled_at && requiresTotp(user.roles, totpRequiredRoles)) return 'totp_enrol';
  return 'active';
}
