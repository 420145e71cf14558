// HTTP endpoints of contact records and cases. Every read of one record goes to the audit trail.
import {
  CASE_DOCUMENT_MAX_BYTES,
  ZAssignee,
  ZCase,
  ZCaseCreate,
  ZCaseDocument,
  ZCaseLinkContact,
  ZCaseList,
  ZCaseListQuery,
  ZCaseNoteCreate,
  ZCaseUpdate,
  ZContact,
  ZContactCreate,
  ZContactListQuery,
  ZContactSummary,
  ZContactUpdate,
} from '@abri/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { authOf } from '../../http/guard.ts';
import { policies } from '../../http/policy.ts';
import { languageOf, translator } from '../../i18n/index.ts';
import { AppError } from '../../infra/errors.ts';
import { recordAudit, recordRead } from '../audit/index.ts';
import { currentTaxonomies } from '../guidance/index.ts';
import { cachedSettings } from '../settings/index.ts';
import type { RecordActor, VisibilityOptions } from './case.policy.ts';
import { renderCasePdf } from './case-export.ts';
import * as cases from './cases.service.ts';
import * as contacts from './contacts.service.ts';
import { addDocument, readDocument } from './documents.ts';
import { presentCaseSummary, presentContact, presentContactSummary } from './presenter.ts';

const ZId = z.strictObject({ id: z.uuid('not a valid id') });
const ZPdfQuery = z.strictObject({ lang: z.enum(['fr', 'en']).optional() });

export function recordActor(request: FastifyRequest): RecordActor {
  const { user } = authOf(request);
  return { id: user.id, name: user.username, roles: user.roles, team: user.team };
}

export async function visibility(context: AppContext): Promise<VisibilityOptions> {
  const settings = await cachedSettings(context.db, context.clock.now().getTime());
  return { teamVisibility: settings.records.teamCaseVisibility };
}

export function casesRoutes(fastify: FastifyInstance, context: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const policy = policies.can('helpline.answer');
  const { db, clock } = context;
  const now = () => clock.now();

  // --- contacts ---
  app.post(
    '/api/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: "Record a contact (for a chat: get or create the chat's record, pre-filled)",
        body: ZContactCreate,
        response: { 200: ZContact, 201: ZContact },
      },
      config: { policy },
    },
    async (request, reply) => {
      const actor = recordActor(request);
      const { contact, created } = await contacts.createContact(
        db,
        actor,
        await visibility(context),
        request.body,
        now(),
      );
      // Handing back a chat's existing record is a read of it.
      if (!created) await recordRead(db, actor, { type: 'contact', id: contact.id }, 'chat');
      return reply.code(created ? 201 : 200).send(contact);
    },
  );

  app.get(
    '/api/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Contact records: mine, or every one for supervisors',
        querystring: ZContactListQuery,
        response: { 200: z.object({ contacts: z.array(ZContactSummary), total: z.number().int() }) },
      },
      config: { policy },
    },
    async (request) => {
      const { status, unlinked, limit, offset } = request.query;
      const list = await contacts.listContacts(db, recordActor(request), await visibility(context), {
        status,
        unlinked: unlinked === 'true',
        limit,
        offset,
      });
      return { contacts: list.contacts.map(presentContactSummary), total: list.total };
    },
  );

  app.get(
    '/api/contacts/:id',
    {
      schema: { tags: ['contacts'], summary: 'One contact record', params: ZId, response: { 200: ZContact } },
      config: { policy },
    },
    async (request) => {
      const actor = recordActor(request);
      const row = await contacts.loadContact(db, actor, await visibility(context), request.params.id);
      await recordRead(db, actor, { type: 'contact', id: row.id }, 'contact');
      return presentContact(row);
    },
  );

  app.patch(
    '/api/contacts/:id',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Save a contact record (complete: true checks what its call type needs)',
        params: ZId,
        body: ZContactUpdate,
        response: { 200: ZContact },
      },
      config: { policy },
    },
    async (request) =>
      contacts.updateContact(
        db,
        recordActor(request),
        await visibility(context),
        request.params.id,
        request.body,
        now(),
      ),
  );

  app.get(
    '/api/chat/conversations/:id/contact',
    {
      schema: {
        tags: ['contacts'],
        summary: 'The contact record of a chat, if it has one',
        params: ZId,
        response: { 200: ZContact },
      },
      config: { policy },
    },
    async (request) => {
      const actor = recordActor(request);
      const contact = await contacts.contactOfConversation(
        db,
        actor,
        await visibility(context),
        request.params.id,
      );
      await recordRead(db, actor, { type: 'contact', id: contact.id }, 'chat');
      return contact;
    },
  );

  // --- cases ---
  const caseView = async (request: FastifyRequest, id: string) => {
    const actor = recordActor(request);
    const view = await cases.caseDetail(db, actor, await visibility(context), id);
    await recordRead(db, actor, { type: 'case', id }, 'case');
    return view;
  };

  app.get(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Search the cases I may see (by reference, words, status, topic, dates)',
        querystring: ZCaseListQuery,
        response: { 200: ZCaseList },
      },
      config: { policy },
    },
    async (request) => {
      const list = await cases.listCases(
        db,
        recordActor(request),
        await visibility(context),
        request.query,
        now(),
      );
      return { cases: list.cases.map(presentCaseSummary), total: list.total };
    },
  );

  app.post(
    '/api/cases',
    {
      schema: { tags: ['cases'], summary: 'Open a case', body: ZCaseCreate, response: { 201: ZCase } },
      config: { policy },
    },
    async (request, reply) => {
      const id = await cases.createCase(
        db,
        recordActor(request),
        await visibility(context),
        request.body,
        now(),
      );
      return reply.code(201).send(await caseView(request, id));
    },
  );

  app.get(
    '/api/cases/assignees',
    {
      schema: {
        tags: ['cases'],
        summary: 'Who a case can be assigned to',
        response: { 200: z.array(ZAssignee) },
      },
      config: { policy },
    },
    () => cases.listAssignees(db),
  );

  app.get(
    '/api/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'One case with its timeline',
        params: ZId,
        response: { 200: ZCase },
      },
      config: { policy },
    },
    (request) => caseView(request, request.params.id),
  );

  app.patch(
    '/api/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Change status, assignee, follow-up, title or summary',
        params: ZId,
        body: ZCaseUpdate,
        response: { 200: ZCase },
      },
      config: { policy },
    },
    async (request) => {
      await cases.updateCase(
        db,
        recordActor(request),
        await visibility(context),
        request.params.id,
        request.body,
        now(),
      );
      return caseView(request, request.params.id);
    },
  );

  app.post(
    '/api/cases/:id/notes',
    {
      schema: {
        tags: ['cases'],
        summary: 'Add a note to the timeline',
        params: ZId,
        body: ZCaseNoteCreate,
        response: { 200: ZCase },
      },
      config: { policy },
    },
    async (request) => {
      await cases.addNote(
        db,
        recordActor(request),
        await visibility(context),
        request.params.id,
        request.body,
        now(),
      );
      return caseView(request, request.params.id);
    },
  );

  app.post(
    '/api/cases/:id/contacts',
    {
      schema: {
        tags: ['cases'],
        summary: 'Add a contact record to the case',
        params: ZId,
        body: ZCaseLinkContact,
        response: { 200: ZCase },
      },
      config: { policy },
    },
    async (request) => {
      await cases.linkContact(
        db,
        recordActor(request),
        await visibility(context),
        request.params.id,
        request.body.contactId,
        now(),
      );
      return caseView(request, request.params.id);
    },
  );

  // Documents arrive as the raw bytes of one file (the browser sends the File as the body); its name in
  // the query. Only this scope (the cases module) reads octet-stream bodies.
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: CASE_DOCUMENT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/api/cases/:id/documents',
    {
      schema: {
        tags: ['cases'],
        summary: 'Attach a document (PDF, PNG, JPEG or text; the raw file as application/octet-stream)',
        params: ZId,
        querystring: z.strictObject({ filename: z.string().max(255).optional() }),
        response: { 201: ZCaseDocument },
      },
      bodyLimit: CASE_DOCUMENT_MAX_BYTES,
      config: { policy },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('REQUEST_UNSUPPORTED_TYPE');
      const document = await addDocument(
        db,
        recordActor(request),
        await visibility(context),
        request.params.id,
        { filename: request.query.filename, bytes: request.body },
        now(),
      );
      return reply.code(201).send(document);
    },
  );

  app.get(
    '/api/cases/:id/documents/:documentId',
    {
      schema: {
        tags: ['cases'],
        summary: 'Download a document of the case',
        params: z.strictObject({ id: z.uuid('not a valid id'), documentId: z.uuid('not a valid id') }),
        produces: ['application/octet-stream'],
      },
      config: { policy },
    },
    async (request, reply) => {
      const actor = recordActor(request);
      const { document, content } = await readDocument(
        db,
        actor,
        await visibility(context),
        request.params.id,
        request.params.documentId,
      );
      await recordRead(db, actor, { type: 'case_document', id: document.id }, 'case');
      return reply
        .header('content-type', document.contentType)
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(document.filename)}`,
        )
        .header('cache-control', 'no-store')
        .send(Buffer.from(content));
    },
  );

  app.get(
    '/api/cases/:id/pdf',
    {
      schema: {
        tags: ['cases'],
        summary: 'The case as a PDF for a handover (what the reader may see)',
        params: ZId,
        querystring: ZPdfQuery,
        produces: ['application/pdf'],
      },
      config: { policy },
    },
    async (request, reply) => {
      const actor = recordActor(request);
      const options = await visibility(context);
      const view = await cases.caseDetail(db, actor, options, request.params.id);
      const rows = await contacts
        .contactQuery(db)
        .where('k.case_id', '=', view.id)
        .orderBy('k.contact_at')
        .execute();
      const language = languageOf(request.query.lang);
      const at = now();
      const pdf = await renderCasePdf(
        view,
        rows,
        await currentTaxonomies(db),
        translator(language),
        language,
        at,
        authOf(request).user.display_name,
      );
      await cases.addCaseEvent(db, view.id, { kind: 'exported', actorId: actor.id }, at);
      await recordAudit(db, {
        actor,
        action: 'case.exported',
        subject: { type: 'case', id: view.id },
        details: { format: 'pdf' },
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${view.reference}.pdf"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(pdf));
    },
  );
}
