import type { ColumnType, Generated } from 'kysely';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
  status: ColumnType<
    'queued' | 'running' | 'done' | 'failed',
    'queued' | undefined,
    'queued' | 'running' | 'done' | 'failed'
  >;
  run_at: ColumnType<Date, Date | undefined, Date>;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  finished_at: Date | null;
}

/** One stored attachment of an outbox mail; the bytes are base64 so that the row stays plain JSON. */
export interface StoredMailAttachment {
  filename: string;
  contentType: string;
  size: number;
  contentBase64: string;
}

export type MailStatus = 'queued' | 'sent' | 'held' | 'failed';

export interface MailOutboxTable {
  id: Generated<string>;
  to_addresses: string[];
  subject: string;
  text_body: string;
  attachments: ColumnType<StoredMailAttachment[], string, never>;
  status: ColumnType<MailStatus, MailStatus | undefined, MailStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  related_type: string | null;
  related_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  sent_at: Date | null;
  message_id: string | null;
  sent_hook_at: Date | null;
}

export interface InstanceSecretTable {
  id: number;
  fingerprint: string;
  recorded_at: Date;
}

export interface InfraTables {
  instance_secret: InstanceSecretTable;
  jobs: JobsTable;
  mail_outbox: MailOutboxTable;
}
