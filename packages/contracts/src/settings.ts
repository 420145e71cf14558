// Run-time settings an administrator edits in the console: no redeploy to change hours or numbers.
import { z } from 'zod';
import { ZChatSettings } from './chat.ts';
import { ZPartnerKind } from './guidance.ts';

const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time as HH:MM');
const ZLocalized = z.strictObject({
  fr: z.string().trim().min(1, 'French text is required').max(5000),
  en: z.string().trim().min(1, 'English text is required').max(5000),
});
export type TLocalized = z.infer<typeof ZLocalized>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type TWeekday = (typeof WEEKDAYS)[number];

export const ZOpeningSlot = z
  .strictObject({ open: ZTime, close: ZTime })
  .refine((slot) => slot.open < slot.close, 'the opening time must be before the closing time');

export const ZOpeningHours = z.strictObject({
  timeZone: z.string().refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'not a known time zone'),
  weekly: z.strictObject(
    Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(ZOpeningSlot).max(6)])) as Record<
      TWeekday,
      z.ZodArray<typeof ZOpeningSlot>
    >,
  ),
  /** Dates (YYYY-MM-DD, local) when the helpline is closed. */
  holidays: z.array(z.iso.date()).max(200),
});
export type TOpeningHours = z.infer<typeof ZOpeningHours>;

export const ZPhoneNumber = z.strictObject({
  number: z
    .string()
    .trim()
    .regex(/^[0-9 +]{2,20}$/, 'digits, spaces and + only'),
  label: ZLocalized,
  /** sms: text only (114 for deaf and hard-of-hearing people). */
  kind: z.enum(['voice', 'sms']),
  emergency: z.boolean(),
});

export const ZSettings = z.strictObject({
  helplineName: z.string().trim().min(1).max(80),
  phoneNumbers: z.array(ZPhoneNumber).max(20),
  openingHours: ZOpeningHours,
  quickExitUrl: z.url({ protocol: /^https?$/, message: 'an http or https address' }).max(500),
  confidentiality: ZLocalized,
  chat: ZChatSettings,
  records: z.strictObject({
    /** Escalations to these kinds of partner need a supervisor's approval before they are sent. */
    approvalRequired: z.array(ZPartnerKind),
    /** Counsellors also see the cases of their team (created by or assigned to a teammate). */
    teamCaseVisibility: z.boolean(),
    /** Closed cases, their timeline and escalations are deleted this many days after closing. */
    closedCaseRetentionDays: z.number().int().min(30).max(3650),
    /** The free text of contact records (summary, follow-up) is erased after this many days; the coded
     * fields stay for statistics. */
    contactTextRetentionDays: z.number().int().min(30).max(3650),
  }),
  hotline: z.strictObject({
    /** Who sends DSA notices and referrals (Art. 16(2)(c)): the organisation, never a reporter. */
    notifier: z.strictObject({
      organisation: z.string().trim().min(1).max(200),
      contactName: z.string().trim().max(200),
      email: z.email('not a valid e-mail address').max(254),
      address: z.string().trim().max(500),
    }),
    /** Trusted-flagger status under DSA Art. 22, stated in every notice. */
    trustedFlagger: z.strictObject({
      status: z.boolean(),
      /** The awarding Digital Services Coordinator's decision, e.g. "Arcom, décision n° ...". */
      reference: z.string().trim().max(300),
    }),
    /** Where PHAROS referrals are e-mailed; null: they are filed on the portal and marked sent. */
    pharosEmail: z.email('not a valid e-mail address').max(254).nullable(),
    /** How often a notified address is checked again. */
    removalCheckHours: z.number().int().min(1).max(168),
    /** The analyst is reminded when content is still online this long after the notice (and again after each period). */
    removalReminderHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    /** A break is suggested after every this many images revealed in a day. */
    exposureBreakEvery: z.number().int().min(1).max(500),
    /** Reporters' e-mail addresses are erased this many days after the report. */
    reporterEmailRetentionDays: z.number().int().min(7).max(730),
    /** Once every item of a report is removed or closed, its description and screenshots are deleted
     *  after this many days (the items, their assessment and history stay, for the figures). */
    finishedReportRetentionDays: z.number().int().min(30).max(3650),
  }),
  security: z.strictObject({
    /** Roles for which two-step verification is mandatory (always including admin). */
    totpRequiredRoles: z.array(z.enum(['counsellor', 'supervisor', 'analyst', 'admin'])),
  }),
});
export type TSettings = z.infer<typeof ZSettings>;

export const ZSettingsPatch = ZSettings.partial();

/** A stored value out of range (an older version's, or one written by hand): its default is in force. */
export const ZSettingsWarning = z.object({
  /** The setting's path, e.g. `chat.visitorMessagesPerMinute`. */
  key: z.string(),
  stored: z.unknown(),
  usedDefault: z.unknown(),
});
export type TSettingsWarning = z.infer<typeof ZSettingsWarning>;

/** What administrators read: the settings in force, and the stored values their defaults replace. */
export const ZAdminSettings = ZSettings.extend({ warnings: z.array(ZSettingsWarning) });
export type TAdminSettings = z.infer<typeof ZAdminSettings>;

export const ZOpeningStatus = z.object({
  open: z.boolean(),
  /** ISO date-time of the next change (closing if open, opening if closed); null if never. */
  nextChange: z.iso.datetime().nullable(),
});

export const ZPublicSettings = z.object({
  helplineName: z.string(),
  phoneNumbers: z.array(ZPhoneNumber),
  openingHours: ZOpeningHours,
  quickExitUrl: z.string(),
  confidentiality: ZLocalized,
  status: ZOpeningStatus,
});
export type TPublicSettings = z.infer<typeof ZPublicSettings>;
