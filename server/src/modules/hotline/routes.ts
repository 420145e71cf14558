// The hotline's public API: submit a report (JSON, or multipart with screenshots), and read its status by
// tracking code. The plain HTML pages (no JavaScript) are in pages.ts and share the same service.
import { ZReportInput, ZReportReceipt, ZReportStatus, ZReportStatusQuery } from '@abri/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { policies } from '../../http/policy.ts';
import { formToReport, isMultipart, readMultipart } from './form.ts';
import { createLimiter, REPORT_LIMITS, STATUS_LIMITS } from './limits.ts';
import { assertScreenshotsAllowed, decoyReceipt, reportStatus, submitReport } from './reports.service.ts';
import { checkScreenshot } from './screenshots.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Files of a multipart report, read before validation (the fields become the body). */
    reportFiles?: Buffer[];
  }
}

export function hotlineApiRoutes(fastify: FastifyInstance, context: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['hotline'];
  const limit = createLimiter(context);

  // A multipart report's fields become the body, so that the same schema validates JSON and forms.
  async function multipartToBody(request: FastifyRequest) {
    if (!isMultipart(request)) return;
    const { fields, files, error } = await readMultipart(request);
    if (error) throw error;
    request.body = formToReport(fields);
    request.reportFiles = files;
  }

  app.post(
    '/api/hotline/reports',
    {
      schema: {
        tags,
        summary:
          'Report content (JSON, or multipart/form-data with the same fields and up to 5 screenshots, not for child sexual abuse content)',
        body: ZReportInput,
        response: { 201: ZReportReceipt },
      },
      config: { policy: policies.public() },
      // Counted before the body is read: a flood of large uploads is stopped before it costs memory.
      onRequest: async (request, reply) =>
        limit(request, reply, 'hotline-report', REPORT_LIMITS, 'HOTLINE_TOO_MANY_REPORTS'),
      preValidation: multipartToBody,
    },
    async (request, reply) => {
      const input = request.body;
      const files = request.reportFiles ?? [];
      // Refuse screenshots for abuse content before looking at them: the answer must not depend on them.
      assertScreenshotsAllowed(input.category, files.length);
      const screenshots = files.map(checkScreenshot);
      const now = context.clock.now();
      // The honeypot: a robot that filled the hidden field gets a normal-looking receipt, so it has no
      // signal to adapt to, but nothing is stored and its code leads nowhere (analysts never see spam).
      if (input.website) return reply.code(201).send(decoyReceipt(input, now));
      return reply.code(201).send(await submitReport(context.db, input, screenshots, now));
    },
  );

  app.get(
    '/api/hotline/reports/status',
    {
      schema: {
        tags,
        summary: 'Where a report stands, by its tracking code (and nothing else)',
        querystring: ZReportStatusQuery,
        response: { 200: ZReportStatus },
      },
      config: { policy: policies.public() },
      onRequest: async (request, reply) =>
        limit(request, reply, 'hotline-status', STATUS_LIMITS, 'REQUEST_RATE_LIMITED'),
    },
    async (request) => reportStatus(context.db, request.query.code),
  );
}
