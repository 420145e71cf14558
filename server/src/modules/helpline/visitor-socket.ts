// The visitor's WebSocket: hello (with the tab's token), then messages, typing, read marks, leaving.
import { type TVisitorServerFrame, ZVisitorClientFrame } from '@abri/contracts';
import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { AppContext } from '../../context.ts';
import { policies } from '../../http/policy.ts';
import { AppError, isAppError } from '../../infra/errors.ts';
import { cachedSettings } from '../settings/index.ts';
import { hashVisitorToken } from './codes.ts';
import * as repo from './conversations.repository.ts';
import { publishChat } from './events.ts';
import { type ChatHub, type VisitorConnection, visitorView } from './hub.ts';
import { presentMessage } from './presenter.ts';
import { errorFrame, frameReference, parseFrame } from './socket-frames.ts';
import { endConversation } from './staff.service.ts';
import { loadVisitorView } from './views.ts';
import * as visitor from './visitor.service.ts';

/** Close codes of a socket that never identified itself (documented in docs/chat-protocol.md). */
export const HELLO_TIMEOUT_CLOSE = { code: 4408, reason: 'hello expected' } as const;
export const TOO_MANY_UNIDENTIFIED_CLOSE = { code: 4429, reason: 'too many unidentified sockets' } as const;

/**
 * Sockets that have not said hello yet, counted per address hash: a socket costs memory and a timer until
 * it is identified, so one address cannot hold thousands open. Identified sockets do not count (a school
 * behind one address opens as many chats as it has pupils). Counted per instance.
 */
class UnidentifiedSockets {
  readonly #count = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a place for this address; false when it has none left. */
  admit(ipHash: string): boolean {
    const count = this.#count.get(ipHash) ?? 0;
    if (count >= this.max) return false;
    this.#count.set(ipHash, count + 1);
    return true;
  }

  release(ipHash: string): void {
    const count = (this.#count.get(ipHash) ?? 1) - 1;
    if (count <= 0) this.#count.delete(ipHash);
    else this.#count.set(ipHash, count);
  }
}

function sender(socket: WebSocket) {
  return (frame: TVisitorServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
}

export function visitorSocketRoute(app: FastifyInstance, context: AppContext, hub: ChatHub): void {
  const limits = context.config.chatSockets;
  const unidentified = new UnidentifiedSockets(limits.maxUnidentifiedPerAddress);
  app.get(
    '/api/chat/visitor/socket',
    { websocket: true, schema: { hide: true }, config: { policy: policies.public() } },
    (socket, request) => {
      const send = sender(socket);
      let connection: VisitorConnection | undefined;
      // The address hash holding a place among unidentified sockets, until hello succeeds or the socket ends.
      let placeOf: string | undefined;
      let refused = false;
      const leavePlace = () => {
        if (placeOf) unidentified.release(placeOf);
        placeOf = undefined;
      };
      const helloTimer = setTimeout(() => {
        if (!connection) socket.close(HELLO_TIMEOUT_CLOSE.code, HELLO_TIMEOUT_CLOSE.reason);
      }, limits.helloTimeoutMs);
      helloTimer.unref();
      // Frames are handled one at a time, in order, so that acks follow the order messages were sent; the
      // first step is to take a place among this address's unidentified sockets.
      let queue: Promise<void> = context.ipHasher
        .hash(request.ip)
        .then((ipHash) => {
          if (socket.readyState !== socket.OPEN) return;
          if (!unidentified.admit(ipHash)) {
            refused = true;
            socket.close(TOO_MANY_UNIDENTIFIED_CLOSE.code, TOO_MANY_UNIDENTIFIED_CLOSE.reason);
            return;
          }
          placeOf = ipHash;
        })
        .catch((error) => {
          request.log.error({ err: error }, 'visitor socket admission failed');
          refused = true;
          socket.close(1011, 'unavailable');
        });

      async function hello(token: string, lastSeq: number): Promise<void> {
        if (connection) throw new AppError('CHAT_FRAME_INVALID', { userMessage: 'Already connected.' });
        const conversation = await visitor.conversationForToken(context.db, token);
        const now = context.clock.now();
        const ipHash = await context.ipHasher.hash(request.ip);
        if (await visitor.isBlocked(context.db, conversation.device_token_hash, ipHash, now))
          throw new AppError('CHAT_BLOCKED');
        const opened: VisitorConnection = {
          conversationId: conversation.id,
          tokenHash: hashVisitorToken(token),
          view: null,
          pending: [],
          send,
          close: (code, reason) => socket.close(code, reason),
        };
        connection = opened;
        // Registered before reading history: what arrives meanwhile waits in `pending`, then is merged.
        hub.addVisitor(opened);
        await visitor.setVisitorOnline(context, conversation.id, true);
        const [fresh, rows] = await Promise.all([
          repo.findConversation(context.db, conversation.id),
          repo.listMessages(context.db, conversation.id, lastSeq, true),
        ]);
        const current = fresh ?? conversation;
        const names = await repo.displayNames(context.db, [
          current.counsellor_id,
          ...rows.map((row) => row.author_id),
        ]);
        const messages = rows.map((row) => visitorView(presentMessage(row, names, 'visitor')));
        opened.view = await loadVisitorView(
          context.db,
          current,
          now,
          current.counsellor_id ? (names.get(current.counsellor_id) ?? null) : null,
        );
        clearTimeout(helloTimer);
        leavePlace();
        send({ type: 'welcome', conversation: opened.view, messages });
        const lastListed = messages.at(-1)?.seq ?? lastSeq;
        const pending = opened.pending ?? [];
        opened.pending = null;
        for (const frame of pending) {
          if (frame.type === 'message' && frame.message.seq <= lastListed) continue;
          send(frame);
        }
      }

      async function handle(raw: unknown): Promise<void> {
        // A socket refused at admission reads nothing (one closing still handles what it sent, a leave).
        if (refused) return;
        let clientId: string | undefined;
        try {
          const frame = parseFrame(ZVisitorClientFrame, raw);
          if (frame.type === 'send') clientId = frame.clientId;
          if (frame.type === 'ping') {
            send({ type: 'pong' });
            if (connection) await visitor.touchVisitor(context, connection.conversationId);
            return;
          }
          if (frame.type === 'hello') return await hello(frame.visitorToken, frame.lastSeq);
          if (!connection) throw new AppError('CHAT_FRAME_INVALID', { userMessage: 'Say hello first.' });
          const conversationId = connection.conversationId;
          switch (frame.type) {
            case 'send': {
              const perMinute = (await cachedSettings(context.db)).chat.visitorMessagesPerMinute;
              const ack = await visitor.visitorSend(
                { ...context, writer: hub.writer },
                conversationId,
                frame.clientId,
                frame.text,
                perMinute,
              );
              send({ type: 'ack', clientId: frame.clientId, seq: ack.seq, at: ack.at });
              return;
            }
            case 'typing':
              await publishChat(context.bus, [
                { kind: 'typing', conversationId, from: 'visitor', typing: frame.typing },
              ]);
              return;
            case 'read':
              await visitor.visitorRead(context, conversationId, frame.seq);
              return;
            case 'leave':
              await endConversation(context, null, conversationId, 'visitor_left');
              return;
          }
        } catch (error) {
          if (!isAppError(error)) request.log.error({ err: error }, 'visitor frame failed');
          const limited = isAppError(error) && error.code === 'CHAT_RATE_LIMITED';
          // A frame refused before it was understood still names its message, when it can.
          clientId ??= frameReference(raw).clientId;
          send(
            errorFrame(error, { ...(clientId ? { clientId } : {}), ...(limited ? { retryAfter: 60 } : {}) }),
          );
          if (isAppError(error) && (error.code === 'CHAT_TOKEN_INVALID' || error.code === 'CHAT_BLOCKED')) {
            socket.close(error.code === 'CHAT_BLOCKED' ? 4403 : 4401, error.code);
          }
        }
      }

      socket.on('message', (raw) => {
        queue = queue.then(() => handle(raw));
      });
      socket.on('close', () => {
        clearTimeout(helloTimer);
        queue = queue.then(async () => {
          leavePlace();
          if (!connection) return;
          const last = hub.removeVisitor(connection);
          if (last) await visitor.setVisitorOnline(context, connection.conversationId, false).catch(() => {});
        });
      });
    },
  );
}
