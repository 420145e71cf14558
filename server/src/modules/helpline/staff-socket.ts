// The staff WebSocket: live conversations, queue and board for counsellors and supervisors. Sending a
// message (text, note, whisper or advice card) goes through here too (acknowledged once committed);
// other actions are HTTP requests.
import { type TStaffServerFrame, ZStaffClientFrame } from '@abri/contracts';
import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { AppContext } from '../../context.ts';
import { authOf, sessionCookieName } from '../../http/guard.ts';
import { policies } from '../../http/policy.ts';
import { AppError, isAppError } from '../../infra/errors.ts';
import { recordRead } from '../audit/index.ts';
import { resolveSession } from '../identity/index.ts';
import {
  type ChatActor,
  canViewConversation,
  canWriteToVisitor,
  isSupervisor,
} from './conversation.policy.ts';
import * as repo from './conversations.repository.ts';
import { publishChat } from './events.ts';
import type { ChatHub, StaffConnection } from './hub.ts';
import { touchPresence } from './presence.ts';
import { presentMessage } from './presenter.ts';
import { errorFrame, frameReference, parseFrame } from './socket-frames.ts';
import { staffRead, staffSend } from './staff.service.ts';

export function staffSocketRoute(app: FastifyInstance, context: AppContext, hub: ChatHub): void {
  app.get(
    '/api/chat/staff/socket',
    { websocket: true, schema: { hide: true }, config: { policy: policies.can('helpline.answer') } },
    (socket: WebSocket, request) => {
      const { user } = authOf(request);
      const actor: ChatActor = {
        id: user.id,
        name: user.display_name,
        alias: user.alias,
        roles: user.roles,
      };
      const sessionToken = request.cookies[sessionCookieName(context)];
      const send = (frame: TStaffServerFrame) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
      };
      const connection: StaffConnection = {
        actor,
        subscriptions: new Set(),
        holding: new Set(),
        pending: new Map(),
        send,
        close: (code, reason) => socket.close(code, reason),
      };
      hub.staff.add(connection);
      let queue = Promise.resolve();

      const start = async () => {
        await touchPresence(context.db, actor.id, context.clock.now());
        const mine = await repo.counsellorConversations(context.db, actor.id);
        for (const conversation of mine) connection.holding.add(conversation.id);
        if (isSupervisor(actor)) send({ type: 'board', board: await hub.board() });
      };

      async function subscribe(conversationId: string, lastSeq: number): Promise<void> {
        const conversation = await repo.findConversation(context.db, conversationId);
        if (!conversation || !canViewConversation(actor, conversation))
          throw new AppError('CHAT_CONVERSATION_NOT_FOUND');
        if (connection.subscriptions.has(conversationId) && !connection.pending.has(conversationId)) {
          hub.unfollow(connection, conversationId);
        }
        // Live messages arriving while the history is read wait here, then only the newer ones are sent.
        connection.pending.set(conversationId, []);
        hub.follow(connection, conversationId);
        await recordRead(
          context.db,
          { id: actor.id, name: user.username },
          { type: 'conversation', id: conversationId },
          'chat',
        );
        const rows = await repo.listMessages(context.db, conversationId, lastSeq, false);
        const names = await repo.displayNames(
          context.db,
          rows.map((row) => row.author_id),
        );
        const messages = rows.map((row) => presentMessage(row, names, 'staff'));
        send({ type: 'history', conversationId, messages });
        const lastListed = messages.at(-1)?.seq ?? lastSeq;
        const pending = connection.pending.get(conversationId) ?? [];
        connection.pending.delete(conversationId);
        for (const frame of pending) {
          if (frame.type === 'message' && frame.message.seq <= lastListed) continue;
          send(frame);
        }
      }

      async function handle(raw: unknown): Promise<void> {
        let extra: Record<string, string> = {};
        try {
          const frame = parseFrame(ZStaffClientFrame, raw);
          if (frame.type !== 'ping')
            extra = {
              conversationId: frame.conversationId,
              ...(frame.type === 'send' ? { clientId: frame.clientId } : {}),
            };
          switch (frame.type) {
            case 'ping': {
              // The session may have ended (logout, expiry, disabled account): the socket ends with it.
              const current = await resolveSession(context, sessionToken);
              if (!current) {
                socket.close(4401, 'session ended');
                return;
              }
              // An alias changed on the account page applies to this socket's next messages.
              actor.alias = current.user.alias;
              await touchPresence(context.db, actor.id, context.clock.now());
              send({ type: 'pong' });
              return;
            }
            case 'subscribe':
              return await subscribe(frame.conversationId, frame.lastSeq);
            case 'unsubscribe':
              hub.unfollow(connection, frame.conversationId);
              return;
            case 'send': {
              const ack = await staffSend(
                { ...context, writer: hub.writer },
                actor,
                frame.conversationId,
                frame.clientId,
                frame.kind === 'card'
                  ? { kind: 'card', card: frame.card }
                  : { kind: frame.kind, text: frame.text },
              );
              send({
                type: 'ack',
                conversationId: frame.conversationId,
                clientId: frame.clientId,
                seq: ack.seq,
                at: ack.at,
              });
              return;
            }
            case 'typing': {
              const conversation = await repo.findConversation(context.db, frame.conversationId);
              if (conversation && canWriteToVisitor(actor, conversation)) {
                await publishChat(context.bus, [
                  {
                    kind: 'typing',
                    conversationId: frame.conversationId,
                    from: 'counsellor',
                    typing: frame.typing,
                  },
                ]);
              }
              return;
            }
            case 'read':
              await staffRead(context, actor, frame.conversationId, frame.seq);
              return;
          }
        } catch (error) {
          if (!isAppError(error)) request.log.error({ err: error }, 'staff frame failed');
          // A frame refused by validation still names the message it was about, when it can.
          send(errorFrame(error, Object.keys(extra).length > 0 ? extra : frameReference(raw)));
        }
      }

      queue = queue
        .then(start)
        .catch((error) => request.log.error({ err: error }, 'staff socket start failed'));
      socket.on('message', (raw) => {
        queue = queue.then(() => handle(raw));
      });
      socket.on('close', () => {
        hub.removeStaff(connection);
      });
    },
  );
}
