// The hotline's tables as Kysely sees them (migration 0006-hotline).
import type {
  THotlineActionKind,
  THotlineItemStatus,
  TRemovalOutcome,
  TReportCategory,
} from '@abri/contracts';
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { HostingResolution } from './hosting.ts';
import type { Fingerprint } from './removal-check.ts';

type Default<T> = ColumnType<T, T | undefined, T>;
type Created = ColumnType<Date, Date | undefined, never>;

export type ReportStatus = 'received' | 'under_analysis' | 'forwarded' | 'removed' | 'not_actionable';

export interface ReportsTable {
  id: Generated<string>;
  /** Only the hash of the code shown to the reporter: a leaked table cannot be used to follow a report. */
  tracking_code_hash: string;
  category: TReportCategory;
  source: string | null;
  platform: string | null;
  account: string | null;
  description: string | null;
  /** For news of the report only: never exported, never put in a referral or a notice. */
  reporter_email: string | null;
  language: 'fr' | 'en';
  status: Default<ReportStatus>;
  received_at: Date;
  updated_at: Date;
  feedback_sent_at: Default<Date | null>;
}
export type ReportRow = Selectable<ReportsTable>;

export interface HotlineItemsTable {
  id: Generated<string>;
  /** normalizeReportedUrl's key (the same content over http/https, with or without www, is one item), or
   *  for content inside an app `account:<platform>:<account>` in lower case. */
  dedup_key: string;
  kind: Default<'url' | 'account'>;
  url: string | null;
  /** The URL's host, or the platform's name in lower case for an account. */
  host: string;
  platform: Default<string | null>;
  account: Default<string | null>;
  /** The category of its most urgent report; priority follows it. */
  category: TReportCategory;
  /** 1 is looked at first (child sexual abuse, grooming); the most urgent report of an item wins. */
  priority: number;
  status: Default<THotlineItemStatus>;
  report_count: Default<number>;
  first_reported_at: Date;
  last_reported_at: Date;
  assigned_to: Default<string | null>;
  closed_reason: Default<string | null>;
  /** The first referral, transfer or notice: where the notice-and-takedown time starts. */
  notified_at: Default<Date | null>;
  removed_at: Default<Date | null>;
  next_check_at: Default<Date | null>;
  reminder_due_at: Default<Date | null>;
  unreachable_count: Default<number>;
  /** The first removal check's fingerprint, which later checks compare with. */
  baseline: ColumnType<Fingerprint | null, string | null | undefined, string | null>;
  updated_at: Default<Date>;
}
export type HotlineItemRow = Selectable<HotlineItemsTable>;

export interface ReportUrlsTable {
  report_id: string;
  item_id: string;
  /** The address as this report gave it, normalised (null for an account inside an app). */
  url: string | null;
}

export interface ReportFilesTable {
  id: Generated<string>;
  report_id: string;
  content_type: 'image/png' | 'image/jpeg' | 'image/webp';
  size: number;
  sha256: string;
  md5: string;
  sha1: string;
  content: Uint8Array;
  created_at: Created;
}

export interface LegalOffencesTable {
  /** `${country}:${code}`, e.g. FR:227-23. */
  id: string;
  country: string;
  code: string;
  article: string;
  label: ColumnType<{ fr: string; en: string }, string, string>;
  dsa_category: string;
  keywords: string[];
  csam: boolean;
  active: Default<boolean>;
}

export interface HotlineAssessmentsTable {
  item_id: string;
  classification: string;
  content_type: string;
  victim_age: string | null;
  victim_gender: string | null;
  site_type: string;
  offences: string[];
  notes: string | null;
  revision: Default<number>;
  assessed_by: string | null;
  assessed_at: Date;
}

export interface HotlineHostingTable {
  item_id: string;
  ips: string[];
  country: string | null;
  asn: number | null;
  provider: string | null;
  addresses: ColumnType<HostingResolution['addresses'], string, string>;
  error: string | null;
  table_version: number | null;
  resolved_at: Date;
}

export interface HotlineActionsTable {
  id: Generated<string>;
  item_id: string;
  kind: THotlineActionKind;
  via: string | null;
  recipient: string | null;
  partner_code: string | null;
  language: string | null;
  reason: string | null;
  note: string | null;
  reference: string | null;
  mail_id: string | null;
  sent_at: Date | null;
  created_by: string | null;
  created_at: Date;
}

export interface HotlineRemovalChecksTable {
  id: Generated<string>;
  item_id: string;
  checked_at: Date;
  outcome: TRemovalOutcome;
  http_status: number | null;
  detail: string | null;
}

export interface HostingIpTablesTable {
  version: Generated<number>;
  source: 'shipped' | 'admin';
  csv: string;
  ranges: number;
  uploaded_by: string | null;
  uploaded_at: Created;
}

export interface ForeignHotlinesTable {
  code: string;
  name: string;
  countries: string[];
  email: string | null;
  url: string | null;
  active: boolean;
}

export interface AnalystExposuresTable {
  user_id: string;
  /** The Paris day, YYYY-MM-DD. */
  day: ColumnType<string, string, string>;
  file_id: string;
  revealed_at: Date;
}

export interface HotlineTables {
  reports: ReportsTable;
  hotline_items: HotlineItemsTable;
  report_urls: ReportUrlsTable;
  report_files: ReportFilesTable;
  legal_offences: LegalOffencesTable;
  hotline_assessments: HotlineAssessmentsTable;
  hotline_hosting: HotlineHostingTable;
  hotline_actions: HotlineActionsTable;
  hotline_removal_checks: HotlineRemovalChecksTable;
  hosting_ip_tables: HostingIpTablesTable;
  foreign_hotlines: ForeignHotlinesTable;
  analyst_exposures: AnalystExposuresTable;
}
