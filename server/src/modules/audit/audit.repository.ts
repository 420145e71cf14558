import type { TAuditEvent } from '@abri/contracts';
import type { Db } from '../../database.ts';

export interface AuditFilters {
  action?: string | undefined;
  actor?: string | undefined;
  subjectId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: number | undefined;
}

export async function listAuditEvents(db: Db, filters: AuditFilters, limit: number): Promise<TAuditEvent[]> {
  let query = db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(limit);
  if (filters.action) query = query.where('action', 'like', `${filters.action.replace(/[%_\\]/g, '\\$&')}%`);
  if (filters.actor) query = query.where('actor_name', '=', filters.actor);
  if (filters.subjectId) query = query.where('subject_id', '=', filters.subjectId);
  if (filters.from) query = query.where('at', '>=', new Date(filters.from));
  if (filters.to) query = query.where('at', '<', new Date(filters.to));
  if (filters.before) query = query.where('seq', '<', filters.before);
  const rows = await query.execute();
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    details: row.details,
  }));
}
