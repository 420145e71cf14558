// The error catalogue: every error a person can meet has a stable code (AREA_WHAT), an HTTP status and a
// plain-language message. Domain code throws AppError; one handler (http/error-handler.ts) maps it to HTTP.
// docs/errors.md lists the same codes; a test keeps the two in step.

export const errorCatalogue = {
  REQUEST_INVALID: { status: 400, message: 'Some fields are missing or not valid.' },
  REQUEST_MALFORMED: { status: 400, message: 'The request could not be read (malformed JSON or form data).' },
  REQUEST_TOO_LARGE: { status: 413, message: 'The request is too large.' },
  REQUEST_UNSUPPORTED_TYPE: { status: 415, message: 'This type of content is not accepted here.' },
  REQUEST_NOT_FOUND: { status: 404, message: 'This page or resource does not exist.' },
  REQUEST_RATE_LIMITED: { status: 429, message: 'Too many attempts. Please wait a moment and try again.' },
  REQUEST_CONFLICT: { status: 409, message: 'This already exists (it was probably just created).' },
  AUTH_REQUIRED: { status: 401, message: 'Please log in to continue.' },
  AUTH_FORBIDDEN: { status: 403, message: 'Your account is not allowed to do this.' },
  AUTH_CSRF: {
    status: 403,
    message: 'This request did not come from an Abri page. Reload the page and try again.',
  },
  AUTH_BAD_CREDENTIALS: { status: 401, message: 'Wrong username or password.' },
  AUTH_LOCKED: {
    status: 423,
    message: 'Too many failed attempts: this account is locked for a few minutes.',
  },
  AUTH_DISABLED: { status: 403, message: 'This account is disabled. Contact an administrator.' },
  AUTH_STEP_REQUIRED: {
    status: 403,
    message: 'Finish logging in first (password change or two-step verification).',
  },
  AUTH_BAD_TOTP: {
    status: 401,
    message: 'This verification code is not valid. Check the time on your phone and try again.',
  },
  AUTH_WEAK_PASSWORD: { status: 400, message: 'This password is too weak.' },
  AUTH_SAME_PASSWORD: { status: 400, message: 'The new password must be different from the current one.' },
  AUTH_RESET_INVALID: {
    status: 400,
    message: 'This reset link is not valid or has expired. Ask an administrator for a new one.',
  },
  AUTH_TOTP_ALREADY_ENABLED: { status: 409, message: 'Two-step verification is already enabled.' },
  AUTH_TOTP_REQUIRED: {
    status: 403,
    message: 'Two-step verification is mandatory for your role and cannot be turned off.',
  },
  USER_NOT_FOUND: { status: 404, message: 'No such user.' },
  USER_USERNAME_TAKEN: { status: 409, message: 'This username is already in use.' },
  USER_LAST_ADMIN: { status: 409, message: 'This would leave Abri without an active administrator.' },
  SETTINGS_INVALID: { status: 400, message: 'These settings are not valid.' },
  CHAT_CLOSED: {
    status: 409,
    message: 'The chat is closed right now. You can leave a message, or call one of the numbers shown.',
  },
  CHAT_BLOCKED: { status: 403, message: 'This chat is not available from this device for the moment.' },
  CHAT_RESUME_INVALID: {
    status: 404,
    message: 'This code does not match any conversation. Check it and try again.',
  },
  CHAT_TOKEN_INVALID: {
    status: 401,
    message: 'This conversation can no longer be reached from this page. Use your code to come back to it.',
  },
  CHAT_CONVERSATION_NOT_FOUND: { status: 404, message: 'No such conversation.' },
  CHAT_CONVERSATION_ENDED: { status: 409, message: 'This conversation has ended.' },
  CHAT_RATE_LIMITED: {
    status: 429,
    message: 'You are sending messages very fast. Take a breath: your counsellor is reading.',
  },
  CHAT_MESSAGE_INVALID: {
    status: 400,
    message: 'This message cannot be sent (empty, or longer than 4,000 characters).',
  },
  CHAT_FRAME_INVALID: { status: 400, message: 'This message could not be understood.' },
  CHAT_NOT_ASSIGNED: {
    status: 403,
    message: 'Only the counsellor in charge of this conversation can do this.',
  },
  CHAT_CAPACITY_FULL: {
    status: 409,
    message: 'You already have as many conversations as your capacity allows.',
  },
  CHAT_NOT_WAITING: {
    status: 409,
    message: 'This conversation is no longer waiting: someone else has taken it.',
  },
  CHAT_COUNSELLOR_UNAVAILABLE: {
    status: 409,
    message: 'This counsellor cannot take the conversation right now.',
  },
  CHAT_SURVEY_DONE: { status: 409, message: 'Thank you, your answers were already recorded.' },
  CANNED_NOT_FOUND: { status: 404, message: 'No such canned response.' },
  CANNED_SHORTCUT_TAKEN: { status: 409, message: 'This shortcut is already used in this language.' },
  GUIDANCE_NOT_FOUND: { status: 404, message: 'No such protocol, list or version.' },
  GUIDANCE_VERSION_CONFLICT: {
    status: 409,
    message: 'Someone saved a newer version meanwhile. Reload it, then make your changes again.',
  },
  GUIDANCE_CODE_REMOVED: {
    status: 409,
    message:
      'A code cannot be removed once it has been offered: records may use it. Mark it retired instead.',
  },
  TAXONOMY_UNKNOWN_CODE: {
    status: 400,
    message: 'One of the chosen values is not in the current lists. Reload the page and choose again.',
  },
  CONTACT_NOT_FOUND: { status: 404, message: 'No such contact record.' },
  CONTACT_INCOMPLETE: {
    status: 400,
    message: 'Some fields are needed before this contact record can be marked complete.',
  },
  RECORD_REVISION_CONFLICT: {
    status: 409,
    message: 'Someone else saved this record meanwhile. Reload it to see their changes.',
  },
  CASE_NOT_FOUND: { status: 404, message: 'No such case.' },
  CASE_CONTACT_LINKED: { status: 409, message: 'This contact already belongs to another case.' },
  CASE_ASSIGNEE_INVALID: {
    status: 400,
    message: 'A case can only be assigned to an active counsellor or supervisor.',
  },
  CASE_CLOSED: { status: 409, message: 'This case is closed. Reopen it first.' },
  CASE_DOCUMENT_TYPE: {
    status: 415,
    message: 'This file cannot be attached: only PDF, PNG, JPEG or plain text files are accepted.',
  },
  CASE_DOCUMENT_EMPTY: { status: 400, message: 'This file is empty.' },
  CASE_DOCUMENT_NOT_FOUND: { status: 404, message: 'No such document.' },
  PARTNER_NOT_FOUND: { status: 404, message: 'No such partner.' },
  PARTNER_CODE_TAKEN: { status: 409, message: 'This partner code is already in use.' },
  ESCALATION_NOT_FOUND: { status: 404, message: 'No such escalation.' },
  ESCALATION_STATE: {
    status: 409,
    message: 'This step is not possible at the current stage of the escalation.',
  },
  ESCALATION_KIND_MISMATCH: { status: 400, message: 'This form does not match the kind of partner chosen.' },
  ESCALATION_NO_EMAIL: {
    status: 409,
    message: 'This partner has no e-mail address: record the escalation as phoned or filed on their portal.',
  },
  ESCALATION_OWN_APPROVAL: {
    status: 409,
    message: 'An escalation must be approved by a supervisor other than its author.',
  },
  ESCALATION_PARTNER_INACTIVE: {
    status: 409,
    message: 'This partner is no longer active. Choose another one.',
  },
  HOTLINE_REPORT_NOT_FOUND: {
    status: 404,
    message: 'This code does not match any report. Check it and try again.',
  },
  HOTLINE_TOO_MANY_REPORTS: {
    status: 429,
    message:
      'You have sent many reports in a short time. Thank you! Please wait a few minutes before sending more.',
  },
  HOTLINE_NO_VALID_URL: {
    status: 400,
    message:
      'None of the addresses could be kept (see why for each). Check them, or give the app and the account name.',
  },
  HOTLINE_SCREENSHOTS_REFUSED: {
    status: 400,
    message:
      'Never send pictures of child sexual abuse, not even a screenshot: give the address of the page instead.',
  },
  HOTLINE_FILE_TYPE: { status: 415, message: 'This file is not accepted: only PNG, JPEG or WebP pictures.' },
  HOTLINE_FILE_TOO_LARGE: { status: 413, message: 'A picture is too large: 5 MB at most.' },
  HOTLINE_FILE_EMPTY: { status: 400, message: 'A file is empty.' },
  HOTLINE_TOO_MANY_FILES: { status: 400, message: '5 pictures at most.' },
  HOTLINE_ITEM_NOT_FOUND: { status: 404, message: 'No such item in the hotline queue.' },
  HOTLINE_ITEM_STATE: {
    status: 409,
    message: 'This item is not at a stage where this can be done. Reload it to see where it stands.',
  },
  HOTLINE_NOT_ASSIGNED: {
    status: 409,
    message: 'Take this item first: it is being worked on by another analyst, or by nobody.',
  },
  HOTLINE_ASSESSMENT_CONFLICT: {
    status: 409,
    message: 'Someone saved this assessment meanwhile. Reload it and make your changes again.',
  },
  HOTLINE_ASSESSMENT_REQUIRED: {
    status: 409,
    message: 'Qualify the content first: an illegal classification with at least one offence.',
  },
  HOTLINE_UNKNOWN_OFFENCE: { status: 400, message: 'An offence is not in the legal reference table.' },
  HOTLINE_NO_PHAROS_EMAIL: {
    status: 409,
    message:
      'No PHAROS address is set in the settings: file the referral on the portal and record it as filed.',
  },
  HOTLINE_UNKNOWN_HOTLINE: {
    status: 400,
    message: 'This hotline is not in the directory, or it has no e-mail address.',
  },
  HOTLINE_NO_URL: {
    status: 409,
    message: 'This item names an account inside an app: it has no address to notify or check.',
  },
  HOTLINE_NO_FEEDBACK: {
    status: 409,
    message: 'None of the reporters of this item left an e-mail address, or they have all been told already.',
  },
  HOTLINE_FILE_NOT_FOUND: { status: 404, message: 'No such picture.' },
  HOTLINE_IMAGE_UNREADABLE: {
    status: 422,
    message: 'This picture cannot be read. Its hashes are kept; it cannot be shown.',
  },
  HOTLINE_IP_TABLE_INVALID: {
    status: 400,
    message: 'The IP-range table has errors (see each line). Nothing was changed.',
  },
  BANK_NOT_FOUND: { status: 404, message: 'No such hash bank.' },
  BANK_NAME_TAKEN: { status: 409, message: 'A hash bank already has this name.' },
  BANK_IMPORT_EMPTY: { status: 400, message: 'This file holds no hash: nothing to import.' },
  MEDIA_NOT_FOUND: { status: 404, message: 'No such picture.' },
  MEDIA_KNOWN_MATERIAL: {
    status: 403,
    message: 'This picture matches a bank of known abuse material. It is never displayed.',
  },
  MEDIA_NOT_CONFIRMED: {
    status: 409,
    message: "Only an item assessed as illegal can have its pictures' hashes added to a bank.",
  },
  MEDIA_NO_PICTURES: { status: 409, message: 'This item has no picture to add.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side. Please try again.' },
  UNAVAILABLE: { status: 503, message: 'The service is not ready yet. Please try again shortly.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface AppErrorDetail {
  path?: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** A message safe to show to the person; defaults to the catalogue's. */
  readonly userMessage: string;
  readonly details: AppErrorDetail[] | undefined;

  constructor(
    code: ErrorCode,
    options: { message?: string; userMessage?: string; details?: AppErrorDetail[]; cause?: unknown } = {},
  ) {
    super(options.message ?? errorCatalogue[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.userMessage = options.userMessage ?? errorCatalogue[code].message;
    this.details = options.details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
