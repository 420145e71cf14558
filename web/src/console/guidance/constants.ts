// Values mirrored from @abri/contracts (guidance, partners): importing them at run time would bring the
// contracts' zod schemas into the console bundle. The `satisfies` clauses and Exhaustive checks below keep
// the copies in step at compile time; constants.test.ts checks the order against the schemas.
import type {
  TGuidePlatform,
  TOutboxMailSummary,
  TPartnerKind,
  TProtocolCaller,
  TProtocolStep,
  TProtocolTopic,
  TTaxonomyName,
  ZRedFlagName,
} from '@abri/contracts';
import type { z } from 'zod';

export const PROTOCOL_TOPICS = [
  'unsolicited_contact',
  'grooming',
  'sextortion',
  'cyber_harassment',
  'non_consensual_images',
  'privacy',
  'harmful_content',
  'scams_hacked_account',
] as const satisfies readonly TProtocolTopic[];

export const PROTOCOL_CALLERS = [
  'child',
  'parent',
  'professional',
] as const satisfies readonly TProtocolCaller[];

export const PROTOCOL_STEPS = [
  'welcome',
  'confidentiality',
  'open_questions',
  'emotional_impact',
  'trusted_adult',
  'practical_options',
  'evidence',
  'reporting',
  'red_flags',
  'escalation',
] as const satisfies readonly TProtocolStep[];

export const GUIDE_PLATFORMS = [
  'instagram',
  'snapchat',
  'tiktok',
  'whatsapp',
  'discord',
  'roblox',
  'youtube',
  'fortnite',
] as const satisfies readonly TGuidePlatform[];

/** Brand names, the same in every language (a how-to's own `name` is preferred where there is one). */
export const PLATFORM_NAMES: Record<TGuidePlatform, string> = {
  instagram: 'Instagram',
  snapchat: 'Snapchat',
  tiktok: 'TikTok',
  whatsapp: 'WhatsApp',
  discord: 'Discord',
  roblox: 'Roblox',
  youtube: 'YouTube',
  fortnite: 'Fortnite',
};

export type TRedFlagName = z.infer<typeof ZRedFlagName>;
export const RED_FLAG_NAMES = [
  'personal_details',
  'threat',
  'sextortion',
  'image_request',
  'meeting_request',
  'secrecy',
  'platform_move',
  'sexual_questions',
  'self_harm',
  'immediate_danger',
] as const satisfies readonly TRedFlagName[];

export const PARTNER_KINDS = [
  'law_enforcement',
  'child_protection',
  'platform',
  'health',
] as const satisfies readonly TPartnerKind[];

export const TAXONOMY_NAMES = [
  'age_bands',
  'genders',
  'regions',
  'topics',
  'platforms',
  'outcomes',
  'referrals',
] as const satisfies readonly TTaxonomyName[];

/** The statuses of an outbox e-mail. */
export type TMailStatus = TOutboxMailSummary['status'];
export const MAIL_STATUSES = ['queued', 'sent', 'held', 'failed'] as const satisfies readonly TMailStatus[];

/** The codes of ZTaxonomyItem, ZAdviceCard ids and taxonomy group codes. */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,47}$/;
/** ZPartnerInput's code (two characters at least). */
export const PARTNER_CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{1,47}$/;
/** A French département code (01–95, 2A, 2B, 971–976). */
export const REGION_PATTERN = /^[0-9][0-9AB]{1,2}$/;
/** settings.records' retention periods, in days. */
export const RETENTION_BOUNDS = { min: 30, max: 3650 } as const;

export function isProtocolTopic(value: unknown): value is TProtocolTopic {
  return typeof value === 'string' && (PROTOCOL_TOPICS as readonly string[]).includes(value);
}

type Exhaustive<All, Listed> = [All] extends [Listed] ? true : never;
const complete: [
  Exhaustive<TProtocolTopic, (typeof PROTOCOL_TOPICS)[number]>,
  Exhaustive<TProtocolCaller, (typeof PROTOCOL_CALLERS)[number]>,
  Exhaustive<TProtocolStep, (typeof PROTOCOL_STEPS)[number]>,
  Exhaustive<TGuidePlatform, (typeof GUIDE_PLATFORMS)[number]>,
  Exhaustive<TRedFlagName, (typeof RED_FLAG_NAMES)[number]>,
  Exhaustive<TPartnerKind, (typeof PARTNER_KINDS)[number]>,
  Exhaustive<TTaxonomyName, (typeof TAXONOMY_NAMES)[number]>,
  Exhaustive<TMailStatus, (typeof MAIL_STATUSES)[number]>,
] = [true, true, true, true, true, true, true, true];
void complete;
