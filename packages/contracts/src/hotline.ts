// The hotline's public side: what a person reports (addresses, or an account inside an app), the receipt
// with its tracking code, and the status page that says where the report stands and nothing else.
import { z } from 'zod';

/** What the content is, in the reporter's words; the analyst qualifies it legally later. */
export const REPORT_CATEGORIES = [
  'child_sexual_abuse',
  'grooming',
  'sextortion',
  'cyber_harassment',
  'non_consensual_images',
  'hate_violence',
  'terrorism',
  'other',
] as const;
export const ZReportCategory = z.enum(REPORT_CATEGORIES);
export type TReportCategory = z.infer<typeof ZReportCategory>;

/** Screenshots are refused for these: never capture or upload abusive images of children, give the address. */
export const NO_SCREENSHOT_CATEGORIES: readonly TReportCategory[] = ['child_sexual_abuse'];

/** Where the person saw it. */
export const REPORT_SOURCES = [
  'website',
  'social_network',
  'messaging',
  'video_game',
  'search_engine',
  'other',
] as const;
export const ZReportSource = z.enum(REPORT_SOURCES);

export const REPORT_MAX_URLS = 20;
export const REPORT_MAX_FILES = 5;
export const REPORT_MAX_FILE_BYTES = 5 * 1024 * 1024;
export const REPORT_DESCRIPTION_MAX = 4000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
const ZFreeText = (max: number) =>
  z.string().trim().max(max, `at most ${max} characters`).regex(NO_CONTROL, 'no control characters');

/** A report as the form sends it (JSON from the page with JavaScript; the same fields from the plain form). */
export const ZReportInput = z
  .strictObject({
    category: ZReportCategory,
    /** One address per entry, as pasted; the server normalises them and refuses what is not a public web address. */
    urls: z.array(z.string().max(2048, 'at most 2,048 characters')).max(REPORT_MAX_URLS).default([]),
    /** For content inside an app: the platform, and the account or group name. */
    platform: ZFreeText(100).optional(),
    account: ZFreeText(200).optional(),
    source: ZReportSource.optional(),
    description: ZFreeText(REPORT_DESCRIPTION_MAX).optional(),
    /** Optional, for news of the report: never passed on to anyone. */
    email: z.email('not a valid e-mail address').max(254).optional(),
    language: z.enum(['fr', 'en']).default('fr'),
    /** The honeypot: a field people never see; robots fill it. Must stay empty. */
    website: z.string().max(200).optional(),
  })
  .refine((report) => report.urls.some((url) => url.trim() !== '') || report.platform || report.account, {
    message: 'give at least one address, or the platform and account where you saw it',
    path: ['urls'],
  });
export type TReportInput = z.infer<typeof ZReportInput>;

/** What the reporter sees when sent: the code to follow the report (shown once, kept only as a hash). */
export const ZReportReceipt = z.object({
  trackingCode: z.string(),
  receivedAt: z.iso.datetime(),
  /** Addresses accepted, as normalised, and those refused with the reason. */
  urls: z.array(z.string()),
  refusedUrls: z.array(z.object({ url: z.string(), reason: z.string() })),
});
export type TReportReceipt = z.infer<typeof ZReportReceipt>;

export const REPORT_PUBLIC_STATUSES = [
  'received',
  'under_analysis',
  'forwarded',
  'removed',
  'not_actionable',
] as const;
export const ZReportPublicStatus = z.enum(REPORT_PUBLIC_STATUSES);

export const ZReportStatusQuery = z.strictObject({ code: z.string().trim().min(8).max(40) });

/** All the status page reveals. */
export const ZReportStatus = z.object({
  status: ZReportPublicStatus,
  receivedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TReportStatus = z.infer<typeof ZReportStatus>;
