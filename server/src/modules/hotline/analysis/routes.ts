// HTTP endpoints of the analysts' side: the queue, one item and each thing done to it, the documents it
// gives (PHAROS package, NCMEC-shaped export), its pictures (blurred, or revealed and counted), and the
// reference data (offences, foreign hotlines, the IP-range table administrators load).
import {
  ZAddToBankInput,
  ZAddToBankResult,
  ZExposure,
  ZFeedbackResult,
  ZForeignHotline,
  ZForeignHotlineUpdate,
  ZHotlineAssessmentInput,
  ZHotlineExportQuery,
  ZHotlineHostGroup,
  ZHotlineHostsQuery,
  ZHotlineItem,
  ZHotlineQueue,
  ZHotlineQueueQuery,
  ZHotlineStats,
  ZHotlineTransferInput,
  ZIpRangeTableInfo,
  ZIpRangeUpload,
  ZLegalOffence,
  ZMarkRemovedInput,
  ZNotActionableInput,
  ZNoticePreview,
  ZNoticePreviewQuery,
  ZPharosReferralInput,
  ZProviderNoticeInput,
} from '@abri/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../context.ts';
import { authOf } from '../../../http/guard.ts';
import { policies } from '../../../http/policy.ts';
import { AppError } from '../../../infra/errors.ts';
import { recordAudit, recordRead } from '../../audit/index.ts';
import type { MediaService } from '../../media/index.ts';
import { cachedSettings } from '../../settings/index.ts';
import { ncmecExport } from '../documents/ncmec-export.ts';
import type { NoticeTemplates } from '../documents/notice.ts';
import { pharosPackage, renderPharosPdf } from '../documents/pharos-package.ts';
import * as actions from './actions.service.ts';
import { type HostingLookup, resolveItemHosting } from './hosting.service.ts';
import { exposureOf, previewImage, revealImage } from './images.service.ts';
import { hotlineStats, listHosts, listQueue, loadItem } from './items.repository.ts';
import * as items from './items.service.ts';
import { addItemToBank } from './known-material.ts';
import {
  ipTableInfo,
  listForeignHotlines,
  listOffences,
  updateForeignHotline,
  uploadIpRanges,
} from './reference-data.ts';

const ZId = z.strictObject({ id: z.uuid('not a valid id') });
const ZNoBody = z.strictObject({}).optional();
const ZLang = z.strictObject({ lang: z.enum(['fr', 'en']).optional() });

export interface AnalysisDeps {
  hosting: HostingLookup;
  templates: () => NoticeTemplates;
  media: () => MediaService;
}

function analystOf(request: FastifyRequest): items.Analyst {
  const { user } = authOf(request);
  return { id: user.id, name: user.username };
}

function attachment(reply: FastifyReply, type: string, filename: string, body: Buffer | string) {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

export function analysisRoutes(fastify: FastifyInstance, context: AppContext, deps: AnalysisDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = context;
  const policy = policies.can('hotline.analyse');
  const tags = ['hotline analysis'];
  const present = (id: string) => loadItem(db, id, clock.now());
  const actionContext = async (): Promise<actions.ActionContext> => {
    const now = clock.now();
    return {
      db,
      mail: context.mail,
      settings: await cachedSettings(db, now.getTime()),
      templates: deps.templates(),
      now,
    };
  };

  app.get(
    '/api/hotline/items',
    {
      schema: {
        tags,
        summary: 'The triage queue: most urgent first, then the oldest',
        querystring: ZHotlineQueueQuery,
        response: { 200: ZHotlineQueue },
      },
      config: { policy },
    },
    (request) => listQueue(db, request.query, analystOf(request).id, clock.now()),
  );
  app.get(
    '/api/hotline/hosts',
    {
      schema: {
        tags,
        summary: 'Items grouped by host',
        querystring: ZHotlineHostsQuery,
        response: { 200: z.array(ZHotlineHostGroup) },
      },
      config: { policy },
    },
    (request) => listHosts(db, request.query.status, request.query.limit),
  );
  app.get(
    '/api/hotline/stats',
    {
      schema: {
        tags,
        summary: 'What waits, and the notice-and-takedown time',
        response: { 200: ZHotlineStats },
      },
      config: { policy },
    },
    () => hotlineStats(db, clock.now()),
  );

  app.get(
    '/api/hotline/items/:id',
    {
      schema: {
        tags,
        summary: 'One item with its reports, assessment, hosting, history and checks',
        params: ZId,
        response: { 200: ZHotlineItem },
      },
      config: { policy },
    },
    async (request) => {
      const { id } = request.params;
      let item = await present(id);
      // Hosting is looked up the first time the item is opened: the analyst needs it to decide.
      if (!item.hosting && item.kind === 'url') {
        await resolveItemHosting(db, id, deps.hosting, null, clock.now());
        item = await present(id);
      }
      await recordRead(db, analystOf(request), { type: 'hotline_item', id }, 'analysis');
      return item;
    },
  );

  // Each step: run, then answer with the item as it now stands.
  const steps: {
    path: string;
    summary: string;
    body: z.ZodType;
    run: (request: FastifyRequest<{ Params: { id: string }; Body: never }>) => Promise<void>;
  }[] = [
    {
      path: 'claim',
      summary: 'Take the item (also from a colleague)',
      body: ZNoBody,
      run: (r) => items.claimItem(db, r.params.id, analystOf(r), clock.now()),
    },
    {
      path: 'release',
      summary: 'Give the item back to the queue',
      body: ZNoBody,
      run: (r) => items.releaseItem(db, r.params.id, analystOf(r), clock.now()),
    },
    {
      path: 'hosting',
      summary: 'Look the hosting up again',
      body: ZNoBody,
      run: (r) => resolveItemHosting(db, r.params.id, deps.hosting, analystOf(r), clock.now()),
    },
    {
      path: 'referral',
      summary: 'Refer to PHAROS (e-mailed with the package, or recorded as filed on the portal)',
      body: ZPharosReferralInput,
      run: async (r) =>
        actions.referToPharos(
          await actionContext(),
          r.params.id,
          analystOf(r),
          r.body as z.infer<typeof ZPharosReferralInput>,
        ),
    },
    {
      path: 'transfer',
      summary: 'Transfer to the hotline of the hosting country',
      body: ZHotlineTransferInput,
      run: async (r) =>
        actions.transferToHotline(
          await actionContext(),
          r.params.id,
          analystOf(r),
          r.body as z.infer<typeof ZHotlineTransferInput>,
        ),
    },
    {
      path: 'notice',
      summary: 'Send the hosting provider a notice (DSA Art. 16)',
      body: ZProviderNoticeInput,
      run: async (r) =>
        actions.sendNotice(
          await actionContext(),
          r.params.id,
          analystOf(r),
          r.body as z.infer<typeof ZProviderNoticeInput>,
        ),
    },
    {
      path: 'close',
      summary: 'Close as not actionable, with the reason',
      body: ZNotActionableInput,
      run: (r) =>
        items.closeItem(
          db,
          r.params.id,
          analystOf(r),
          r.body as z.infer<typeof ZNotActionableInput>,
          clock.now(),
        ),
    },
    {
      path: 'reopen',
      summary: 'Reopen a closed or removed item',
      body: ZNoBody,
      run: (r) => items.reopenItem(db, r.params.id, analystOf(r), clock.now()),
    },
    {
      path: 'removed',
      summary: 'Mark the content removed (seen by the analyst)',
      body: ZMarkRemovedInput,
      run: (r) =>
        items.markRemoved(
          db,
          r.params.id,
          analystOf(r),
          (r.body as z.infer<typeof ZMarkRemovedInput>).note,
          clock.now(),
        ),
    },
  ];
  for (const step of steps) {
    app.post(
      `/api/hotline/items/:id/${step.path}`,
      {
        schema: {
          tags,
          summary: step.summary,
          params: ZId,
          body: step.body,
          response: { 200: ZHotlineItem },
        },
        config: { policy },
      },
      async (request) => {
        await step.run(request as never);
        return present(request.params.id);
      },
    );
  }

  app.put(
    '/api/hotline/items/:id/assessment',
    {
      schema: {
        tags,
        summary: 'Save the assessment (send the revision it started from)',
        params: ZId,
        body: ZHotlineAssessmentInput,
        response: { 200: ZHotlineItem },
      },
      config: { policy },
    },
    async (request) => {
      await items.saveAssessment(db, request.params.id, analystOf(request), request.body, clock.now());
      return present(request.params.id);
    },
  );

  app.post(
    '/api/hotline/items/:id/bank',
    {
      schema: {
        tags,
        summary: "Add a confirmed item's picture hashes to a hash bank",
        params: ZId,
        body: ZAddToBankInput,
        response: { 200: ZAddToBankResult },
      },
      config: { policy },
    },
    (request) =>
      addItemToBank(db, deps.media(), request.params.id, request.body, analystOf(request), clock.now()),
  );
  app.post(
    '/api/hotline/items/:id/feedback',
    {
      schema: {
        tags,
        summary: 'Tell the reporters who left an address where their report stands',
        params: ZId,
        body: ZNoBody,
        response: { 200: ZFeedbackResult },
      },
      config: { policy },
    },
    async (request) => ({
      sent: await actions.sendFeedback(await actionContext(), request.params.id, analystOf(request)),
    }),
  );

  app.post(
    '/api/hotline/items/:id/check',
    {
      schema: {
        tags,
        summary: 'Check now whether the content is still online',
        params: ZId,
        body: ZNoBody,
        response: { 202: z.object({ queued: z.boolean() }) },
      },
      config: { policy },
    },
    async (request, reply) => {
      const item = await present(request.params.id);
      if (item.kind !== 'url') throw new AppError('HOTLINE_NO_URL');
      if (item.status !== 'awaiting_removal') throw new AppError('HOTLINE_ITEM_STATE');
      await actions.enqueueRemovalCheck(db, item.id, clock.now());
      await recordAudit(db, {
        actor: analystOf(request),
        action: 'hotline.removal_check_requested',
        subject: { type: 'hotline_item', id: item.id },
        details: {},
      });
      return reply.code(202).send({ queued: true });
    },
  );

  app.get(
    '/api/hotline/items/:id/notice/preview',
    {
      schema: {
        tags,
        summary: 'The notice as it would be sent',
        params: ZId,
        querystring: ZNoticePreviewQuery,
        response: { 200: ZNoticePreview },
      },
      config: { policy },
    },
    async (request) =>
      actions.previewNotice(
        await actionContext(),
        request.params.id,
        request.query.language,
        request.query.explanation ?? '',
      ),
  );

  // ---- documents ----
  async function exported(
    request: FastifyRequest,
    id: string,
    format: 'json' | 'pdf',
    kind: 'pharos' | 'ncmec',
    count: number,
  ) {
    await recordAudit(db, {
      actor: analystOf(request),
      action: 'hotline.exported',
      subject: { type: 'hotline_item', id },
      details: { format, kind, items: count },
    });
  }
  app.get(
    '/api/hotline/items/:id/pharos.json',
    { schema: { tags, summary: 'The PHAROS referral package (JSON)', params: ZId }, config: { policy } },
    async (request, reply) => {
      const context = await actionContext();
      const dossier = await actions.buildDossier(db, request.params.id, context.now);
      await exported(request, dossier.id, 'json', 'pharos', 1);
      return attachment(
        reply,
        'application/json',
        `${dossier.reference}-pharos.json`,
        JSON.stringify(pharosPackage(dossier, actions.notifierOf(context.settings)), null, 2),
      );
    },
  );
  app.get(
    '/api/hotline/items/:id/pharos.pdf',
    {
      schema: {
        tags,
        summary: 'The PHAROS referral summary (PDF)',
        params: ZId,
        querystring: ZLang,
        produces: ['application/pdf'],
      },
      config: { policy },
    },
    async (request, reply) => {
      const context = await actionContext();
      const dossier = await actions.buildDossier(db, request.params.id, context.now);
      const pdf = await renderPharosPdf(
        dossier,
        actions.notifierOf(context.settings),
        request.query.lang ?? 'fr',
      );
      await exported(request, dossier.id, 'pdf', 'pharos', 1);
      return attachment(reply, 'application/pdf', `${dossier.reference}-pharos.pdf`, Buffer.from(pdf));
    },
  );
  app.get(
    '/api/hotline/items/:id/export.json',
    {
      schema: { tags, summary: 'One item in the NCMEC CyberTipline-shaped export', params: ZId },
      config: { policy },
    },
    async (request, reply) => {
      const context = await actionContext();
      const dossier = await actions.buildDossier(db, request.params.id, context.now);
      await exported(request, dossier.id, 'json', 'ncmec', 1);
      return attachment(
        reply,
        'application/json',
        `${dossier.reference}-export.json`,
        JSON.stringify(ncmecExport([dossier], actions.notifierOf(context.settings), context.now), null, 2),
      );
    },
  );
  app.get(
    '/api/hotline/export.json',
    {
      schema: {
        tags,
        summary: 'Items first reported between two dates, NCMEC CyberTipline-shaped',
        querystring: ZHotlineExportQuery,
      },
      config: { policy },
    },
    async (request, reply) => {
      const context = await actionContext();
      const { from, to, status } = request.query;
      let query = db.selectFrom('hotline_items').select('id').orderBy('first_reported_at').limit(5000);
      if (from) query = query.where('first_reported_at', '>=', new Date(`${from}T00:00:00Z`));
      if (to)
        query = query.where(
          'first_reported_at',
          '<',
          new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000),
        );
      if (status !== 'all') query = query.where('status', '=', status);
      const ids = await query.execute();
      const dossiers = [];
      for (const { id } of ids) dossiers.push(await actions.buildDossier(db, id, context.now));
      await recordAudit(db, {
        actor: analystOf(request),
        action: 'hotline.exported',
        subject: { type: 'hotline_export', id: `${from ?? ''}..${to ?? ''}` },
        details: { format: 'json', kind: 'ncmec', items: dossiers.length },
      });
      return attachment(
        reply,
        'application/json',
        `hotline-export-${from ?? 'start'}-${to ?? 'now'}.json`,
        JSON.stringify(ncmecExport(dossiers, actions.notifierOf(context.settings), context.now), null, 2),
      );
    },
  );

  // ---- pictures and the analyst's exposure ----
  const ZFileId = z.strictObject({ id: z.uuid('not a valid id') });
  const image = (reply: FastifyReply, body: Buffer) =>
    reply
      .header('content-type', 'image/webp')
      .header('cache-control', 'no-store')
      .header('content-disposition', 'inline')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(body);
  app.get(
    '/api/hotline/files/:id/preview',
    {
      schema: {
        tags,
        summary: 'A screenshot, blurred and in greyscale',
        params: ZFileId,
        produces: ['image/webp'],
      },
      config: { policy },
    },
    async (request, reply) =>
      image(reply, await previewImage(db, deps.media(), request.params.id, clock.now())),
  );
  app.get(
    '/api/hotline/files/:id/reveal',
    {
      schema: {
        tags,
        summary: 'A screenshot as it is (re-encoded); counted in the exposure',
        params: ZFileId,
        produces: ['image/webp'],
      },
      config: { policy },
    },
    async (request, reply) =>
      image(reply, await revealImage(db, deps.media(), request.params.id, analystOf(request), clock.now())),
  );
  app.get(
    '/api/hotline/exposure',
    {
      schema: { tags, summary: "Today's pictures seen by this analyst", response: { 200: ZExposure } },
      config: { policy },
    },
    async (request) => {
      const now = clock.now();
      const { hotline } = await cachedSettings(db, now.getTime());
      return exposureOf(db, analystOf(request).id, now, hotline.exposureBreakEvery);
    },
  );

  // ---- reference data ----
  app.get(
    '/api/hotline/offences',
    {
      schema: { tags, summary: 'The legal reference table', response: { 200: z.array(ZLegalOffence) } },
      config: { policy },
    },
    () => listOffences(db),
  );
  app.get(
    '/api/hotline/hotlines',
    {
      schema: {
        tags,
        summary: 'Foreign hotlines to transfer to',
        response: { 200: z.array(ZForeignHotline) },
      },
      config: { policy: policies.canAny('hotline.analyse', 'settings.manage') },
    },
    () => listForeignHotlines(db),
  );
  app.put(
    '/api/hotline/hotlines/:code',
    {
      schema: {
        tags,
        summary: 'Set a foreign hotline’s address and whether transfers may use it',
        params: z.strictObject({ code: z.string().regex(/^[a-z0-9_]{2,40}$/, 'not a directory code') }),
        body: ZForeignHotlineUpdate,
        response: { 200: ZForeignHotline },
      },
      config: { policy: policies.can('settings.manage') },
    },
    (request) => updateForeignHotline(db, analystOf(request), request.params.code, request.body, clock.now()),
  );
  app.get(
    '/api/hotline/ip-ranges',
    {
      schema: {
        tags,
        summary: 'The IP-range table in force',
        response: { 200: ZIpRangeTableInfo.nullable() },
      },
      config: { policy: policies.canAny('settings.manage', 'hotline.analyse') },
    },
    () => ipTableInfo(db),
  );
  app.put(
    '/api/hotline/ip-ranges',
    {
      schema: {
        tags,
        summary:
          'Load a new IP-range table (CSV: start,end,country,asn,provider); refused whole on any error',
        body: ZIpRangeUpload,
        response: { 200: ZIpRangeTableInfo },
      },
      config: { policy: policies.can('settings.manage') },
      bodyLimit: 25 * 1024 * 1024,
    },
    async (request) => uploadIpRanges(db, analystOf(request), request.body.csv, clock.now()),
  );
}
