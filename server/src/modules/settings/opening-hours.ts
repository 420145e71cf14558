// Opening hours are kept in the helpline's local time (Europe/Paris by default) and turned into instants
// here, with daylight-saving changes handled by Intl, so "open now" and "reopens at" are right all year.
import { type TOpeningHours, type TWeekday, WEEKDAYS } from '@abri/contracts';

interface LocalParts {
  date: string; // YYYY-MM-DD
  weekday: TWeekday;
  minutes: number; // since local midnight
}

// Building an Intl.DateTimeFormat is costly; one per zone and purpose is kept.
const formats = new Map<string, Intl.DateTimeFormat>();
function format(
  kind: 'local' | 'offset',
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${kind}:${timeZone}`;
  let value = formats.get(key);
  if (!value) {
    value = new Intl.DateTimeFormat('en-GB', { timeZone, ...options });
    formats.set(key, value);
  }
  return value;
}

function localParts(instant: Date, timeZone: string): LocalParts {
  const parts = Object.fromEntries(
    format('local', timeZone, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const weekday = String(parts.weekday).toLowerCase().slice(0, 3) as TWeekday;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Offset of the zone from UTC at an instant, in milliseconds. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    format('offset', timeZone, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  );
  const asUtc = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which a local date and time (HH:MM, 24:00 allowed) occurs in the zone. */
export function localToInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  let result = guess - zoneOffset(guess, timeZone);
  // A second pass settles instants near a daylight-saving change.
  result = guess - zoneOffset(result, timeZone);
  return new Date(result);
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function weekdayOf(date: string): TWeekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
  return WEEKDAYS[index]!;
}

export interface OpeningStatus {
  open: boolean;
  /** When the status next changes: closing time if open, next opening if closed; null if never. */
  nextChange: Date | null;
}

export function openingStatus(hours: TOpeningHours, now: Date): OpeningStatus {
  const holidays = new Set(hours.holidays);
  const today = localParts(now, hours.timeZone).date;
  // Look at yesterday too: a slot may not cross midnight, but being thorough costs nothing.
  const intervals: Array<{ start: Date; end: Date }> = [];
  for (let offset = -1; offset <= 21; offset += 1) {
    const date = addDays(today, offset);
    if (holidays.has(date)) continue;
    for (const slot of hours.weekly[weekdayOf(date)]) {
      intervals.push({
        start: localToInstant(date, slot.open, hours.timeZone),
        end: localToInstant(date, slot.close, hours.timeZone),
      });
    }
  }
  intervals.sort((a, b) => a.start.getTime() - b.start.getTime());
  const current = intervals.find((slot) => slot.start <= now && now < slot.end);
  if (current) {
    // Adjacent slots (e.g. 09:00-12:00 and 12:00-20:00) count as one opening.
    let end = current.end;
    for (const slot of intervals) if (slot.start <= end && slot.end > end) end = slot.end;
    return { open: true, nextChange: end };
  }
  const next = intervals.find((slot) => slot.start > now);
  return { open: false, nextChange: next?.start ?? null };
}
