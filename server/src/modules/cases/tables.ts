import type { ColumnType, Generated, Selectable } from 'kysely';

type Default<T> = ColumnType<T, T | undefined, T>;
type Created = ColumnType<Date, Date | undefined, never>;

export interface ContactsTable {
  id: Generated<string>;
  reference: string;
  status: Default<'draft' | 'complete'>;
  /** Bumped on every save: a form saved from an older revision is refused (no silent overwrite). */
  revision: Default<number>;
  channel: string;
  call_type: string;
  conversation_id: string | null;
  caller: string | null;
  age_band: string | null;
  gender: string | null;
  region: string | null;
  topics: Default<string[]>;
  platforms: Default<string[]>;
  protocol_topic: string | null;
  protocol_version: number | null;
  checklist: Default<string[]>;
  summary: Default<string>;
  outcome: string | null;
  referrals: Default<string[]>;
  follow_up: Default<string>;
  contact_at: Date;
  duration_minutes: number | null;
  counsellor_id: string | null;
  case_id: string | null;
  /** When the free text was erased by the retention job (the coded fields stay for statistics). */
  text_purged_at: Date | null;
  created_at: Created;
  updated_at: Default<Date>;
  completed_at: Date | null;
}
export type ContactRow = Selectable<ContactsTable>;

export interface CasesTable {
  id: Generated<string>;
  reference: string;
  title: string;
  summary: Default<string>;
  status: Default<'open' | 'in_progress' | 'waiting' | 'closed'>;
  /** Bumped by every change of the case's fields: an edit made from an older revision is refused. */
  revision: Default<number>;
  topics: Default<string[]>;
  assignee_id: string | null;
  created_by: string | null;
  follow_up_at: Date | null;
  follow_up_note: Default<string>;
  follow_up_reminded_at: Date | null;
  created_at: Created;
  updated_at: Default<Date>;
  closed_at: Date | null;
}
export type CaseRow = Selectable<CasesTable>;

export interface CaseEventsTable {
  id: Generated<string>;
  /** Insertion order: events of one transaction share their time. */
  seq: ColumnType<number, never, never>;
  case_id: string;
  kind: string;
  body: string | null;
  restricted: Default<boolean>;
  data: ColumnType<Record<string, string | number | boolean | null>, string | undefined, never>;
  actor_id: string | null;
  created_at: Created;
}
export type CaseEventRow = Selectable<CaseEventsTable>;

export interface CaseDocumentsTable {
  id: Generated<string>;
  case_id: string;
  filename: string;
  /** Decided from the bytes (magic numbers), never from what the browser said. */
  content_type: string;
  size: number;
  sha256: string;
  content: ColumnType<Uint8Array, Uint8Array, never>;
  uploaded_by: string | null;
  created_at: Created;
}

export interface RecordCountersTable {
  name: string;
  year: number;
  value: number;
}

export interface CasesTables {
  contacts: ContactsTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_documents: CaseDocumentsTable;
  record_counters: RecordCountersTable;
}
