// Staff identity: roles, the abilities they grant, and the shapes of the login and account endpoints.
import { z } from 'zod';

export const ROLES = ['counsellor', 'supervisor', 'analyst', 'admin'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

/** What a person may do. The server computes them from roles and sends them to the web client. */
export const ABILITIES = [
  'console.use',
  'helpline.answer',
  'helpline.supervise',
  'hotline.analyse',
  'banks.manage',
  'users.manage',
  'audit.read',
  'settings.manage',
] as const;
export type TAbility = (typeof ABILITIES)[number];

const grants: Record<TRole, readonly TAbility[]> = {
  counsellor: ['console.use', 'helpline.answer'],
  supervisor: ['console.use', 'helpline.answer', 'helpline.supervise'],
  analyst: ['console.use', 'hotline.analyse'],
  admin: ['console.use', 'users.manage', 'audit.read', 'settings.manage', 'banks.manage'],
};

export function abilitiesFor(roles: readonly TRole[]): TAbility[] {
  const set = new Set<TAbility>();
  for (const role of roles) for (const ability of grants[role]) set.add(ability);
  return ABILITIES.filter((ability) => set.has(ability));
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const ZUsername = z
  .string()
  .trim()
  .min(3, 'at least 3 characters')
  .max(64, 'at most 64 characters')
  .regex(/^[a-zA-Z0-9._-]+$/, 'letters, digits, dot, dash and underscore only');

export const ZDisplayName = z
  .string()
  .trim()
  .min(1, 'required')
  .max(100, 'at most 100 characters')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  .regex(/^[^<>\u0000-\u001f]+$/, 'no angle brackets or control characters');

/**
 * The name a counsellor is shown to children under (a first name they choose, or a pseudonym), never the
 * account's name. Without one, children see a neutral label ("Someone from the team").
 */
export const ZAlias = z
  .string()
  .trim()
  .min(1, 'required')
  .max(40, 'at most 40 characters')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  .regex(/^[^<>\u0000-\u001f]+$/, 'no angle brackets or control characters');

export const ZPassword = z.string().max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`);

/** Where a login stands: each stage allows only the next step until the session is active. */
export const ZSessionStage = z.enum(['password_change', 'totp_enrol', 'totp_verify', 'active']);
export type TSessionStage = z.infer<typeof ZSessionStage>;

export const ZLoginRequest = z.strictObject({
  username: z.string().min(1, 'required').max(64, 'at most 64 characters'),
  password: z
    .string()
    .min(1, 'required')
    .max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZTotpVerifyRequest = z.strictObject({
  code: z.string().trim().min(6, 'enter the 6-digit code or a recovery code').max(32),
});

export const ZPasswordChangeRequest = z.strictObject({
  currentPassword: z.string().max(PASSWORD_MAX_LENGTH).optional(),
  newPassword: ZPassword,
});

export const ZSessionUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  /** What children see of this person in the chat; null: a neutral label. */
  alias: z.string().nullable(),
  roles: z.array(ZRole),
  totpEnabled: z.boolean(),
});

export const ZSessionInfo = z.object({
  stage: ZSessionStage,
  user: ZSessionUser,
  abilities: z.array(z.enum(ABILITIES)),
  csrfToken: z.string(),
  /** When the session ends at the latest, and after how many idle minutes. */
  expiresAt: z.iso.datetime(),
  idleMinutes: z.number().int(),
});
export type TSessionInfo = z.infer<typeof ZSessionInfo>;

export const ZTotpSetupResponse = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  /** An SVG image of the QR code, as a data: URL. */
  qrCodeDataUrl: z.string(),
});

export const ZRecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });

export const ZUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  /** What children see of this person in the chat; null: a neutral label. */
  alias: z.string().nullable(),
  email: z.string().nullable(),
  /** With settings.records.teamCaseVisibility, counsellors of one team see each other's cases. */
  team: z.string().nullable(),
  roles: z.array(ZRole),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  disabled: z.boolean(),
  lockedUntil: z.iso.datetime().nullable(),
  lastLoginAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type TUser = z.infer<typeof ZUser>;

const ZEmail = z.email('not a valid e-mail address').max(254);

export const ZUserCreateRequest = z.strictObject({
  username: ZUsername,
  displayName: ZDisplayName,
  alias: ZAlias.nullable().optional(),
  email: ZEmail.nullable().optional(),
  roles: z.array(ZRole).min(1, 'choose at least one role').max(ROLES.length),
});

export const ZUserCreateResponse = z.object({
  user: ZUser,
  /** Shown once to the administrator; the user must change it at first login. */
  oneTimePassword: z.string(),
});

export const ZTeam = z
  .string()
  .trim()
  .min(1, 'required')
  .max(60, 'at most 60 characters')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  .regex(/^[^<>\u0000-\u001f]+$/, 'no angle brackets or control characters');

export const ZUserUpdateRequest = z.strictObject({
  displayName: ZDisplayName.optional(),
  alias: ZAlias.nullable().optional(),
  email: ZEmail.nullable().optional(),
  team: ZTeam.nullable().optional(),
  roles: z.array(ZRole).min(1, 'choose at least one role').max(ROLES.length).optional(),
  disabled: z.boolean().optional(),
});

/** What a person changes on their own account page besides password and second factor. */
export const ZAccountUpdateRequest = z.strictObject({
  alias: ZAlias.nullable(),
});

export const ZResetLinkResponse = z.object({ resetUrl: z.string(), expiresAt: z.iso.datetime() });

export const ZResetPasswordRequest = z.strictObject({
  token: z.string().min(16).max(128),
  newPassword: ZPassword,
});

export const ZOwnSession = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  userAgent: z.string().nullable(),
});
