// The hotline's analyst side: the triage queue of deduplicated items, an item with its reports, its
// assessment (INHOPE-style classification and legal qualification), where it is hosted, the actions taken
// (PHAROS referral, transfer to a foreign hotline, DSA Art. 16 notice, closing, feedback to the reporter)
// and the removal checks that measure the notice-and-takedown time.
import { z } from 'zod';
import { ZReportCategory, ZReportSource } from './hotline.ts';
import { ZMediaCheck } from './media.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
const ZText = (max: number) =>
  z.string().trim().max(max, `at most ${max} characters`).regex(NO_CONTROL, 'no control characters');

/**
 * new: nobody has taken it; in_review: an analyst took it; awaiting_removal: referred, transferred or
 * notified, and checked until it is gone; removed: gone (seen by the removal check, or marked by an
 * analyst); closed: not actionable, with a reason.
 */
export const HOTLINE_ITEM_STATUSES = ['new', 'in_review', 'awaiting_removal', 'removed', 'closed'] as const;
export const ZHotlineItemStatus = z.enum(HOTLINE_ITEM_STATUSES);
export type THotlineItemStatus = z.infer<typeof ZHotlineItemStatus>;

/** A web address, or content inside an app named by its platform and account (no address to check). */
export const ZHotlineItemKind = z.enum(['url', 'account']);

// ---- Assessment (INHOPE ICCAM-style) ------------------------------------------------------------------

/** baseline: illegal everywhere (INHOPE/Interpol baseline); nationally_illegal: illegal under French law. */
export const HOTLINE_CLASSIFICATIONS = ['baseline', 'nationally_illegal', 'not_illegal'] as const;
export const HOTLINE_CONTENT_TYPES = ['image', 'video', 'text', 'other'] as const;
export const HOTLINE_VICTIM_AGES = ['infant', 'prepubescent', 'pubescent', 'unknown'] as const;
export const HOTLINE_VICTIM_GENDERS = ['female', 'male', 'both', 'unknown'] as const;
export const HOTLINE_SITE_TYPES = [
  'website',
  'image_hosting',
  'file_hosting',
  'video_platform',
  'social_network',
  'forum',
  'chat_messaging',
  'blog',
  'search_engine',
  'redirector',
  'other',
] as const;

export const ZHotlineAssessmentInput = z.strictObject({
  classification: z.enum(HOTLINE_CLASSIFICATIONS),
  contentType: z.enum(HOTLINE_CONTENT_TYPES),
  /** For child sexual abuse material; null otherwise. */
  victimAge: z.enum(HOTLINE_VICTIM_AGES).nullable().default(null),
  victimGender: z.enum(HOTLINE_VICTIM_GENDERS).nullable().default(null),
  siteType: z.enum(HOTLINE_SITE_TYPES),
  /** Offence ids from the legal reference table ("FR:227-23"); at least one unless not illegal. */
  offences: z.array(z.string().max(40)).max(10).default([]),
  notes: ZText(4000).optional(),
  /** The revision this edit starts from (absent for the first assessment): a stale save is refused. */
  revision: z.number().int().min(1).optional(),
});
export type THotlineAssessmentInput = z.infer<typeof ZHotlineAssessmentInput>;

export const ZHotlineAssessment = z.object({
  classification: z.enum(HOTLINE_CLASSIFICATIONS),
  contentType: z.enum(HOTLINE_CONTENT_TYPES),
  victimAge: z.enum(HOTLINE_VICTIM_AGES).nullable(),
  victimGender: z.enum(HOTLINE_VICTIM_GENDERS).nullable(),
  siteType: z.enum(HOTLINE_SITE_TYPES),
  offences: z.array(z.string()),
  notes: z.string().nullable(),
  revision: z.number().int(),
  assessedByName: z.string().nullable(),
  assessedAt: z.iso.datetime(),
});
export type THotlineAssessment = z.infer<typeof ZHotlineAssessment>;

/** One line of the legal reference table. */
export const ZLegalOffence = z.object({
  id: z.string(),
  country: z.string(),
  code: z.string(),
  article: z.string(),
  label: z.object({ fr: z.string(), en: z.string() }),
  /** The DSA transparency database's statement category (STATEMENT_CATEGORY_...). */
  dsaCategory: z.string(),
  /** An offence on child sexual abuse (Directive 2011/93/EU, Art. 3 to 7): notices omit the notifier's name. */
  csam: z.boolean(),
  active: z.boolean(),
});
export type TLegalOffence = z.infer<typeof ZLegalOffence>;

// ---- Hosting ------------------------------------------------------------------------------------------

export const ZHotlineHosting = z.object({
  ips: z.array(z.string()),
  country: z.string().nullable(),
  asn: z.number().int().nullable(),
  provider: z.string().nullable(),
  addresses: z.array(
    z.object({
      ip: z.string(),
      hosting: z
        .object({ country: z.string(), asn: z.number().int().nullable(), provider: z.string().nullable() })
        .nullable(),
    }),
  ),
  error: z.enum(['dns_failed', 'invalid_host']).nullable(),
  resolvedAt: z.iso.datetime(),
});
export type THotlineHosting = z.infer<typeof ZHotlineHosting>;

export const ZIpRangeTableInfo = z.object({
  version: z.number().int(),
  source: z.enum(['shipped', 'admin']),
  ranges: z.number().int(),
  uploadedByName: z.string().nullable(),
  uploadedAt: z.iso.datetime(),
});
export type TIpRangeTableInfo = z.infer<typeof ZIpRangeTableInfo>;

export const ZIpRangeUpload = z.strictObject({ csv: z.string().min(1).max(20_000_000) });

// ---- Actions ------------------------------------------------------------------------------------------

export const HOTLINE_ACTION_KINDS = [
  'claimed',
  'released',
  'assessed',
  'pharos_referral',
  'hotline_transfer',
  'provider_notice',
  'not_actionable',
  'reporter_feedback',
  'marked_removed',
  'reopened',
  'removal_reminder',
  'exported',
  /** A picture matched a bank of known abuse material (reference: the bank, note: the distance). */
  'known_material',
  /** An analyst added the item's picture hashes to a bank (reference: the bank). */
  'added_to_bank',
] as const;
export const ZHotlineActionKind = z.enum(HOTLINE_ACTION_KINDS);
export type THotlineActionKind = z.infer<typeof ZHotlineActionKind>;

export const NOT_ACTIONABLE_REASONS = [
  'not_illegal',
  'content_gone',
  'unreachable',
  'insufficient_information',
  'out_of_scope',
  'duplicate',
  'other',
] as const;
export const ZNotActionableReason = z.enum(NOT_ACTIONABLE_REASONS);

export const ZHotlineAction = z.object({
  id: z.string(),
  kind: ZHotlineActionKind,
  /** email | portal (PHAROS filed on its site, or the package downloaded and sent another way). */
  via: z.string().nullable(),
  recipient: z.string().nullable(),
  partnerCode: z.string().nullable(),
  language: z.string().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  reference: z.string().nullable(),
  /** For e-mailed actions: the outbox status (queued, held, sent, failed). */
  mailStatus: z.string().nullable(),
  sentAt: z.iso.datetime().nullable(),
  byName: z.string().nullable(),
  at: z.iso.datetime(),
});
export type THotlineAction = z.infer<typeof ZHotlineAction>;

export const ZPharosReferralInput = z.strictObject({
  /** email: the package is e-mailed to PHAROS's address (settings); portal: filed on the portal by hand. */
  via: z.enum(['email', 'portal']),
  /** PHAROS's reference when filed on the portal. */
  reference: ZText(100).optional(),
  note: ZText(1000).optional(),
});

export const ZHotlineTransferInput = z.strictObject({
  hotline: z.string().min(1).max(40),
  note: ZText(2000).optional(),
});

/** Languages the DSA notice templates are written in. */
export const NOTICE_LANGUAGES = ['fr', 'en', 'de', 'nl', 'es', 'it'] as const;
export const ZNoticeLanguage = z.enum(NOTICE_LANGUAGES);

export const ZProviderNoticeInput = z.strictObject({
  to: z.email('not a valid e-mail address').max(254),
  language: ZNoticeLanguage,
  /** The substantiated explanation (Art. 16(2)(a)), written by the analyst; the template frames it. */
  explanation: ZText(4000).min(20, 'explain in a few sentences why the content is illegal'),
});
export type TProviderNoticeInput = z.infer<typeof ZProviderNoticeInput>;

export const ZNoticePreviewQuery = z.strictObject({
  language: ZNoticeLanguage,
  explanation: ZText(4000).optional(),
});
export const ZNoticePreview = z.object({
  subject: z.string(),
  text: z.string(),
  omitsNotifierName: z.boolean(),
});

export const ZNotActionableInput = z.strictObject({
  reason: ZNotActionableReason,
  note: ZText(1000).optional(),
});

export const ZMarkRemovedInput = z.strictObject({ note: ZText(1000).optional() });

export const ZFeedbackResult = z.object({ sent: z.number().int() });

// ---- Removal checks -----------------------------------------------------------------------------------

/**
 * up: still there; removed: 404, 410 or 451, or the file is no longer the one reported; changed: the page
 * answers but differs from the first check (the analyst looks); unreachable: no answer (three in a row
 * count as removed); refused: the address now points at a private network, and is not fetched.
 */
export const REMOVAL_OUTCOMES = ['up', 'removed', 'changed', 'unreachable', 'refused'] as const;
export const ZRemovalOutcome = z.enum(REMOVAL_OUTCOMES);
export type TRemovalOutcome = z.infer<typeof ZRemovalOutcome>;

export const ZRemovalCheck = z.object({
  at: z.iso.datetime(),
  outcome: ZRemovalOutcome,
  httpStatus: z.number().int().nullable(),
  detail: z.string().nullable(),
});

// ---- Items --------------------------------------------------------------------------------------------

export const ZHotlineItemSummary = z.object({
  id: z.string(),
  kind: ZHotlineItemKind,
  url: z.string().nullable(),
  host: z.string(),
  platform: z.string().nullable(),
  account: z.string().nullable(),
  category: ZReportCategory,
  priority: z.number().int(),
  status: ZHotlineItemStatus,
  reportCount: z.number().int(),
  fileCount: z.number().int(),
  assignedToId: z.string().nullable(),
  assignedToName: z.string().nullable(),
  firstReportedAt: z.iso.datetime(),
  lastReportedAt: z.iso.datetime(),
  notifiedAt: z.iso.datetime().nullable(),
  removedAt: z.iso.datetime().nullable(),
  /** Still online after the reminder delay. */
  overdue: z.boolean(),
  /** One of its pictures matched a bank of known abuse material (priority 0, pictures never shown). */
  knownMaterial: z.boolean(),
});
export type THotlineItemSummary = z.infer<typeof ZHotlineItemSummary>;

export const ZHotlineFile = z.object({
  id: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  md5: z.string(),
  sha1: z.string(),
  /** Hashing and matching against the banks; the picture is displayable only once it is `hashed` and not `known`. */
  check: ZMediaCheck,
});
export type THotlineFile = z.infer<typeof ZHotlineFile>;

export const ZHotlineReport = z.object({
  id: z.string(),
  category: ZReportCategory,
  source: ZReportSource.nullable(),
  platform: z.string().nullable(),
  account: z.string().nullable(),
  description: z.string().nullable(),
  language: z.enum(['fr', 'en']),
  /** Whether the reporter left an e-mail for news (the address itself is never shown). */
  wantsFeedback: z.boolean(),
  feedbackSentAt: z.iso.datetime().nullable(),
  receivedAt: z.iso.datetime(),
  files: z.array(ZHotlineFile),
});
export type THotlineReport = z.infer<typeof ZHotlineReport>;

export const ZHotlineItem = ZHotlineItemSummary.extend({
  closedReason: ZNotActionableReason.nullable(),
  /** Hours from the first referral, transfer or notice to removal. */
  takedownHours: z.number().nullable(),
  nextCheckAt: z.iso.datetime().nullable(),
  reminderDueAt: z.iso.datetime().nullable(),
  reports: z.array(ZHotlineReport),
  assessment: ZHotlineAssessment.nullable(),
  hosting: ZHotlineHosting.nullable(),
  actions: z.array(ZHotlineAction),
  checks: z.array(ZRemovalCheck),
  /** Other open items on the same host (a site may host many). */
  sameHostOpen: z.number().int(),
});
export type THotlineItem = z.infer<typeof ZHotlineItem>;

export const ZHotlineQueueQuery = z.strictObject({
  /** open = new and in_review (the default); all = every status. */
  status: z.enum([...HOTLINE_ITEM_STATUSES, 'open', 'all']).default('open'),
  category: ZReportCategory.optional(),
  priority: z.coerce.number().int().min(0).max(4).optional(),
  host: ZText(253).optional(),
  assigned: z.enum(['me', 'unassigned', 'any']).default('any'),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type THotlineQueueQuery = z.infer<typeof ZHotlineQueueQuery>;

export const ZHotlineQueue = z.object({ items: z.array(ZHotlineItemSummary), total: z.number().int() });

export const ZHotlineHostGroup = z.object({
  host: z.string(),
  items: z.number().int(),
  reports: z.number().int(),
  topPriority: z.number().int(),
  oldest: z.iso.datetime(),
});
export const ZHotlineHostsQuery = z.strictObject({
  status: z.enum([...HOTLINE_ITEM_STATUSES, 'open', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The hotline's figures: what waits, and the notice-and-takedown time over the last 30 days. */
export const ZHotlineStats = z.object({
  byStatus: z.record(z.string(), z.number().int()),
  overdue: z.number().int(),
  removedLast30Days: z.number().int(),
  takedownMedianHours: z.number().nullable(),
  takedownP90Hours: z.number().nullable(),
});

// ---- Analyst welfare ----------------------------------------------------------------------------------

export const ZExposure = z.object({
  /** Images this analyst revealed today (Paris day), each counted once. */
  today: z.number().int(),
  /** A break is suggested every this many images (settings). */
  breakEvery: z.number().int(),
  breakSuggested: z.boolean(),
});
export type TExposure = z.infer<typeof ZExposure>;

// ---- Directory ----------------------------------------------------------------------------------------

export const ZForeignHotline = z.object({
  code: z.string(),
  name: z.string(),
  countries: z.array(z.string()),
  email: z.string().nullable(),
  url: z.string().nullable(),
  active: z.boolean(),
});
export type TForeignHotline = z.infer<typeof ZForeignHotline>;
/** What an administrator sets on a directory entry: the address to transfer to, and whether it is used. */
export const ZForeignHotlineUpdate = z.strictObject({
  email: z.email('not a valid e-mail address').max(254).nullable(),
  url: z
    .url({ protocol: /^https?$/, message: 'an http or https address' })
    .max(500)
    .nullable(),
  active: z.boolean(),
});

export const ZForeignHotlinesFile = z.object({
  hotlines: z.array(
    z.strictObject({
      code: z.string().regex(/^[a-z0-9_]{2,40}$/),
      name: z.string().min(1).max(200),
      countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1),
      email: z.email().nullable(),
      url: z.url().nullable(),
      active: z.boolean().default(true),
    }),
  ),
});

// ---- Export (NCMEC CyberTipline-shaped) ---------------------------------------------------------------

export const ZHotlineExportQuery = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  status: z.enum([...HOTLINE_ITEM_STATUSES, 'all']).default('all'),
});
