import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, unique, withPrivateDatabase } from '../../test/helpers.ts';
import { parseMail, TestSmtpServer } from '../../test/smtp.ts';
import { ConfigError, loadConfig } from '../config.ts';
import type { Db } from '../database.ts';
import { ManualClock } from './clock.ts';
import { enqueueJob } from './jobs.ts';
import {
  getOutboxAttachment,
  getOutboxMail,
  listOutbox,
  MAIL_SEND_JOB,
  type OutgoingMail,
  purgeOutbox,
  queueMail,
  retryMail,
} from './mail.ts';
import { renderPdf } from './pdf.ts';

// ---- A real SMTP server, in-process (server/test/smtp.ts) --------------------------------------------------

const smtp = new TestSmtpServer();

beforeAll(() => smtp.start());
afterAll(() => smtp.close());
beforeEach(() => {
  smtp.received = [];
  smtp.refuse.clear();
});

// A type no module registers a hook for (escalations registers 'escalation').
const RELATED = 'test-report';

const smtpUrl = () => smtp.url;

/**
 * An app over a database of its own: every app registers 'mail.send', so on a shared PostgreSQL database
 * another test's runner could deliver (or hold) this test's mail.
 */
async function withApp(
  env: Record<string, string>,
  work: (app: FastifyInstance, clock: ManualClock) => Promise<void>,
): Promise<void> {
  await withPrivateDatabase(async (database) => {
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const app = await buildTestApp({
      clock,
      env: { ...database, MAIL_FROM: 'Abri <abri@aide.example.org>', ...env },
    });
    try {
      await work(app, clock);
    } finally {
      await app.close();
    }
  });
}

function letter(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    to: ['brigade.mineurs@police.example.org'],
    subject: 'Signalement urgent – mineur en danger, réf. ESC-42',
    text: 'Bonjour,\n\nVeuillez trouver ci-joint le signalement concernant un enfant de 13 ans.\n\nL’équipe Abri',
    ...overrides,
  };
}

async function mailRow(app: FastifyInstance, id: string) {
  return app.context.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('mail outbox', () => {
  it('delivers a queued mail with its PDF over SMTP, then calls the onSent hook once, in a transaction', async () => {
    await withApp({ SMTP_URL: smtpUrl() }, async (app, clock) => {
      const calls: { relatedId: string; outboxId: string; inTransaction: boolean }[] = [];
      app.context.mail.onSent(RELATED, async (db: Db, relatedId, outboxId) => {
        calls.push({ relatedId, outboxId, inTransaction: db.isTransaction });
      });
      const pdf = await renderPdf({
        title: 'Signalement ESC-42',
        meta: [{ label: 'Référence', value: 'ESC-42' }],
        sections: [{ heading: 'Situation', paragraphs: ['Un enfant menacé en ligne.'] }],
        footer: 'Confidentiel',
        createdAt: clock.now(),
      });
      const { id } = await app.context.db.transaction().execute((tx) =>
        app.context.mail.queue(
          tx,
          letter({
            attachments: [{ filename: 'ESC-42.pdf', contentType: 'application/pdf', content: pdf }],
          }),
          { related: { type: RELATED, id: 'esc-42' } },
        ),
      );
      expect((await mailRow(app, id)).status).toBe('queued');

      expect(await app.context.jobs.runDue()).toBe(1);
      expect(smtp.received).toHaveLength(1);
      const [delivery] = smtp.received;
      expect(delivery!.user).toBe('abri');
      expect(delivery!.rcptTo).toEqual(['brigade.mineurs@police.example.org']);
      const mail = parseMail(delivery!.raw);
      expect(mail.subject).toBe('Signalement urgent – mineur en danger, réf. ESC-42');
      expect(mail.to).toBe('brigade.mineurs@police.example.org');
      expect(mail.from).toBe('Abri <abri@aide.example.org>');
      expect(mail.messageId).toBe(`<${id}@aide.example.org>`);
      expect(mail.text).toContain('enfant de 13 ans');
      expect(mail.files).toHaveLength(1);
      expect(mail.files[0]).toMatchObject({ filename: 'ESC-42.pdf', contentType: 'application/pdf' });
      expect(mail.files[0]!.content.equals(Buffer.from(pdf))).toBe(true);

      expect(await mailRow(app, id)).toMatchObject({
        status: 'sent',
        attempts: 1,
        last_error: null,
        message_id: `<${id}@aide.example.org>`,
        sent_at: clock.now(),
      });
      expect(calls).toEqual([{ relatedId: 'esc-42', outboxId: id, inTransaction: true }]);

      // What the console reads: the list without bodies or bytes, the mail, and its attachment on demand.
      const [summary] = await listOutbox(app.context.db, {
        related: { type: RELATED, id: 'esc-42' },
        limit: 10,
      });
      expect(summary).toMatchObject({
        id,
        status: 'sent',
        to: ['brigade.mineurs@police.example.org'],
        related: { type: RELATED, id: 'esc-42' },
        attachments: [{ filename: 'ESC-42.pdf', contentType: 'application/pdf', size: pdf.byteLength }],
      });
      expect(summary).not.toHaveProperty('text');
      expect((await getOutboxMail(app.context.db, id))?.text).toContain('enfant de 13 ans');
      const file = await getOutboxAttachment(app.context.db, id, 0);
      expect(file?.content.equals(Buffer.from(pdf))).toBe(true);
      expect(await getOutboxAttachment(app.context.db, id, 1)).toBeUndefined();
      expect(await getOutboxMail(app.context.db, 'not-a-uuid')).toBeUndefined();
    });
  });

  it('does not send twice when the job of a sent mail runs again', async () => {
    await withApp({ SMTP_URL: smtpUrl() }, async (app) => {
      let hookCalls = 0;
      app.context.mail.onSent(RELATED, async () => {
        hookCalls += 1;
      });
      const { id } = await app.context.mail.queue(app.context.db, letter(), {
        related: { type: RELATED, id: unique('esc') },
      });
      await app.context.jobs.runDue();
      // As after a crash between the send and the job's completion: the same job is run again.
      await enqueueJob(app.context.db, MAIL_SEND_JOB, { outboxId: id }, { runAt: app.context.clock.now() });
      expect(await app.context.jobs.runDue()).toBe(1);
      expect(smtp.received).toHaveLength(1);
      expect(hookCalls).toBe(1);
      expect((await mailRow(app, id)).attempts).toBe(1);
    });
  });

  it('retries a failing hook without sending the mail again', async () => {
    await withApp({ SMTP_URL: smtpUrl() }, async (app, clock) => {
      let hookCalls = 0;
      app.context.mail.onSent(RELATED, async (db, relatedId, outboxId) => {
        hookCalls += 1;
        // The hook's writes are in the transaction that marks it done: a failure leaves neither.
        await db
          .updateTable('mail_outbox')
          .set({ last_error: `hooked ${relatedId}` })
          .where('id', '=', outboxId)
          .execute();
        if (hookCalls === 1) throw new Error('escalation table locked');
      });
      const { id } = await app.context.mail.queue(app.context.db, letter(), {
        related: { type: RELATED, id: 'esc-7' },
      });
      await app.context.jobs.runDue();
      expect(await mailRow(app, id)).toMatchObject({ status: 'sent', sent_hook_at: null, last_error: null });
      clock.advance(60_000);
      expect(await app.context.jobs.runDue()).toBe(1);
      expect(smtp.received).toHaveLength(1);
      expect(hookCalls).toBe(2);
      expect(await mailRow(app, id)).toMatchObject({ status: 'sent', last_error: 'hooked esc-7' });
    });
  });

  it('retries with back-off when the relay refuses, keeps the error, and fails after the last attempt', async () => {
    await withApp({ SMTP_URL: smtpUrl() }, async (app, clock) => {
      let hookCalls = 0;
      app.context.mail.onSent(RELATED, async () => {
        hookCalls += 1;
      });
      smtp.refuse.add('gone@partner.example.org');
      const { id } = await app.context.mail.queue(
        app.context.db,
        letter({ to: ['gone@partner.example.org'] }),
        {
          related: { type: RELATED, id: 'esc-9' },
        },
      );
      expect(await app.context.jobs.runDue()).toBe(1);
      const first = await mailRow(app, id);
      expect(first).toMatchObject({ status: 'queued', attempts: 1 });
      expect(first.last_error).toMatch(/550/);
      expect(await app.context.jobs.runDue()).toBe(0); // backing off

      let attempts = 1;
      while ((await mailRow(app, id)).status === 'queued' && attempts < 20) {
        clock.advance(3_600_000);
        attempts += await app.context.jobs.runDue();
      }
      const last = await mailRow(app, id);
      expect(last).toMatchObject({ status: 'failed', attempts: 10, sent_at: null });
      expect(last.last_error).toMatch(/Mailbox unavailable/);
      const job = await app.context.db
        .selectFrom('jobs')
        .select(['status', 'attempts'])
        .where('kind', '=', MAIL_SEND_JOB)
        .executeTakeFirstOrThrow();
      expect(job).toEqual({ status: 'failed', attempts: 10 });
      expect(smtp.received).toHaveLength(0);
      expect(hookCalls).toBe(0);

      // Once the partner's address works again, the console can send it again.
      smtp.refuse.clear();
      expect(await retryMail(app.context.db, id, clock.now())).toBe(true);
      expect(await retryMail(app.context.db, id, clock.now())).toBe(false); // already queued
      await app.context.jobs.runDue();
      expect(await mailRow(app, id)).toMatchObject({ status: 'sent', attempts: 1 });
      expect(hookCalls).toBe(1);
    });
  });

  it('deletes sent mail after 30 days and held or failed mail after 90', async () => {
    await withApp({ SMTP_URL: smtpUrl() }, async (app, clock) => {
      const { db } = app.context;
      const sent = (await app.context.mail.queue(db, letter())).id;
      await app.context.jobs.runDue();
      expect((await mailRow(app, sent)).status).toBe('sent');
      const held = (await app.context.mail.queue(db, letter())).id;
      await db.updateTable('mail_outbox').set({ status: 'held' }).where('id', '=', held).execute();
      clock.advance(31 * 86_400_000);
      expect(await purgeOutbox(db, clock.now())).toBe(1);
      expect(await getOutboxMail(db, sent)).toBeUndefined();
      expect((await mailRow(app, held)).status).toBe('held');
      clock.advance(60 * 86_400_000);
      expect(await purgeOutbox(db, clock.now())).toBe(1);
      expect(await getOutboxMail(db, held)).toBeUndefined();
    });
  });

  it('holds mail in the outbox, without calling hooks, when SMTP_URL is not set', async () => {
    await withApp({}, async (app, clock) => {
      let hookCalls = 0;
      app.context.mail.onSent(RELATED, async () => {
        hookCalls += 1;
      });
      const ids: string[] = [];
      for (const n of [1, 2, 3]) {
        ids.push((await app.context.mail.queue(app.context.db, letter({ subject: `Mail ${n}` }))).id);
        clock.advance(1000);
      }
      const { id } = await app.context.mail.queue(app.context.db, letter(), {
        related: { type: RELATED, id: 'esc-1' },
      });
      ids.push(id);
      expect(await app.context.jobs.runDue()).toBe(4);
      expect(await mailRow(app, id)).toMatchObject({ status: 'held', attempts: 0, sent_at: null });
      expect(hookCalls).toBe(0);
      expect(smtp.received).toHaveLength(0);

      // Newest first, page by page.
      const page1 = await listOutbox(app.context.db, { status: 'held', limit: 2 });
      expect(page1.map((mail) => mail.id)).toEqual([ids[3], ids[2]]);
      const page2 = await listOutbox(app.context.db, { status: 'held', limit: 2, before: page1[1]!.id });
      expect(page2.map((mail) => mail.id)).toEqual([ids[1], ids[0]]);
      expect(await listOutbox(app.context.db, { status: 'sent', limit: 10 })).toEqual([]);
      expect(await listOutbox(app.context.db, { limit: 10, before: 'junk' })).toEqual([]);

      // Retrying without SMTP holds it again.
      expect(await app.context.mail.retry(app.context.db, id)).toBe(true);
      await app.context.jobs.runDue();
      expect((await mailRow(app, id)).status).toBe('held');
    });
  });

  it('queues nothing when the caller’s transaction rolls back', async () => {
    await withApp({ SMTP_URL: smtpUrl() }, async (app) => {
      const subject = unique('Rolled back');
      await expect(
        app.context.db.transaction().execute(async (tx) => {
          await app.context.mail.queue(tx, letter({ subject }));
          throw new Error('the escalation could not be saved');
        }),
      ).rejects.toThrow('could not be saved');
      const rows = await app.context.db
        .selectFrom('mail_outbox')
        .select('id')
        .where('subject', '=', subject)
        .execute();
      expect(rows).toEqual([]);
      expect(await app.context.jobs.runDue()).toBe(0);
      expect(smtp.received).toHaveLength(0);
    });
  });

  it('refuses malformed mail before anything is written, and cleans what it stores', async () => {
    await withApp({}, async (app) => {
      const db = app.context.db;
      await expect(queueMail(db, letter({ to: [] }))).rejects.toThrow(/recipients/);
      await expect(queueMail(db, letter({ to: ['not an address'] }))).rejects.toThrow(
        /not an e-mail address/,
      );
      await expect(queueMail(db, letter({ to: ['a@b.org\r\nBcc: x@y.org'] }))).rejects.toThrow(
        /not an e-mail/,
      );
      await expect(queueMail(db, letter({ subject: ' \n ' }))).rejects.toThrow(/subject/);
      const big = {
        filename: 'big.bin',
        contentType: 'application/octet-stream',
        content: new Uint8Array(16 << 20),
      };
      await expect(queueMail(db, letter({ attachments: [big] }))).rejects.toThrow(/too large/);
      expect(await listOutbox(db, { limit: 10 })).toEqual([]);

      const { id } = await queueMail(
        db,
        letter({
          subject: 'Ligne 1\r\nBcc: intrus@example.org\u0000',
          text: 'Corps\u0000 du message',
          attachments: [
            { filename: '../../etc/passwd\u0000', contentType: 'bad type', content: new Uint8Array([1]) },
          ],
        }),
      );
      const mail = await getOutboxMail(db, id);
      expect(mail).toMatchObject({
        subject: 'Ligne 1 Bcc: intrus@example.org',
        text: 'Corps du message',
        attachments: [{ filename: '.._.._etc_passwd', contentType: 'application/octet-stream', size: 1 }],
      });
    });
  });
});

describe('mail configuration', () => {
  it('reads SMTP_URL and MAIL_FROM, and names the variable when a value is bad (without the password)', () => {
    const config = loadConfig({
      SMTP_URL: 'smtps://user:pw@smtp.example.org:465',
      MAIL_FROM: 'ops@example.org',
    });
    expect(config).toMatchObject({
      smtpUrl: 'smtps://user:pw@smtp.example.org:465',
      mailFrom: 'ops@example.org',
    });
    expect(loadConfig({})).toMatchObject({ smtpUrl: undefined, mailFrom: 'Abri <no-reply@localhost>' });
    expect(() => loadConfig({ SMTP_URL: 'http://user:hunter2@smtp.example.org' })).toThrow(ConfigError);
    expect(() => loadConfig({ SMTP_URL: 'http://user:hunter2@smtp.example.org' })).toThrow(
      /SMTP_URL=.*smtp:\/\//,
    );
    expect(() => loadConfig({ SMTP_URL: 'http://user:hunter2@smtp.example.org' })).not.toThrow(/hunter2/);
    expect(() => loadConfig({ MAIL_FROM: 'Abri' })).toThrow(/MAIL_FROM/);
  });
});
