// The contracts' fixed lists the hotline pages need, copied so that the console does not pull zod into its
// bundle; each copy is typed as the contract's constant (a change there is a compile error here) and
// constants.test.ts checks the values and their order against the contracts.
import type {
  HOTLINE_ACTION_KINDS as CONTRACT_ACTION_KINDS,
  HOTLINE_CLASSIFICATIONS as CONTRACT_CLASSIFICATIONS,
  NOT_ACTIONABLE_REASONS as CONTRACT_CLOSE_REASONS,
  HOTLINE_CONTENT_TYPES as CONTRACT_CONTENT_TYPES,
  HOTLINE_ITEM_STATUSES as CONTRACT_ITEM_STATUSES,
  MAIL_STATUSES as CONTRACT_MAIL_STATUSES,
  NOTICE_LANGUAGES as CONTRACT_NOTICE_LANGUAGES,
  REMOVAL_OUTCOMES as CONTRACT_REMOVAL_OUTCOMES,
  REPORT_CATEGORIES as CONTRACT_REPORT_CATEGORIES,
  REPORT_SOURCES as CONTRACT_REPORT_SOURCES,
  HOTLINE_SITE_TYPES as CONTRACT_SITE_TYPES,
  HOTLINE_VICTIM_AGES as CONTRACT_VICTIM_AGES,
  HOTLINE_VICTIM_GENDERS as CONTRACT_VICTIM_GENDERS,
  TReportCategory,
} from '@abri/contracts';

export const HOTLINE_ITEM_STATUSES: typeof CONTRACT_ITEM_STATUSES = [
  'new',
  'in_review',
  'awaiting_removal',
  'removed',
  'closed',
] as const;

/** The queue's status filter: the statuses, plus open (new and in review, the default) and all. */
export const QUEUE_STATUS_FILTERS = ['open', ...HOTLINE_ITEM_STATUSES, 'all'] as const;
export type QueueStatusFilter = (typeof QUEUE_STATUS_FILTERS)[number];

export const REPORT_CATEGORIES: typeof CONTRACT_REPORT_CATEGORIES = [
  'child_sexual_abuse',
  'grooming',
  'sextortion',
  'cyber_harassment',
  'non_consensual_images',
  'hate_violence',
  'terrorism',
  'other',
] as const;

/**
 * The categories for which the victim's age band and gender are asked (INHOPE's baseline is about child
 * sexual abuse material); the fields also show once an offence on child sexual abuse is chosen, or when set.
 */
export const VICTIM_CATEGORIES: readonly TReportCategory[] = ['child_sexual_abuse'];

export const REPORT_SOURCES: typeof CONTRACT_REPORT_SOURCES = [
  'website',
  'social_network',
  'messaging',
  'video_game',
  'search_engine',
  'other',
] as const;

export const HOTLINE_CLASSIFICATIONS: typeof CONTRACT_CLASSIFICATIONS = [
  'baseline',
  'nationally_illegal',
  'not_illegal',
] as const;

export const HOTLINE_CONTENT_TYPES: typeof CONTRACT_CONTENT_TYPES = [
  'image',
  'video',
  'text',
  'other',
] as const;

export const HOTLINE_VICTIM_AGES: typeof CONTRACT_VICTIM_AGES = [
  'infant',
  'prepubescent',
  'pubescent',
  'unknown',
] as const;

export const HOTLINE_VICTIM_GENDERS: typeof CONTRACT_VICTIM_GENDERS = [
  'female',
  'male',
  'both',
  'unknown',
] as const;

export const HOTLINE_SITE_TYPES: typeof CONTRACT_SITE_TYPES = [
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

export const HOTLINE_ACTION_KINDS: typeof CONTRACT_ACTION_KINDS = [
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
  'known_material',
  'added_to_bank',
] as const;

export const NOT_ACTIONABLE_REASONS: typeof CONTRACT_CLOSE_REASONS = [
  'not_illegal',
  'content_gone',
  'unreachable',
  'insufficient_information',
  'out_of_scope',
  'duplicate',
  'other',
] as const;

export const NOTICE_LANGUAGES: typeof CONTRACT_NOTICE_LANGUAGES = [
  'fr',
  'en',
  'de',
  'nl',
  'es',
  'it',
] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

export const REMOVAL_OUTCOMES: typeof CONTRACT_REMOVAL_OUTCOMES = [
  'up',
  'removed',
  'changed',
  'unreachable',
  'refused',
] as const;

export const MAIL_STATUSES: typeof CONTRACT_MAIL_STATUSES = ['queued', 'sent', 'held', 'failed'] as const;

/** The explanation of a DSA notice is refused below this length (ZProviderNoticeInput). */
export const NOTICE_EXPLANATION_MIN = 20;
export const NOTICE_EXPLANATION_MAX = 4000;

/** Bounds of the number fields of settings.hotline (ZSettings); constants.test.ts keeps them equal. */
export const HOTLINE_NUMBER_BOUNDS = {
  removalCheckHours: { min: 1, max: 168 },
  removalReminderHours: { min: 1, max: 720 },
  exposureBreakEvery: { min: 1, max: 500 },
  reporterEmailRetentionDays: { min: 7, max: 730 },
} as const;
export type HotlineNumberKey = keyof typeof HOTLINE_NUMBER_BOUNDS;

/** Priorities run from 1 (children in danger now) to 4. */
/** 0: a picture matched a bank of known abuse material (set by Abri, above the reporters' categories). */
export const PRIORITIES = [0, 1, 2, 3, 4] as const;

/** Rows per page of the queue; hosts shown at most in the "by host" view. */
export const PAGE_SIZE = 25;
export const HOSTS_LIMIT = 100;

/** After "check now", the item is read again this much later (the check runs in the background). */
export const CHECK_RELOAD_MS = 5000;

/** Above this size an uploaded IP table is sent as read, without being shown in the text area. */
export const IP_TABLE_SHOWN_MAX = 200_000;
