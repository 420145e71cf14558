// Counsellor guidance: protocols per topic and caller, the shared platform how-tos, and the editable lists
// (taxonomies) that contact records use. All of it is data: versioned files in content/, loaded into the
// database, edited by administrators in the console; a contact records the protocol version it followed.
import { z } from 'zod';

/** The topics that have a protocol (the chat's pre-chat topics, less "excessive use" and "other"). */
export const PROTOCOL_TOPICS = [
  'unsolicited_contact',
  'grooming',
  'sextortion',
  'cyber_harassment',
  'non_consensual_images',
  'privacy',
  'harmful_content',
  'scams_hacked_account',
] as const;
export const ZProtocolTopic = z.enum(PROTOCOL_TOPICS);
export type TProtocolTopic = z.infer<typeof ZProtocolTopic>;

/** Who is calling: a protocol gives each its own steps, questions and advice. */
export const PROTOCOL_CALLERS = ['child', 'parent', 'professional'] as const;
export const ZProtocolCaller = z.enum(PROTOCOL_CALLERS);
export type TProtocolCaller = z.infer<typeof ZProtocolCaller>;

/** The steps of a helpline conversation, in order; every caller's guide has each of them once. */
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
] as const;
export const ZProtocolStep = z.enum(PROTOCOL_STEPS);
export type TProtocolStep = z.infer<typeof ZProtocolStep>;

/** The platforms with how-tos (block, privacy settings, in-app reporting). */
export const GUIDE_PLATFORMS = [
  'instagram',
  'snapchat',
  'tiktok',
  'whatsapp',
  'discord',
  'roblox',
  'youtube',
  'fortnite',
] as const;
export const ZGuidePlatform = z.enum(GUIDE_PLATFORMS);
export type TGuidePlatform = z.infer<typeof ZGuidePlatform>;

/** Red flags of packages/redflags, as protocols refer to them (kept in step by a test). */
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
] as const;
export const ZRedFlagName = z.enum(RED_FLAG_NAMES);

/** The kinds of partner an escalation goes to. */
export const PARTNER_KINDS = ['law_enforcement', 'child_protection', 'platform', 'health'] as const;
export const ZPartnerKind = z.enum(PARTNER_KINDS);
export type TPartnerKind = z.infer<typeof ZPartnerKind>;

const line = (max: number) => z.string().trim().min(1, 'required').max(max, `at most ${max} characters`);
const ZSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, 'lowercase letters, digits, dashes and underscores (max 48)');

/** Advice a counsellor can send to the visitor as a formatted card: a title and a few short points. */
export const ZAdviceCard = z.strictObject({
  id: ZSlug,
  title: line(120),
  points: z.array(line(400)).min(1, 'at least one point').max(10),
  /** Platforms this advice is about (shown as a hint; the how-tos come from the platform guide). */
  platforms: z.array(ZGuidePlatform).max(GUIDE_PLATFORMS.length).optional(),
});
export type TAdviceCard = z.infer<typeof ZAdviceCard>;

export const ZProtocolStepGuide = z.strictObject({
  step: ZProtocolStep,
  /** What the counsellor does at this step, in a sentence or two. */
  guidance: line(1500),
});

export const ZCallerGuide = z
  .strictObject({
    /** Every step once, in PROTOCOL_STEPS order. */
    steps: z.array(ZProtocolStepGuide).length(PROTOCOL_STEPS.length),
    /** Open questions, inserted in the reply box in one click. */
    questions: z.array(line(300)).min(3, 'at least 3 questions').max(20),
    advice: z.array(ZAdviceCard).min(1).max(12),
  })
  .refine(
    (guide) => guide.steps.every((entry, index) => entry.step === PROTOCOL_STEPS[index]),
    `the steps must be, in order: ${PROTOCOL_STEPS.join(', ')}`,
  );
export type TCallerGuide = z.infer<typeof ZCallerGuide>;

export const ZProtocolRedFlag = z.strictObject({
  /** The detector's flag this sign matches, if any (then the chat banner shows this protocol's steps). */
  flag: ZRedFlagName.nullable(),
  text: line(500),
});

/** One language of a protocol. */
export const ZProtocolText = z.strictObject({
  title: line(120),
  summary: line(1500),
  callers: z.strictObject({ child: ZCallerGuide, parent: ZCallerGuide, professional: ZCallerGuide }),
  redFlags: z.array(ZProtocolRedFlag).min(1).max(20),
  escalation: z.strictObject({
    /** What to do when a red flag shows, in order. */
    steps: z.array(line(500)).min(1).max(12),
    /** Which kinds of partner to involve. */
    partners: z.array(ZPartnerKind).min(1).max(PARTNER_KINDS.length),
  }),
});
export type TProtocolText = z.infer<typeof ZProtocolText>;

/** A protocol as stored and edited: both languages at once. */
export const ZProtocolBody = z.strictObject({ fr: ZProtocolText, en: ZProtocolText });
export type TProtocolBody = z.infer<typeof ZProtocolBody>;

/** A file of content/protocols/. */
export const ZProtocolFile = z.strictObject({
  topic: ZProtocolTopic,
  version: z.number().int().min(1),
  fr: ZProtocolText,
  en: ZProtocolText,
});

export const ZPlatformHowTo = z.strictObject({
  platform: ZGuidePlatform,
  name: line(60),
  block: z.array(line(400)).min(1).max(8),
  privacy: z.array(line(400)).min(1).max(8),
  report: z.array(line(400)).min(1).max(8),
});
export type TPlatformHowTo = z.infer<typeof ZPlatformHowTo>;

const ZPlatformList = z
  .array(ZPlatformHowTo)
  .length(GUIDE_PLATFORMS.length)
  .refine(
    (list) => GUIDE_PLATFORMS.every((platform) => list.some((entry) => entry.platform === platform)),
    `one entry for each of: ${GUIDE_PLATFORMS.join(', ')}`,
  );
export const ZPlatformGuideBody = z.strictObject({ fr: ZPlatformList, en: ZPlatformList });
export type TPlatformGuideBody = z.infer<typeof ZPlatformGuideBody>;

/** content/protocols/platforms.json. */
export const ZPlatformGuideFile = z.strictObject({
  version: z.number().int().min(1),
  fr: ZPlatformList,
  en: ZPlatformList,
});

export const ZProtocolSummary = z.object({
  topic: ZProtocolTopic,
  version: z.number().int(),
  title: z.object({ fr: z.string(), en: z.string() }),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().nullable(),
});
export type TProtocolSummary = z.infer<typeof ZProtocolSummary>;

export const ZProtocol = z.object({
  topic: ZProtocolTopic,
  version: z.number().int(),
  body: ZProtocolBody,
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().nullable(),
});
export type TProtocol = z.infer<typeof ZProtocol>;

export const ZProtocolVersionInfo = z.object({
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  createdBy: z.string().nullable(),
  note: z.string().nullable(),
});

export const ZProtocolUpdate = z.strictObject({
  /** The version the editor started from: saving over a newer one is refused (no lost edits). */
  baseVersion: z.number().int().min(1),
  body: ZProtocolBody,
  note: z.string().trim().max(300).optional(),
});

export const ZPlatformGuide = z.object({
  version: z.number().int(),
  body: ZPlatformGuideBody,
  updatedAt: z.iso.datetime(),
});

export const ZPlatformGuideUpdate = z.strictObject({
  baseVersion: z.number().int().min(1),
  body: ZPlatformGuideBody,
  note: z.string().trim().max(300).optional(),
});

// --- taxonomies: the lists a contact record is filled from ---

/** The editable lists. Call types are not among them: what a record requires depends on them. */
export const TAXONOMY_NAMES = [
  'age_bands',
  'genders',
  'regions',
  'topics',
  'platforms',
  'outcomes',
  'referrals',
] as const;
export const ZTaxonomyName = z.enum(TAXONOMY_NAMES);
export type TTaxonomyName = z.infer<typeof ZTaxonomyName>;

export const ZTaxonomyItem = z.strictObject({
  code: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, 'lowercase letters, digits, dashes, underscores'),
  label: z.strictObject({ fr: line(120), en: line(120) }),
  /** A heading the item is listed under (a Child Helpline International category for topics). */
  group: z.string().trim().max(60).optional(),
  /** Child Helpline International's category code this item reports under, where there is one. */
  chi: z.string().trim().max(60).optional(),
  /** No longer offered for new records; kept so that older records still read. */
  retired: z.boolean().optional(),
});
export type TTaxonomyItem = z.infer<typeof ZTaxonomyItem>;

export const ZTaxonomyItems = z
  .array(ZTaxonomyItem)
  .min(1)
  .max(300)
  .refine((items) => new Set(items.map((item) => item.code)).size === items.length, 'codes must be unique');

/** content/taxonomies/<name>.json. */
export const ZTaxonomyFile = z.strictObject({
  name: ZTaxonomyName,
  version: z.number().int().min(1),
  /** Group headings, translated (codes used in items' `group`). */
  groups: z.record(z.string(), z.strictObject({ fr: line(120), en: line(120) })).optional(),
  items: ZTaxonomyItems,
});

export const ZTaxonomy = z.object({
  name: ZTaxonomyName,
  version: z.number().int(),
  groups: z.record(z.string(), z.object({ fr: z.string(), en: z.string() })),
  items: z.array(ZTaxonomyItem),
  updatedAt: z.iso.datetime(),
});
export type TTaxonomy = z.infer<typeof ZTaxonomy>;

export const ZTaxonomyUpdate = z.strictObject({
  baseVersion: z.number().int().min(1),
  groups: z.record(z.string(), z.strictObject({ fr: line(120), en: line(120) })).optional(),
  items: ZTaxonomyItems,
});
