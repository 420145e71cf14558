// Reading the e-mail outbox, for the console: newest first, page by page, with the attachments' names and
// sizes but not their bytes, which are fetched one at a time. Writing and sending are in mail.ts.
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { MailStatus } from './tables.ts';

/** Ids reach these functions from URLs: anything but a UUID finds nothing rather than failing the query. */
export const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export interface MailRelated {
  /** Which module's record this mail is about ('escalation', 'notice'...): selects the onSent hook. */
  type: string;
  id: string;
}

export interface OutboxAttachmentInfo {
  filename: string;
  contentType: string;
  size: number;
}

export interface OutboxMailSummary {
  id: string;
  to: string[];
  subject: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  related: MailRelated | null;
  createdAt: Date;
  sentAt: Date | null;
  messageId: string | null;
  attachments: OutboxAttachmentInfo[];
}

export interface OutboxMail extends OutboxMailSummary {
  text: string;
}

// The attachments' metadata without their bytes, so that a list of mails stays small.
const attachmentInfo = sql<OutboxAttachmentInfo[]>`(
  select coalesce(jsonb_agg(a.value - 'contentBase64' order by a.n), '[]'::jsonb)
  from jsonb_array_elements(mail_outbox.attachments) with ordinality as a(value, n))`;

function summaryQuery(db: Db) {
  return db
    .selectFrom('mail_outbox')
    .select([
      'id',
      'to_addresses',
      'subject',
      'status',
      'attempts',
      'last_error',
      'related_type',
      'related_id',
      'created_at',
      'sent_at',
      'message_id',
      attachmentInfo.as('attachment_info'),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function rowToSummary(row: SummaryRow): OutboxMailSummary {
  return {
    id: row.id,
    to: row.to_addresses,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    related: row.related_type && row.related_id ? { type: row.related_type, id: row.related_id } : null,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    messageId: row.message_id,
    attachments: row.attachment_info,
  };
}

export interface OutboxQuery {
  status?: MailStatus;
  related?: MailRelated;
  limit: number;
  /** The id of the last mail of the previous page: the page continues with older mails. */
  before?: string;
}

/** Newest first. */
export async function listOutbox(db: Db, query: OutboxQuery): Promise<OutboxMailSummary[]> {
  if (query.before !== undefined && !isUuid(query.before)) return [];
  let select = summaryQuery(db);
  if (query.status) select = select.where('status', '=', query.status);
  if (query.related)
    select = select.where('related_type', '=', query.related.type).where('related_id', '=', query.related.id);
  if (query.before)
    select = select.where(
      sql<boolean>`(created_at, id) < (select created_at, id from mail_outbox where id = ${query.before})`,
    );
  const rows = await select
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.max(1, Math.min(200, Math.trunc(query.limit) || 1)))
    .execute();
  return rows.map(rowToSummary);
}

export async function getOutboxMail(db: Db, id: string): Promise<OutboxMail | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await summaryQuery(db).select('text_body').where('id', '=', id).executeTakeFirst();
  return row && { ...rowToSummary(row), text: row.text_body };
}

/** One attachment's bytes, by its position in the mail (for the console's download link). */
export async function getOutboxAttachment(
  db: Db,
  id: string,
  index: number,
): Promise<(OutboxAttachmentInfo & { content: Buffer }) | undefined> {
  if (!isUuid(id) || !Number.isInteger(index) || index < 0) return undefined;
  const row = await db
    .selectFrom('mail_outbox')
    .select('attachments')
    .where('id', '=', id)
    .executeTakeFirst();
  const file = row?.attachments[index];
  return (
    file && {
      filename: file.filename,
      contentType: file.contentType,
      size: file.size,
      content: Buffer.from(file.contentBase64, 'base64'),
    }
  );
}
