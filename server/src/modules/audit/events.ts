// What the audit trail records: a closed list of actions, each with the details it carries. Adding an action
// is adding a line here; the details stay free of secrets and of message contents.

export interface AuditDetails {
  'auth.login': { stage: string };
  'auth.login_failed': { username: string; reason: 'unknown_user' | 'bad_password' | 'disabled' | 'locked' };
  'auth.locked': { until: string };
  'auth.logout': Record<string, never>;
  'auth.logout_everywhere': { sessions: number };
  'auth.session_expired': Record<string, never>;
  'auth.password_changed': { forced: boolean };
  'auth.password_reset': Record<string, never>;
  'auth.totp_enabled': Record<string, never>;
  'auth.totp_disabled': Record<string, never>;
  'auth.totp_failed': Record<string, never>;
  'auth.recovery_code_used': { remaining: number };
  'auth.recovery_codes_regenerated': Record<string, never>;
  'user.created': { username: string; roles: string[]; via: 'console' | 'cli' | 'first_run' };
  'user.updated': { fields: string[] };
  'user.roles_changed': { from: string[]; to: string[] };
  'user.disabled': Record<string, never>;
  'user.enabled': Record<string, never>;
  'user.unlocked': Record<string, never>;
  'user.totp_reset': Record<string, never>;
  'user.reset_link_issued': { expiresAt: string };
  'user.password_set_by_admin': { via: 'cli' };
  'settings.updated': { keys: string[] };
  /** Roles relaxed from two-step verification, before and after. */
  'settings.totp_relaxed_roles_changed': { from: string[]; to: string[] };
  'chat.visitor_blocked': { hours: number };
  'chat.canned_response_changed': {
    shortcut: string;
    language: string;
    change: 'created' | 'updated' | 'deleted';
  };
  'guidance.protocol_updated': { version: number };
  'guidance.platforms_updated': { version: number };
  'guidance.taxonomy_updated': { name: string; version: number };
  'partner.changed': { code: string; change: 'created' | 'updated' };
  'contact.created': { channel: string };
  'contact.completed': { callType: string };
  'case.created': { reference: string };
  'case.updated': { fields: string[] };
  'case.note_added': { restricted: boolean };
  'case.contact_linked': { contactId: string };
  'case.exported': { format: 'pdf' };
  'case.document_added': { documentId: string; type: string; size: number };
  'escalation.created': { reference: string; partner: string };
  'escalation.updated': { fields: string[] };
  'escalation.submitted': { approvalRequired: boolean };
  'escalation.approved': Record<string, never>;
  'escalation.rejected': Record<string, never>;
  'escalation.sent': { via: string; to: string | null };
  'escalation.delivered': { mailId: string };
  'escalation.acknowledged': Record<string, never>;
  'escalation.closed': Record<string, never>;
  'escalation.exported': { format: 'pdf' };
  'records.purged': { cases: number; contactTexts: number };
  'hotline.item_claimed': Record<string, never>;
  'hotline.item_released': Record<string, never>;
  'hotline.item_assessed': { classification: string; offences: string[]; revision: number };
  'hotline.hosting_resolved': { country: string | null; error: string | null };
  'hotline.pharos_referral': { via: string; reference: string | null };
  'hotline.hotline_transfer': { hotline: string };
  'hotline.provider_notice': { to: string; language: string; omitsNotifierName: boolean };
  'hotline.not_actionable': { reason: string };
  'hotline.reopened': Record<string, never>;
  'hotline.marked_removed': Record<string, never>;
  'hotline.reporter_feedback': { sent: number };
  'hotline.removal_check_requested': Record<string, never>;
  'hotline.exported': { format: 'json' | 'pdf'; kind: 'pharos' | 'ncmec'; items: number };
  'hotline.image_revealed': { reportId: string };
  'hotline.ip_table_loaded': { version: number; ranges: number };
  'hotline.directory_changed': { fields: string[] };
  'hotline.purged': { reporterEmails: number; finishedReports: number };
  'bank.created': { name: string; kind: string };
  'bank.updated': { fields: string[] };
  'bank.deleted': { name: string; entries: number };
  'bank.imported': { added: number; duplicates: number; invalid: number; mode: string; applied: boolean };
  'bank.exported': { entries: number };
  'bank.hashes_added': { itemId: string; files: number; added: number };
  'media.known_material': { bankId: string; distance: number; algorithm: string };
  'audit.exported': { rows: number; filters: Record<string, unknown> };
  /** A staff member read a personal record (contact, case, report...): later modules call recordRead. */
  'record.read': { purpose?: string };
}

export type AuditAction = keyof AuditDetails;

export interface AuditActor {
  id: string | null;
  name: string | null;
}

export const systemActor: AuditActor = { id: null, name: 'system' };

export type AuditEntry = {
  [A in AuditAction]: {
    actor: AuditActor;
    action: A;
    subject?: { type: string; id: string };
    details: AuditDetails[A];
  };
}[AuditAction];
