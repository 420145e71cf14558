// HTTP endpoints of partners and escalations: one route per step of an escalation's life.
import {
  type TEscalation,
  type TPartnerKind,
  ZEscalation,
  ZEscalationAcknowledge,
  ZEscalationClose,
  ZEscalationCreate,
  ZEscalationListQuery,
  ZEscalationReject,
  ZEscalationSend,
  ZEscalationSummary,
  ZEscalationUpdate,
  ZPartner,
  ZPartnerInput,
} from '@abri/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { authOf } from '../../http/guard.ts';
import { policies } from '../../http/policy.ts';
import { type Language, languageOf, translator } from '../../i18n/index.ts';
import { recordAudit, recordRead } from '../audit/index.ts';
import { recordActor, visibility } from '../cases/index.ts';
import { actorOf } from '../identity/index.ts';
import { cachedSettings } from '../settings/index.ts';
import { renderEscalation } from './escalation-document.ts';
import * as views from './escalations.repository.ts';
import * as escalations from './escalations.service.ts';
import { listPartners, savePartner } from './partners.service.ts';

const ZId = z.strictObject({ id: z.uuid('not a valid id') });
const ZPdfQuery = z.strictObject({ lang: z.enum(['fr', 'en']).optional() });
const ZNoBody = z.strictObject({}).optional();

function summary(row: views.EscalationView) {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as TEscalation['status'],
    kind: row.kind as TEscalation['kind'],
    urgency: row.urgency as TEscalation['urgency'],
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    caseId: row.case_id,
    caseReference: row.case_reference,
    contactId: row.contact_id,
    contactReference: row.contact_reference,
    createdById: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function escalationsRoutes(fastify: FastifyInstance, context: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = context;
  const policy = policies.can('helpline.answer');
  const tags = ['escalations'];
  const iso = (date: Date | null) => (date ? date.toISOString() : null);

  async function present(request: FastifyRequest, id: string): Promise<TEscalation> {
    const row = await views.loadEscalation(db, recordActor(request), await visibility(context), id);
    const history = await views.escalationHistory(db, id);
    // A draft says whether it will need approval under the settings in force; from submission on, the
    // decision taken then.
    const approvalRequired =
      row.status === 'draft'
        ? (await cachedSettings(db, clock.now().getTime())).records.approvalRequired.includes(
            row.kind as TPartnerKind,
          )
        : row.approval_required;
    return {
      ...summary(row),
      form: row.form,
      approvalRequired,
      approvedByName: row.approved_by_name,
      approvedAt: iso(row.approved_at),
      sentVia: row.sent_via as TEscalation['sentVia'],
      sentTo: row.sent_to,
      sentAt: iso(row.sent_at),
      partnerReference: row.partner_reference,
      acknowledgedAt: iso(row.acknowledged_at),
      closedAt: iso(row.closed_at),
      mailStatus: row.mail_status,
      history: history.map((entry) => ({
        at: entry.created_at.toISOString(),
        action: entry.action,
        actorName: entry.actor_name,
        note: entry.note,
      })),
    };
  }

  async function document(row: views.EscalationView, language: Language) {
    const settings = await cachedSettings(db, clock.now().getTime());
    return renderEscalation(row, settings.helplineName, translator(language), language, clock.now());
  }

  // --- partners ---
  app.get(
    '/api/partners',
    {
      schema: { tags, summary: 'Escalation partners', response: { 200: z.array(ZPartner) } },
      config: { policy: policies.canAny('helpline.answer', 'settings.manage') },
    },
    () => listPartners(db),
  );
  app.post(
    '/api/partners',
    {
      schema: { tags, summary: 'Add a partner', body: ZPartnerInput, response: { 201: ZPartner } },
      config: { policy: policies.can('settings.manage') },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await savePartner(db, actorOf(authOf(request).user), null, request.body, clock.now())),
  );
  app.put(
    '/api/partners/:id',
    {
      schema: {
        tags,
        summary: 'Change a partner',
        params: ZId,
        body: ZPartnerInput,
        response: { 200: ZPartner },
      },
      config: { policy: policies.can('settings.manage') },
    },
    (request) => savePartner(db, actorOf(authOf(request).user), request.params.id, request.body, clock.now()),
  );

  // --- escalations ---
  app.get(
    '/api/escalations',
    {
      schema: {
        tags,
        summary: 'Escalations I may see (awaiting approval first)',
        querystring: ZEscalationListQuery,
        response: { 200: z.object({ escalations: z.array(ZEscalationSummary), total: z.number().int() }) },
      },
      config: { policy },
    },
    async (request) => {
      const list = await views.listEscalations(
        db,
        recordActor(request),
        await visibility(context),
        request.query,
      );
      return { escalations: list.rows.map(summary), total: list.total };
    },
  );

  app.post(
    '/api/escalations',
    {
      schema: {
        tags,
        summary: 'Draft an escalation',
        body: ZEscalationCreate,
        response: { 201: ZEscalation },
      },
      config: { policy },
    },
    async (request, reply) => {
      const id = await escalations.createEscalation(
        db,
        recordActor(request),
        await visibility(context),
        request.body,
        clock.now(),
      );
      return reply.code(201).send(await present(request, id));
    },
  );

  app.get(
    '/api/escalations/:id',
    {
      schema: {
        tags,
        summary: 'One escalation with its history',
        params: ZId,
        response: { 200: ZEscalation },
      },
      config: { policy },
    },
    async (request) => {
      const view = await present(request, request.params.id);
      await recordRead(db, recordActor(request), { type: 'escalation', id: view.id }, 'escalation');
      return view;
    },
  );

  app.patch(
    '/api/escalations/:id',
    {
      schema: {
        tags,
        summary: 'Change a draft',
        params: ZId,
        body: ZEscalationUpdate,
        response: { 200: ZEscalation },
      },
      config: { policy },
    },
    async (request) => {
      await escalations.updateDraft(
        db,
        recordActor(request),
        await visibility(context),
        request.params.id,
        request.body,
        clock.now(),
      );
      return present(request, request.params.id);
    },
  );

  type Step = (request: FastifyRequest<{ Params: { id: string }; Body: never }>) => Promise<unknown>;
  const steps: Array<{ path: string; summary: string; body: z.ZodType; run: Step; supervise?: boolean }> = [
    {
      path: 'submit',
      summary: 'Submit a draft (for approval where required)',
      body: ZNoBody,
      run: async (request) =>
        escalations.submit(
          db,
          recordActor(request),
          await visibility(context),
          request.params.id,
          clock.now(),
        ),
    },
    {
      path: 'approve',
      summary: 'Approve (a supervisor other than the author)',
      body: ZNoBody,
      supervise: true,
      run: async (request) =>
        escalations.approve(
          db,
          recordActor(request),
          await visibility(context),
          request.params.id,
          clock.now(),
        ),
    },
    {
      path: 'reject',
      summary: 'Send back to its author as a draft, with a comment',
      body: ZEscalationReject,
      supervise: true,
      run: async (request) =>
        escalations.reject(
          db,
          recordActor(request),
          await visibility(context),
          request.params.id,
          (request.body as z.infer<typeof ZEscalationReject>).comment,
          clock.now(),
        ),
    },
    {
      path: 'send',
      summary: 'Send by e-mail with the PDF, or record it as phoned or filed on the portal',
      body: ZEscalationSend,
      run: async (request) =>
        escalations.send(
          context,
          recordActor(request),
          await visibility(context),
          request.params.id,
          request.body as z.infer<typeof ZEscalationSend>,
          (row) => document(row, 'fr'),
          clock.now(),
        ),
    },
    {
      path: 'acknowledge',
      summary: 'Record that the partner acknowledged it',
      body: ZEscalationAcknowledge,
      run: async (request) =>
        escalations.acknowledge(
          db,
          recordActor(request),
          await visibility(context),
          request.params.id,
          request.body as z.infer<typeof ZEscalationAcknowledge>,
          clock.now(),
        ),
    },
    {
      path: 'close',
      summary: 'Close it, with a note',
      body: ZEscalationClose,
      run: async (request) =>
        escalations.close(
          context,
          recordActor(request),
          await visibility(context),
          request.params.id,
          (request.body as z.infer<typeof ZEscalationClose>).note,
          clock.now(),
        ),
    },
  ];
  for (const step of steps) {
    app.post(
      `/api/escalations/:id/${step.path}`,
      {
        schema: { tags, summary: step.summary, params: ZId, body: step.body, response: { 200: ZEscalation } },
        config: { policy: step.supervise ? policies.can('helpline.supervise') : policy },
      },
      async (request) => {
        await step.run(request as never);
        return present(request, request.params.id);
      },
    );
  }

  app.get(
    '/api/escalations/:id/pdf',
    {
      schema: {
        tags,
        summary: 'The escalation as the partner receives it (PDF)',
        params: ZId,
        querystring: ZPdfQuery,
        produces: ['application/pdf'],
      },
      config: { policy },
    },
    async (request, reply) => {
      const actor = recordActor(request);
      const row = await views.loadEscalation(db, actor, await visibility(context), request.params.id);
      const doc = await document(row, languageOf(request.query.lang));
      await recordAudit(db, {
        actor,
        action: 'escalation.exported',
        subject: { type: 'escalation', id: row.id },
        details: { format: 'pdf' },
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${doc.filename}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(doc.pdf));
    },
  );
}
