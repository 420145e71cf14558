import { ZAuditPage, ZAuditQuery, ZAuditVerifyQuery, ZAuditVerifyResult } from '@abri/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { authOf } from '../../http/guard.ts';
import { policies } from '../../http/policy.ts';
import { actorOf } from '../identity/index.ts';
import { listAuditEvents } from './audit.repository.ts';
import { recordAudit, verifyAuditChain } from './audit.service.ts';

const EXPORT_LIMIT = 100_000;

function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // Quote every cell, and neutralise leading characters that spreadsheets would run as formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function auditRoutes(fastify: FastifyInstance, context: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  const config = { policy: policies.can('audit.read') };

  app.get(
    '/api/admin/audit',
    {
      schema: {
        tags,
        summary: 'Browse the audit trail, newest first',
        querystring: ZAuditQuery,
        response: { 200: ZAuditPage },
      },
      config,
    },
    async (request) => {
      const { limit, ...filters } = request.query;
      const events = await listAuditEvents(context.db, filters, limit);
      return { events, nextBefore: events.length === limit ? (events.at(-1)?.seq ?? null) : null };
    },
  );

  app.get(
    '/api/admin/audit/verify',
    {
      schema: {
        tags,
        summary:
          'Check the keyed chain against its anchors, from the last verified point (full=true: every entry)',
        querystring: ZAuditVerifyQuery,
        response: { 200: ZAuditVerifyResult },
      },
      config,
    },
    async (request) => verifyAuditChain(context.db, { full: request.query.full === 'true' }),
  );

  app.get(
    '/api/admin/audit/export.csv',
    {
      schema: {
        tags,
        summary: 'Export the filtered trail as CSV (the export itself is audited)',
        querystring: ZAuditQuery.omit({ limit: true }),
      },
      config,
    },
    async (request, reply) => {
      const events = await listAuditEvents(context.db, request.query, EXPORT_LIMIT);
      await recordAudit(
        context.db,
        {
          actor: actorOf(authOf(request).user),
          action: 'audit.exported',
          details: { rows: events.length, filters: { ...request.query } },
        },
        context.clock.now(),
      );
      const header = [
        'seq',
        'at',
        'actor_id',
        'actor_name',
        'action',
        'subject_type',
        'subject_id',
        'details',
      ];
      const lines = events.map((e) =>
        [e.seq, e.at, e.actorId, e.actorName, e.action, e.subjectType, e.subjectId, e.details]
          .map(csvCell)
          .join(','),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="abri-audit.csv"')
        .send(`${header.join(',')}\n${lines.join('\n')}\n`);
    },
  );
}
