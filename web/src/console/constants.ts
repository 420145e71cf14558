// Values mirrored from @abri/contracts. Importing them at run time would bring the contracts' zod
// schemas (and zod) into the bundle; the type assertions below keep the copies in step at compile time.
import type { TChatSettings, TRole, TWeekday } from '@abri/contracts';

export const ROLES = ['counsellor', 'supervisor', 'analyst', 'admin'] as const satisfies readonly TRole[];
export const WEEKDAYS = [
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
] as const satisfies readonly TWeekday[];
export const PASSWORD_MIN_LENGTH = 12;

export const ASSIGNMENT_MODES = [
  'auto',
  'manual',
] as const satisfies readonly TChatSettings['assignmentMode'][];
/** The bounds of ZChatSettings' numbers (whole numbers), checked against the schema by constants.test.ts. */
export const CHAT_NUMBER_BOUNDS = {
  idlePromptMinutes: { min: 1, max: 120 },
  visitorIdleWarningMinutes: { min: 1, max: 240 },
  closeAfterWarningMinutes: { min: 1, max: 120 },
  visitorMessagesPerMinute: { min: 5, max: 120 },
  defaultCapacity: { min: 1, max: 10 },
  retentionDays: { min: 1, max: 3650 },
} as const satisfies Record<TChatNumberKey, { min: number; max: number }>;
export type TChatNumberKey = Exclude<keyof TChatSettings, 'assignmentMode'>;

type Exhaustive<All, Listed> = [All] extends [Listed] ? true : never;
const rolesComplete: Exhaustive<TRole, (typeof ROLES)[number]> = true;
const weekdaysComplete: Exhaustive<TWeekday, (typeof WEEKDAYS)[number]> = true;
void rolesComplete;
void weekdaysComplete;
const modesComplete: Exhaustive<TChatSettings['assignmentMode'], (typeof ASSIGNMENT_MODES)[number]> = true;
void modesComplete;
