// Dates between the API (ISO date-times) and the browser's inputs (local date and datetime-local values).

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** 2026-03-04T15:20:00Z -> "2026-03-04T16:20" (local time, for <input type="datetime-local">). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${toDateInput(iso)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value -> an ISO date-time, or null when empty or not a date. */
export function fromLocalInput(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An ISO date-time -> its local day "YYYY-MM-DD" (for <input type="date">). */
export function toDateInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A day "YYYY-MM-DD" -> the ISO date-time of its start, local time; null when empty. */
export function fromDateInput(day: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const date = new Date(`${day}T00:00`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(date);
}

export function formatTime(iso: string, language: string): string {
  return new Date(iso).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' });
}

/** Whether a follow-up date has come. */
export function isDue(iso: string | null | undefined, now = Date.now()): boolean {
  return !!iso && new Date(iso).getTime() <= now;
}
