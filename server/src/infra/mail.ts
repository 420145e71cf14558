// The e-mail outbox. queueMail writes a message in the caller's transaction and enqueues its delivery; the
// 'mail.send' job relays it over SMTP (or holds it when SMTP is not configured), then tells the module that
// asked for it through its onSent hook, once. The console reads the outbox through mail-outbox.ts.
import { type Selectable, sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { type Db, inTransaction } from '../database.ts';
import type { Clock } from './clock.ts';
import { enqueueJob, type JobRunner } from './jobs.ts';
import { isUuid, type MailRelated } from './mail-outbox.ts';
import type { MailOutboxTable, StoredMailAttachment } from './tables.ts';

export * from './mail-outbox.ts';
export type { MailStatus } from './tables.ts';

export const MAIL_SEND_JOB = 'mail.send';
export const MAIL_PURGE_JOB = 'mail.purge';

/** With the runner's back-off (10 s, doubling) ten tries span about 85 minutes: long enough to ride out a
 *  relay restart or a short outage, short enough that a person sees a 'failed' mail the same morning. */
const MAX_ATTEMPTS = 10;

// Kept well below the job lock (5 minutes): a send still hanging when the lock expires would be claimed
// again by another instance and could go out twice. Operators may still override them in SMTP_URL's query.
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** Bounds on one message, so that a runaway caller cannot fill the database or the relay's queue. */
export const MAIL_LIMITS = {
  recipients: 50,
  subjectChars: 500,
  textChars: 500_000,
  attachments: 10,
  attachmentBytes: 15 * 1024 * 1024,
};

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

export interface QueueMailOptions {
  related?: MailRelated;
  /** The time of queueing (created_at and the job's due time); the app's clock through MailService. */
  now?: Date;
}

/** Runs in the transaction that records the hook as done: its writes and that mark commit together. */
export type MailSentHandler = (db: Db, relatedId: string, outboxId: string) => Promise<void>;

/** What modules see as context.mail: queue with the app's clock, and say what to do once a mail is sent. */
export interface MailService {
  queue(db: Db, message: OutgoingMail, options?: { related?: MailRelated }): Promise<{ id: string }>;
  /** Sends a held or failed mail again (see retryMail). */
  retry(db: Db, id: string): Promise<boolean>;
  /** Deletes a held or failed mail that is replaced by another way of sending (see discardMail). */
  discard(db: Db, id: string): Promise<boolean>;
  onSent(type: string, handler: MailSentHandler): void;
  sentHandler(type: string): MailSentHandler | undefined;
}

export function createMailService(clock: Clock): MailService {
  const handlers = new Map<string, MailSentHandler>();
  return {
    queue: (db, message, options = {}) => queueMail(db, message, { ...options, now: clock.now() }),
    retry: (db, id) => retryMail(db, id, clock.now()),
    discard: (db, id) => discardMail(db, id),
    onSent(type, handler) {
      if (handlers.has(type)) throw new Error(`an onSent handler for mail about '${type}' is already set`);
      handlers.set(type, handler);
    },
    sentHandler: (type) => handlers.get(type),
  };
}

const ADDRESS = /^[^\s<>@,;:"()[\]\\]+@[^\s<>@,;:"()[\]\\]+$/;
const MIME_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

// PostgreSQL text cannot hold U+0000; without this a stray NUL in a note fails the caller's transaction.
const withoutNul = (text: string) => text.replaceAll('\u0000', '');

function checkedMail(message: OutgoingMail) {
  const to = [...new Set(message.to.map((address) => address.trim()))];
  if (to.length === 0 || to.length > MAIL_LIMITS.recipients)
    throw new RangeError(`a mail needs 1 to ${MAIL_LIMITS.recipients} recipients, not ${to.length}`);
  for (const address of to)
    if (address.length > 254 || !ADDRESS.test(address))
      throw new TypeError(`not an e-mail address: ${JSON.stringify(address.slice(0, 80))}`);
  // A header is one line: control characters (line breaks, tabs, NUL) become spaces here, so that what
  // is stored and shown in the console is exactly the subject that was sent.
  const subject = message.subject.replace(/\p{Cc}+/gu, ' ').trim();
  if (!subject || subject.length > MAIL_LIMITS.subjectChars)
    throw new RangeError(`a subject needs 1 to ${MAIL_LIMITS.subjectChars} characters`);
  const text = withoutNul(message.text);
  if (text.length > MAIL_LIMITS.textChars) throw new RangeError('the mail body is too long');
  const files = message.attachments ?? [];
  if (files.length > MAIL_LIMITS.attachments)
    throw new RangeError(`at most ${MAIL_LIMITS.attachments} attachments per mail`);
  const total = files.reduce((sum, file) => sum + file.content.byteLength, 0);
  if (total > MAIL_LIMITS.attachmentBytes) throw new RangeError('the attachments are too large for one mail');
  const attachments: StoredMailAttachment[] = files.map((file) => ({
    filename:
      withoutNul(file.filename)
        .replace(/[\p{Cc}/\\]+/gu, '_')
        .trim()
        .slice(0, 200) || 'attachment',
    contentType: MIME_TYPE.test(file.contentType) ? file.contentType : 'application/octet-stream',
    size: file.content.byteLength,
    contentBase64: Buffer.from(file.content).toString('base64'),
  }));
  return { to, subject, text, attachments };
}

/**
 * Records a mail and its delivery job on the caller's handle: if the caller's transaction rolls back,
 * nothing is sent. Throws on a malformed message (bad address, over the limits): the caller validates.
 */
export async function queueMail(
  db: Db,
  message: OutgoingMail,
  options: QueueMailOptions = {},
): Promise<{ id: string }> {
  const mail = checkedMail(message);
  return inTransaction(db, async (tx) => {
    const row = await tx
      .insertInto('mail_outbox')
      .values({
        to_addresses: mail.to,
        subject: mail.subject,
        text_body: mail.text,
        attachments: JSON.stringify(mail.attachments),
        related_type: options.related?.type ?? null,
        related_id: options.related?.id ?? null,
        created_at: options.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueJob(
      tx,
      MAIL_SEND_JOB,
      { outboxId: row.id },
      { runAt: options.now, maxAttempts: MAX_ATTEMPTS },
    );
    return { id: row.id };
  });
}

/** Sends a held or failed mail again (a console action, e.g. once SMTP is configured). False otherwise. */
/** Deletes a mail that never left (held or failed); false when it was sent, is on its way, or is gone. */
export async function discardMail(db: Db, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const deleted = await db
    .deleteFrom('mail_outbox')
    .where('id', '=', id)
    .where('status', 'in', ['held', 'failed'])
    .returning('id')
    .executeTakeFirst();
  return deleted !== undefined;
}

export async function retryMail(db: Db, id: string, now?: Date): Promise<boolean> {
  if (!isUuid(id)) return false;
  return inTransaction(db, async (tx) => {
    const row = await tx
      .updateTable('mail_outbox')
      .set({ status: 'queued', attempts: 0 })
      .where('id', '=', id)
      .where('status', 'in', ['held', 'failed'])
      .returning('id')
      .executeTakeFirst();
    if (row) await enqueueJob(tx, MAIL_SEND_JOB, { outboxId: id }, { runAt: now, maxAttempts: MAX_ATTEMPTS });
    return row !== undefined;
  });
}

export interface MailJobContext {
  config: Pick<Config, 'smtpUrl' | 'mailFrom'>;
  logger: Logger;
  clock: Clock;
}

function withTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [key, ms] of Object.entries(SMTP_TIMEOUTS))
    if (!url.searchParams.has(key)) url.searchParams.set(key, String(ms));
  return url.toString();
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

type OutboxRow = Selectable<MailOutboxTable>;
type JobRun = { db: Db; attempt: number; maxAttempts: number };

/**
 * Registers the delivery job. Each step checks the row first, so a job run again after a crash neither
 * sends a 'sent' mail again nor repeats its hook. The one unavoidable gap (the relay accepted the mail and
 * the process died before recording it) sends twice, with the same Message-ID, which receivers can spot.
 */
export function registerMailJobs(
  runner: JobRunner,
  context: MailJobContext,
  hooks: Pick<MailService, 'sentHandler'>,
): { close(): void } {
  const { config, logger, clock } = context;
  const domain = /@([^\s<>@]+)>?\s*$/.exec(config.mailFrom)?.[1] ?? 'localhost';
  let transport: Transporter<SMTPTransport.SentMessageInfo> | undefined;
  // One transport for the app, made on first use: an instance that never sends mail opens nothing.
  const smtp = (url: string) =>
    (transport ??= nodemailer.createTransport(withTimeouts(url), { from: config.mailFrom }));

  async function deliver(smtpUrl: string, row: OutboxRow, job: JobRun): Promise<void> {
    await job.db
      .updateTable('mail_outbox')
      .set({ attempts: sql<number>`attempts + 1` })
      .where('id', '=', row.id)
      .execute();
    let info: SMTPTransport.SentMessageInfo;
    try {
      info = await smtp(smtpUrl).sendMail({
        to: row.to_addresses,
        subject: row.subject,
        text: row.text_body,
        date: clock.now(),
        messageId: `<${row.id}@${domain}>`,
        attachments: row.attachments.map((file) => ({
          filename: file.filename,
          contentType: file.contentType,
          content: Buffer.from(file.contentBase64, 'base64'),
        })),
      });
    } catch (error) {
      const final = job.attempt >= job.maxAttempts;
      await job.db
        .updateTable('mail_outbox')
        .set({ status: final ? 'failed' : 'queued', last_error: errorText(error) })
        .where('id', '=', row.id)
        .execute();
      if (final) logger.error({ outbox: row.id, err: errorText(error) }, 'mail failed, no more attempts');
      throw error; // the runner retries with back-off
    }
    // Some recipients refused while others accepted: the mail is sent, and the console says to whom not.
    const rejected = info.rejected.map(String); // envelope addresses, plain strings for SMTP
    await job.db
      .updateTable('mail_outbox')
      .set({
        status: 'sent',
        sent_at: clock.now(),
        message_id: info.messageId,
        last_error: rejected.length > 0 ? `refused by the relay for: ${rejected.join(', ')}` : null,
      })
      .where('id', '=', row.id)
      .execute();
    logger.info({ outbox: row.id, messageId: info.messageId }, 'mail sent');
  }

  async function notifySent(row: OutboxRow, job: JobRun): Promise<void> {
    const { related_type: type, related_id: relatedId } = row;
    if (!type || !relatedId || row.sent_hook_at) return;
    const handler = hooks.sentHandler(type);
    if (!handler) return;
    try {
      await inTransaction(job.db, async (tx) => {
        const first = await tx
          .updateTable('mail_outbox')
          .set({ sent_hook_at: clock.now() })
          .where('id', '=', row.id)
          .where('sent_hook_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (first) await handler(tx, relatedId, row.id);
      });
    } catch (error) {
      // The job is retried: the mail is not sent again (its row says 'sent'), only the hook runs.
      if (job.attempt >= job.maxAttempts)
        logger.error({ outbox: row.id, related: type, err: errorText(error) }, 'onSent hook gave up');
      throw error;
    }
  }

  runner.register(MAIL_SEND_JOB, async (payload, job) => {
    const id = String(payload.outboxId);
    if (!isUuid(id)) return;
    const row = await job.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return; // deleted since (retention): nothing left to send
    if (row.status === 'queued' && !config.smtpUrl) {
      await job.db.updateTable('mail_outbox').set({ status: 'held' }).where('id', '=', id).execute();
      logger.info({ outbox: id }, 'mail held: SMTP_URL is not set');
      return;
    }
    if (row.status === 'queued' && config.smtpUrl) await deliver(config.smtpUrl, row, job);
    else if (row.status !== 'sent') return;
    await notifySent(row, job);
  });
  runner.register(
    MAIL_PURGE_JOB,
    async (_payload, job) => void (await purgeOutbox(job.db, clock.now())),
    3_600_000,
  );
  return { close: () => transport?.close() };
}

/**
 * The outbox holds copies of what was sent (escalation PDFs among them): sent mail is deleted after
 * MAIL_RETENTION_DAYS.sent days, held or failed mail (kept for an administrator to act on) after .unsent.
 */
export const MAIL_RETENTION_DAYS = { sent: 30, unsent: 90 } as const;

export async function purgeOutbox(db: Db, now: Date): Promise<number> {
  const day = 86_400_000;
  const deleted = await db
    .deleteFrom('mail_outbox')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status', '=', 'sent'),
          eb('created_at', '<', new Date(now.getTime() - MAIL_RETENTION_DAYS.sent * day)),
        ]),
        eb.and([
          eb('status', 'in', ['held', 'failed']),
          eb('created_at', '<', new Date(now.getTime() - MAIL_RETENTION_DAYS.unsent * day)),
        ]),
      ]),
    )
    .returning('id')
    .execute();
  return deleted.length;
}
