// The rules of ZReportInput (packages/contracts/src/hotline.ts), re-implemented without zod so that the
// public bundle stays small; validate.test.ts checks both agree. Messages are translation keys: the form
// shows them next to their fields. The server still decides (it refuses addresses that are not public
// web addresses, and checks screenshots by their bytes).
import type { TReportInput } from '@abri/contracts';
import type { TranslationKey } from '../../i18n/index.ts';
import {
  NO_SCREENSHOT_CATEGORIES,
  REPORT_ACCOUNT_MAX,
  REPORT_DESCRIPTION_MAX,
  REPORT_EMAIL_MAX,
  REPORT_MAX_FILE_BYTES,
  REPORT_MAX_FILES,
  REPORT_MAX_URLS,
  REPORT_PLATFORM_MAX,
  REPORT_URL_MAX,
  type ReportCategory,
  type ReportSource,
  SCREENSHOT_TYPES,
  WEB_SOURCES,
} from './constants.ts';

export type UrlRow = { id: number; value: string };

/** What the person has filled in so far. */
export type ReportDraft = {
  category: ReportCategory | null;
  source: ReportSource | null;
  urls: UrlRow[];
  platform: string;
  account: string;
  description: string;
  email: string;
  /** The honeypot: people never see it. */
  website: string;
  files: File[];
};

/** A field of the form, or one address row (`url:<id>`). */
export type FieldName =
  | 'category'
  | 'source'
  | 'urls'
  | `url:${number}`
  | 'platform'
  | 'account'
  | 'description'
  | 'email'
  | 'screenshots';
export type FieldErrors = Partial<Record<FieldName, TranslationKey>>;

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// zod 4's z.email() pattern.
const EMAIL =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export function emptyDraft(): ReportDraft {
  return {
    category: null,
    source: null,
    urls: [{ id: 0, value: '' }],
    platform: '',
    account: '',
    description: '',
    email: '',
    website: '',
    files: [],
  };
}

/** Whether the platform and account fields are shown (content inside an app, or not said where). */
export function asksForApp(source: ReportSource | null): boolean {
  return !(WEB_SOURCES as readonly string[]).includes(source ?? '');
}

export function screenshotsAllowed(category: ReportCategory | null): boolean {
  return !(NO_SCREENSHOT_CATEGORIES as readonly string[]).includes(category ?? '');
}

function freeText(value: string, max: number, tooLong: TranslationKey): TranslationKey | undefined {
  const trimmed = value.trim();
  if (trimmed.length > max) return tooLong;
  if (CONTROL.test(trimmed)) return 'report.form.errors.control';
  return undefined;
}

export function validateDraft(draft: ReportDraft): FieldErrors {
  const errors: FieldErrors = {};
  const app = asksForApp(draft.source);
  if (!draft.category) errors.category = 'report.form.errors.category';

  const filled = draft.urls.filter((row) => row.value.trim() !== '');
  for (const row of draft.urls) {
    if (row.value.length > REPORT_URL_MAX) errors[`url:${row.id}`] = 'report.form.errors.urlTooLong';
  }
  if (filled.length > REPORT_MAX_URLS) errors.urls = 'report.form.errors.tooManyUrls';
  const platform = app ? draft.platform.trim() : '';
  const account = app ? draft.account.trim() : '';
  if (filled.length === 0 && !platform && !account) {
    errors.urls = app ? 'report.form.errors.whereApp' : 'report.form.errors.whereWeb';
  }

  if (app) {
    const platformError = freeText(draft.platform, REPORT_PLATFORM_MAX, 'report.form.errors.platformTooLong');
    if (platformError) errors.platform = platformError;
    const accountError = freeText(draft.account, REPORT_ACCOUNT_MAX, 'report.form.errors.accountTooLong');
    if (accountError) errors.account = accountError;
  }
  const descriptionError = freeText(
    draft.description,
    REPORT_DESCRIPTION_MAX,
    'report.form.errors.descriptionTooLong',
  );
  if (descriptionError) errors.description = descriptionError;

  const email = draft.email.trim();
  if (email && (email.length > REPORT_EMAIL_MAX || !EMAIL.test(email)))
    errors.email = 'report.form.errors.email';

  if (screenshotsAllowed(draft.category)) {
    if (draft.files.length > REPORT_MAX_FILES) errors.screenshots = 'report.form.errors.tooManyFiles';
    else if (draft.files.some((file) => file.size > REPORT_MAX_FILE_BYTES)) {
      errors.screenshots = 'report.form.errors.fileTooBig';
    } else if (draft.files.some((file) => !(SCREENSHOT_TYPES as readonly string[]).includes(file.type))) {
      errors.screenshots = 'report.form.errors.fileType';
    }
  }
  return errors;
}

/** The body the API expects: trimmed, empty optional fields left out, hidden fields not sent. */
export function toReportInput(draft: ReportDraft, language: 'fr' | 'en'): TReportInput {
  if (!draft.category) throw new Error('validateDraft first');
  const app = asksForApp(draft.source);
  const optional = (value: string) => {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  };
  const input: TReportInput = {
    category: draft.category,
    urls: draft.urls.map((row) => row.value.trim()).filter((url) => url !== ''),
    language,
  };
  const fields = {
    source: draft.source ?? undefined,
    platform: app ? optional(draft.platform) : undefined,
    account: app ? optional(draft.account) : undefined,
    description: optional(draft.description),
    email: optional(draft.email),
    // Sent as typed: a filled honeypot is how the server recognises a robot.
    website: draft.website === '' ? undefined : draft.website,
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) Object.assign(input, { [key]: value });
  }
  return input;
}

/** The screenshots that will really be sent (none for child sexual abuse content). */
export function filesToSend(draft: ReportDraft): File[] {
  return screenshotsAllowed(draft.category) ? draft.files : [];
}

/**
 * Which field a server error detail belongs to. Paths look like `body.urls.2` (the error handler
 * prefixes where the value was); an address's index is among the non-empty addresses sent.
 */
export function fieldOfPath(path: string | undefined, draft: ReportDraft): FieldName | null {
  if (!path) return null;
  const parts = path.split('.').filter((part) => part !== 'body');
  const [name, index] = parts;
  switch (name) {
    case 'category':
    case 'source':
    case 'platform':
    case 'account':
    case 'description':
    case 'email':
    case 'screenshots':
      return name;
    case 'urls': {
      if (index === undefined || !/^\d+$/.test(index)) return 'urls';
      const row = draft.urls.filter((item) => item.value.trim() !== '')[Number(index)];
      return row ? `url:${row.id}` : 'urls';
    }
    default:
      return null;
  }
}
