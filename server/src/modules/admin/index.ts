// Admin owns the administrators' views of shared infrastructure: the e-mail outbox (what was sent, what is
// held without an SMTP server, what failed), with a way to send a held or failed mail again. No tables.
import { ZOutboxMail, ZOutboxMailSummary, ZOutboxQuery } from '@abri/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext, AppModule } from '../../context.ts';
import { policies } from '../../http/policy.ts';
import { AppError } from '../../infra/errors.ts';
import { getOutboxMail, listOutbox, type OutboxMailSummary } from '../../infra/mail.ts';

const ZId = z.strictObject({ id: z.uuid('not a valid id') });

function present(mail: OutboxMailSummary) {
  return {
    id: mail.id,
    to: mail.to,
    subject: mail.subject,
    status: mail.status,
    attempts: mail.attempts,
    lastError: mail.lastError,
    relatedType: mail.related?.type ?? null,
    relatedId: mail.related?.id ?? null,
    createdAt: mail.createdAt.toISOString(),
    sentAt: mail.sentAt ? mail.sentAt.toISOString() : null,
    attachments: mail.attachments,
  };
}

function outboxRoutes(fastify: FastifyInstance, context: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];
  const policy = policies.can('settings.manage');

  app.get(
    '/api/admin/outbox',
    {
      schema: {
        tags,
        summary: 'The e-mail outbox, newest first',
        querystring: ZOutboxQuery,
        response: { 200: z.object({ mails: z.array(ZOutboxMailSummary) }) },
      },
      config: { policy },
    },
    async (request) => ({
      mails: (await listOutbox(context.db, { status: request.query.status, limit: request.query.limit })).map(
        present,
      ),
    }),
  );

  app.get(
    '/api/admin/outbox/:id',
    {
      schema: { tags, summary: 'One e-mail of the outbox', params: ZId, response: { 200: ZOutboxMail } },
      config: { policy },
    },
    async (request) => {
      const mail = await getOutboxMail(context.db, request.params.id);
      if (!mail) throw new AppError('REQUEST_NOT_FOUND');
      return { ...present(mail), text: mail.text };
    },
  );

  app.post(
    '/api/admin/outbox/:id/retry',
    {
      schema: {
        tags,
        summary: 'Send a held or failed e-mail again',
        params: ZId,
        body: z.strictObject({}).optional(),
        response: { 200: ZOutboxMail },
      },
      config: { policy },
    },
    async (request) => {
      if (!(await context.mail.retry(context.db, request.params.id))) throw new AppError('REQUEST_NOT_FOUND');
      const mail = await getOutboxMail(context.db, request.params.id);
      if (!mail) throw new AppError('REQUEST_NOT_FOUND');
      return { ...present(mail), text: mail.text };
    },
  );
}

export const adminModule: AppModule = { name: 'admin', routes: outboxRoutes };
