// The report form's fixed lists and limits, copied from @abri/contracts rather than imported: its module
// also builds the zod schemas, which would pull zod into the public bundle. The checks below fail to
// compile if a list here and its contract drift apart (limits are checked by validate.test.ts).
import type { TReportCategory, TReportInput, TReportStatus } from '@abri/contracts';

export type ReportCategory = TReportCategory;
export type ReportSource = NonNullable<TReportInput['source']>;
export type ReportStatusValue = TReportStatus['status'];

export const REPORT_CATEGORIES = [
  'child_sexual_abuse',
  'grooming',
  'sextortion',
  'cyber_harassment',
  'non_consensual_images',
  'hate_violence',
  'terrorism',
  'other',
] as const satisfies readonly ReportCategory[];

/** Never a screenshot for these: abusive images of children are neither captured nor sent. */
export const NO_SCREENSHOT_CATEGORIES = ['child_sexual_abuse'] as const satisfies readonly ReportCategory[];

export const REPORT_SOURCES = [
  'website',
  'social_network',
  'messaging',
  'video_game',
  'search_engine',
  'other',
] as const satisfies readonly ReportSource[];

/** Where an address is what matters; elsewhere (inside an app) the platform and account are asked too. */
export const WEB_SOURCES = ['website', 'search_engine'] as const satisfies readonly ReportSource[];

export const REPORT_STATUSES = [
  'received',
  'under_analysis',
  'forwarded',
  'removed',
  'not_actionable',
] as const satisfies readonly ReportStatusValue[];

// Every value of the contract is listed (the `satisfies` above checks the other direction).
type Covers<Listed, All> = [All] extends [Listed] ? true : never;
const complete: [
  Covers<(typeof REPORT_CATEGORIES)[number], ReportCategory>,
  Covers<(typeof REPORT_SOURCES)[number], ReportSource>,
  Covers<(typeof REPORT_STATUSES)[number], ReportStatusValue>,
] = [true, true, true];
void complete;

export const REPORT_MAX_URLS = 20;
export const REPORT_URL_MAX = 2048;
export const REPORT_MAX_FILES = 5;
export const REPORT_MAX_FILE_BYTES = 5 * 1024 * 1024;
export const REPORT_DESCRIPTION_MAX = 4000;
export const REPORT_PLATFORM_MAX = 100;
export const REPORT_ACCOUNT_MAX = 200;
export const REPORT_EMAIL_MAX = 254;
export const TRACKING_CODE_MIN = 8;
export const TRACKING_CODE_MAX = 40;
/** What the server accepts (it checks the bytes, not the name). */
export const SCREENSHOT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** Reasons the server gives for refusing an address (server/src/modules/hotline/url-normalize.ts). */
export const URL_REFUSAL_REASONS = [
  'empty',
  'too_long',
  'not_a_url',
  'unsupported_scheme',
  'credentials',
  'private_address',
  'no_host',
] as const;
export type UrlRefusalReason = (typeof URL_REFUSAL_REASONS)[number];

export const REPORTS_PATH = '/api/hotline/reports';
export const STATUS_PATH = '/api/hotline/reports/status';
/** The JavaScript-free form, served by the server itself. */
export const SIMPLE_FORM_PATH = '/signaler/simple';
export const STATUS_PAGE_PATH = '/signaler/suivi';
