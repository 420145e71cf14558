import type { TEscalationForm } from '@abri/contracts';
import type { ColumnType, Generated, Selectable } from 'kysely';

type Default<T> = ColumnType<T, T | undefined, T>;
type Created = ColumnType<Date, Date | undefined, never>;

export interface PartnersTable {
  id: Generated<string>;
  code: string;
  kind: string;
  name: string;
  email: string | null;
  phone: string | null;
  url: string | null;
  regions: Default<string[]>;
  notes: string | null;
  active: Default<boolean>;
  updated_at: Default<Date>;
}
export type PartnerRow = Selectable<PartnersTable>;

export interface EscalationsTable {
  id: Generated<string>;
  reference: string;
  status: Default<string>;
  kind: string;
  urgency: string;
  partner_id: string;
  case_id: string | null;
  contact_id: string | null;
  form: ColumnType<TEscalationForm, string, string>;
  /** Decided when submitted, from the settings then in force. */
  approval_required: boolean;
  created_by: string | null;
  approved_by: string | null;
  approved_at: Date | null;
  sent_via: string | null;
  sent_to: string | null;
  sent_at: Date | null;
  mail_id: string | null;
  partner_reference: string | null;
  acknowledged_at: Date | null;
  closed_at: Date | null;
  created_at: Created;
  updated_at: Default<Date>;
}
export type EscalationRow = Selectable<EscalationsTable>;

export interface EscalationEventsTable {
  id: Generated<string>;
  seq: ColumnType<number, never, never>;
  escalation_id: string;
  action: string;
  note: string | null;
  actor_id: string | null;
  created_at: Created;
}

export interface EscalationsTables {
  partners: PartnersTable;
  escalations: EscalationsTable;
  escalation_events: EscalationEventsTable;
}
