// Values mirrored from @abri/contracts. Importing them at run time would bring the contracts' zod
// schemas (and zod) into the bundle; the type assertions below keep the copies in step at compile time.
import type { TRole, TWeekday } from '@abri/contracts';

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

type Exhaustive<All, Listed> = [All] extends [Listed] ? true : never;
const rolesComplete: Exhaustive<TRole, (typeof ROLES)[number]> = true;
const weekdaysComplete: Exhaustive<TWeekday, (typeof WEEKDAYS)[number]> = true;
void rolesComplete;
void weekdaysComplete;
