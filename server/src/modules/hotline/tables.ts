// The hotline's tables as Kysely sees them (migration 0006-hotline).
import type { TReportCategory } from '@abri/contracts';
import type { ColumnType, Generated, Selectable } from 'kysely';

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
}
export type ReportRow = Selectable<ReportsTable>;

export interface HotlineItemsTable {
  id: Generated<string>;
  /** normalizeReportedUrl's key: the same content over http/https, with or without www, is one item. */
  dedup_key: string;
  url: string;
  host: string;
  /** 1 is looked at first (child sexual abuse, grooming); the most urgent report of an item wins. */
  priority: number;
  status: Default<string>;
  report_count: Default<number>;
  first_reported_at: Date;
  last_reported_at: Date;
}

export interface ReportUrlsTable {
  report_id: string;
  item_id: string;
  /** The address as this report gave it, normalised. */
  url: string;
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

export interface HotlineTables {
  reports: ReportsTable;
  hotline_items: HotlineItemsTable;
  report_urls: ReportUrlsTable;
  report_files: ReportFilesTable;
}
