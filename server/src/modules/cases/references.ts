// Human-readable references (C-2026-000123 for a contact, D-2026-00042 for a case, E-2026-0007 for an
// escalation): a counter per kind and year, incremented atomically in the caller's transaction.
import { sql } from 'kysely';
import type { Db } from '../../database.ts';

const WIDTH: Record<string, number> = { C: 6, D: 5, E: 4 };

const parisYear = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' });

/** The year is the helpline's (Paris time): the first contact after midnight on 1 January is numbered 1. */
export async function nextReference(db: Db, prefix: 'C' | 'D' | 'E', now: Date): Promise<string> {
  const year = Number(parisYear.format(now));
  const row = await db
    .insertInto('record_counters')
    .values({ name: prefix, year, value: 1 })
    .onConflict((oc) => oc.columns(['name', 'year']).doUpdateSet({ value: sql`record_counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return `${prefix}-${year}-${String(row.value).padStart(WIDTH[prefix] ?? 5, '0')}`;
}
