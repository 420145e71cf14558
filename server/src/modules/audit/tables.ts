import type { ColumnType, Generated } from 'kysely';

export interface AuditEventsTable {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  details: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
  /** How the entry is linked: 1 plain SHA-256 (entries written before migration 0010), 2 HMAC-SHA256. */
  scheme: number;
}

export interface AuditHeadTable {
  id: Generated<number>;
  seq: number;
  hash: string;
}

export interface AuditTables {
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
}
