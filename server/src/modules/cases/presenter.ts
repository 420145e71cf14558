// What leaves the server about contacts and cases: whitelisted fields only, dates as ISO strings.
import type {
  TAudience,
  TCase,
  TCaseDocument,
  TCaseEvent,
  TCaseSummary,
  TContact,
  TContactSummary,
  TProtocolStep,
  TProtocolTopic,
} from '@abri/contracts';
import type { CaseEventRow, CaseRow, ContactRow } from './tables.ts';

type Named<T> = T & { counsellor_name: string | null; case_reference: string | null };
const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentContact(row: Named<ContactRow>): TContact {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    revision: row.revision,
    conversationId: row.conversation_id,
    channel: row.channel as TContact['channel'],
    callType: row.call_type as TContact['callType'],
    caller: row.caller as TAudience | null,
    ageBand: row.age_band,
    gender: row.gender,
    region: row.region,
    topics: row.topics,
    platforms: row.platforms,
    protocolTopic: row.protocol_topic as TProtocolTopic | null,
    protocolVersion: row.protocol_version,
    checklist: row.checklist as TProtocolStep[],
    summary: row.summary,
    outcome: row.outcome,
    referrals: row.referrals,
    followUp: row.follow_up,
    contactAt: row.contact_at.toISOString(),
    durationMinutes: row.duration_minutes,
    counsellorId: row.counsellor_id,
    counsellorName: row.counsellor_name,
    caseId: row.case_id,
    caseReference: row.case_reference,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    completedAt: iso(row.completed_at),
  };
}

export function presentContactSummary(row: Named<ContactRow>): TContactSummary {
  const contact = presentContact(row);
  return {
    id: contact.id,
    reference: contact.reference,
    status: contact.status,
    channel: contact.channel,
    callType: contact.callType,
    caller: contact.caller,
    topics: contact.topics,
    contactAt: contact.contactAt,
    counsellorName: contact.counsellorName,
    caseId: contact.caseId,
    caseReference: contact.caseReference,
  };
}

export type CaseView = CaseRow & {
  assignee_name: string | null;
  created_by_name: string | null;
};

export function presentCaseSummary(row: CaseView): TCaseSummary {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    status: row.status,
    topics: row.topics,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    followUpAt: iso(row.follow_up_at),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentCaseEvent(row: CaseEventRow & { actor_name: string | null }): TCaseEvent {
  return {
    id: row.id,
    kind: row.kind as TCaseEvent['kind'],
    at: row.created_at.toISOString(),
    actorName: row.actor_name,
    body: row.body,
    restricted: row.restricted,
    data: row.data,
  };
}

export function presentCase(
  row: CaseView,
  contacts: Named<ContactRow>[],
  events: Array<CaseEventRow & { actor_name: string | null }>,
  documents: TCaseDocument[],
): TCase {
  return {
    ...presentCaseSummary(row),
    revision: row.revision,
    summary: row.summary,
    followUpNote: row.follow_up_note,
    createdById: row.created_by,
    createdByName: row.created_by_name,
    closedAt: iso(row.closed_at),
    contacts: contacts.map(presentContactSummary),
    documents,
    timeline: events.map(presentCaseEvent),
  };
}
