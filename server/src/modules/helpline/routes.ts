// HTTP endpoints of the chat (see docs/chat-protocol.md); the live part is in the two socket files.
import {
  ZBlockRequest,
  ZBoard,
  ZCannedResponse,
  ZCannedResponseInput,
  ZChatMessage,
  ZEndRequest,
  ZPreChatRequest,
  ZPresenceRequest,
  ZResumeRequest,
  ZStaffConversation,
  ZSurveyRequest,
  ZTransferRequest,
  ZVisitorConversation,
  ZVisitorCredentials,
} from '@abri/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { authOf } from '../../http/guard.ts';
import { policies } from '../../http/policy.ts';
import { AppError } from '../../infra/errors.ts';
import { recordRead } from '../audit/index.ts';
import { actorOf } from '../identity/index.ts';
import { getSettings } from '../settings/index.ts';
import * as canned from './canned.service.ts';
import { type ChatActor, canViewConversation } from './conversation.policy.ts';
import * as repo from './conversations.repository.ts';
import { publishChat } from './events.ts';
import type { ChatHub } from './hub.ts';
import { counsellorLoads, ensurePresence, setPresence } from './presence.ts';
import { presentMessage } from './presenter.ts';
import * as staff from './staff.service.ts';
import type { ConversationRow } from './tables.ts';
import { loadStaffView, loadVisitorView } from './views.ts';
import * as visitor from './visitor.service.ts';

const ZId = z.strictObject({ id: z.uuid('not a valid conversation id') });
const ZNoBody = z.strictObject({}).optional();
const ZOpened = z.object({ credentials: ZVisitorCredentials, conversation: ZVisitorConversation });
const ZMe = z.object({
  presence: z.string(),
  capacity: z.number().int(),
  conversations: z.array(ZStaffConversation),
});
const START_PER_ADDRESS_PER_HOUR = 30;

export function helplineRoutes(fastify: FastifyInstance, context: AppContext, hub: ChatHub): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['helpline'];
  const route = () =>
    void staff.routeWaiting(context).catch((error) => context.logger.error({ err: error }, 'routing failed'));

  async function limit(request: FastifyRequest, bucket: string, max: number, windowMs: number) {
    const key = `${bucket}:${await context.ipHasher.hash(request.ip)}`;
    const result = await context.rateLimiter.hit(key, max, windowMs);
    if (!result.allowed) throw new AppError('REQUEST_RATE_LIMITED');
  }

  const visitorView = (conversation: ConversationRow) =>
    loadVisitorView(context.db, conversation, context.clock.now());
  const staffView = (conversation: ConversationRow) =>
    loadStaffView(context.db, conversation, context.clock.now());

  function chatActor(request: FastifyRequest): ChatActor {
    const { user } = authOf(request);
    return { id: user.id, name: user.display_name, alias: user.alias, roles: user.roles };
  }

  // --- visitors ---
  app.post(
    '/api/chat/conversations',
    {
      schema: {
        tags,
        summary: 'Start a chat (or leave a message when closed)',
        body: ZPreChatRequest,
        response: { 201: ZOpened },
      },
      config: { policy: policies.public() },
    },
    async (request, reply) => {
      await limit(request, 'chat-start', START_PER_ADDRESS_PER_HOUR, 3_600_000);
      const opened = await visitor.startConversation(
        context,
        request.body,
        await context.ipHasher.hash(request.ip),
      );
      route();
      return reply.code(201).send({
        credentials: {
          conversationId: opened.conversation.id,
          visitorToken: opened.visitorToken,
          resumeCode: opened.resumeCode,
        },
        conversation: await visitorView(opened.conversation),
      });
    },
  );

  app.post(
    '/api/chat/resume',
    {
      schema: {
        tags,
        summary: 'Come back to a conversation with its resumption code',
        body: ZResumeRequest,
        response: { 200: ZOpened },
      },
      config: { policy: policies.public() },
    },
    async (request) => {
      await limit(request, 'chat-resume', 10, 15 * 60_000);
      const opened = await visitor.resumeConversation(
        context,
        request.body.resumeCode,
        request.body.deviceToken,
        await context.ipHasher.hash(request.ip),
      );
      route();
      return {
        credentials: {
          conversationId: opened.conversation.id,
          visitorToken: opened.visitorToken,
          resumeCode: opened.resumeCode,
        },
        conversation: await visitorView(opened.conversation),
      };
    },
  );

  app.post(
    '/api/chat/survey',
    {
      schema: {
        tags,
        summary: 'Answer the post-chat survey (stored apart from the conversation)',
        body: ZSurveyRequest,
      },
      config: { policy: policies.public() },
    },
    async (request, reply) => {
      await visitor.recordSurvey(context, request.body);
      return reply.code(204).send();
    },
  );

  // --- counsellors and supervisors ---
  const answer = { policy: policies.can('helpline.answer') };
  const supervise = { policy: policies.can('helpline.supervise') };

  async function me(request: FastifyRequest) {
    const actor = chatActor(request);
    const settings = await getSettings(context.db);
    const presence = await ensurePresence(context.db, actor.id, settings.chat.defaultCapacity);
    const conversations = await repo.counsellorConversations(context.db, actor.id);
    return {
      presence: presence.presence,
      capacity: presence.capacity,
      conversations: await Promise.all(conversations.map(staffView)),
    };
  }

  app.get(
    '/api/chat/me',
    {
      schema: { tags, summary: 'My presence, capacity and conversations', response: { 200: ZMe } },
      config: answer,
    },
    me,
  );

  app.post(
    '/api/chat/presence',
    {
      schema: {
        tags,
        summary: 'Set my presence and capacity',
        body: ZPresenceRequest,
        response: { 200: ZMe },
      },
      config: answer,
    },
    async (request) => {
      const actor = chatActor(request);
      const settings = await getSettings(context.db);
      await ensurePresence(context.db, actor.id, settings.chat.defaultCapacity);
      await setPresence(
        context.db,
        actor.id,
        request.body.presence,
        request.body.capacity,
        context.clock.now(),
      );
      await publishChat(context.bus, [{ kind: 'queue' }]);
      route();
      return me(request);
    },
  );

  app.get(
    '/api/chat/queue',
    {
      schema: {
        tags,
        summary: 'Waiting conversations and left messages, oldest first',
        response: { 200: z.object({ conversations: z.array(ZStaffConversation) }) },
      },
      config: answer,
    },
    async () => ({
      conversations: await Promise.all(
        (await repo.openConversations(context.db, ['queued', 'left_message'])).map(staffView),
      ),
    }),
  );

  app.get(
    '/api/chat/counsellors',
    {
      schema: {
        tags,
        summary: 'Counsellors on duty (to transfer a conversation)',
        response: {
          200: z.object({
            counsellors: z.array(
              z.object({
                userId: z.uuid(),
                displayName: z.string(),
                presence: z.string(),
                activeConversations: z.number().int(),
                capacity: z.number().int(),
              }),
            ),
          }),
        },
      },
      config: answer,
    },
    async () => ({
      counsellors: (await counsellorLoads(context.db)).map((load) => ({
        userId: load.userId,
        displayName: load.displayName,
        presence: load.presence,
        activeConversations: load.conversationIds.length,
        capacity: load.capacity,
      })),
    }),
  );

  app.get(
    '/api/chat/conversations/:id',
    {
      schema: {
        tags,
        summary: 'A conversation with all its messages (audited)',
        params: ZId,
        response: { 200: z.object({ conversation: ZStaffConversation, messages: z.array(ZChatMessage) }) },
      },
      config: answer,
    },
    async (request) => {
      const actor = chatActor(request);
      const conversation = await repo.findConversation(context.db, request.params.id);
      // Another counsellor's conversation does not exist, as far as this counsellor can tell.
      if (!conversation || !canViewConversation(actor, conversation))
        throw new AppError('CHAT_CONVERSATION_NOT_FOUND');
      await recordRead(
        context.db,
        actorOf(authOf(request).user),
        { type: 'conversation', id: conversation.id },
        'chat',
      );
      const rows = await repo.listMessages(context.db, conversation.id, 0, false);
      const names = await repo.displayNames(
        context.db,
        rows.map((row) => row.author_id),
      );
      return {
        conversation: await staffView(conversation),
        messages: rows.map((row) => presentMessage(row, names, 'staff')),
      };
    },
  );

  app.post(
    '/api/chat/conversations/:id/pick',
    {
      schema: {
        tags,
        summary: 'Take a waiting conversation or a left message',
        params: ZId,
        body: ZNoBody,
        response: { 200: ZStaffConversation },
      },
      config: answer,
    },
    async (request) =>
      staffView(await staff.pickConversation(context, chatActor(request), request.params.id)),
  );

  app.post(
    '/api/chat/conversations/:id/transfer',
    {
      schema: {
        tags,
        summary: 'Transfer to a counsellor or back to the queue, with a note',
        params: ZId,
        body: ZTransferRequest,
        response: { 200: ZStaffConversation },
      },
      config: answer,
    },
    async (request) =>
      staffView(
        await staff.transferConversation(
          context,
          chatActor(request),
          request.params.id,
          request.body.toCounsellorId,
          request.body.note,
        ),
      ),
  );

  app.post(
    '/api/chat/conversations/:id/end',
    {
      schema: {
        tags,
        summary: 'End a conversation with a reason',
        params: ZId,
        body: ZEndRequest,
        response: { 200: ZStaffConversation },
      },
      config: answer,
    },
    async (request) =>
      staffView(
        await staff.endConversation(context, chatActor(request), request.params.id, request.body.reason),
      ),
  );

  app.post(
    '/api/chat/conversations/:id/take-over',
    {
      schema: {
        tags,
        summary: 'Supervisor takes the conversation over',
        params: ZId,
        body: ZNoBody,
        response: { 200: ZStaffConversation },
      },
      config: supervise,
    },
    async (request) =>
      staffView(await staff.takeOverConversation(context, chatActor(request), request.params.id)),
  );

  app.post(
    '/api/chat/conversations/:id/block',
    {
      schema: {
        tags,
        summary: 'Block an abusive visitor for a while and end the conversation',
        params: ZId,
        body: ZBlockRequest,
      },
      config: supervise,
    },
    async (request, reply) => {
      await staff.blockVisitor(
        context,
        chatActor(request),
        request.params.id,
        request.body.hours,
        request.body.reason,
      );
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/chat/board',
    { schema: { tags, summary: 'Supervisor board', response: { 200: ZBoard } }, config: supervise },
    async () => hub.board(),
  );

  // --- canned responses ---
  app.get(
    '/api/chat/canned-responses',
    {
      schema: {
        tags,
        summary: 'Canned responses (for counsellors, and for administrators who manage them)',
        response: { 200: z.object({ responses: z.array(ZCannedResponse) }) },
      },
      config: { policy: policies.canAny('helpline.answer', 'settings.manage') },
    },
    async () => ({ responses: await canned.listCanned(context.db) }),
  );
  const manage = { policy: policies.can('settings.manage') };
  app.post(
    '/api/admin/canned-responses',
    {
      schema: {
        tags: ['administration'],
        summary: 'Add a canned response',
        body: ZCannedResponseInput,
        response: { 201: ZCannedResponse },
      },
      config: manage,
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await canned.createCanned(
            context.db,
            actorOf(authOf(request).user),
            request.body,
            context.clock.now(),
          ),
        ),
  );
  app.put(
    '/api/admin/canned-responses/:id',
    {
      schema: {
        tags: ['administration'],
        summary: 'Change a canned response',
        params: z.strictObject({ id: z.uuid() }),
        body: ZCannedResponseInput,
        response: { 200: ZCannedResponse },
      },
      config: manage,
    },
    async (request) =>
      canned.updateCanned(
        context.db,
        actorOf(authOf(request).user),
        request.params.id,
        request.body,
        context.clock.now(),
      ),
  );
  app.delete(
    '/api/admin/canned-responses/:id',
    {
      schema: {
        tags: ['administration'],
        summary: 'Delete a canned response',
        params: z.strictObject({ id: z.uuid() }),
      },
      config: manage,
    },
    async (request, reply) => {
      await canned.deleteCanned(
        context.db,
        actorOf(authOf(request).user),
        request.params.id,
        context.clock.now(),
      );
      return reply.code(204).send();
    },
  );
}
