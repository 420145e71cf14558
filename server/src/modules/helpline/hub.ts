// Each instance's registry of chat sockets. Services publish events on the bus; every instance's hub
// receives them and delivers to the sockets it holds, so a visitor and a counsellor connected to different
// instances talk as if they were on one.
import type {
  TChatMessage,
  TStaffServerFrame,
  TVisitorConversation,
  TVisitorServerFrame,
} from '@abri/contracts';
import type { Logger } from 'pino';
import type { Bus } from '../../infra/bus.ts';
import type { Clock } from '../../infra/clock.ts';
import { getSettings } from '../settings/index.ts';
import { type ChatActor, canViewConversation, isSupervisor } from './conversation.policy.ts';
import * as repo from './conversations.repository.ts';
import { CHAT_CHANNEL, type ChatEvent, SUPERVISORS } from './events.ts';
import { MessageWriter } from './message-writer.ts';
import { counsellorLoads, presentBoard } from './presence.ts';
import { presentVisitorConversation } from './presenter.ts';
import { queueSnapshot } from './queue.ts';
import { markDelivered } from './staff.service.ts';
import type { ConversationRow } from './tables.ts';
import { counsellorNameOf, loadStaffView, loadVisitorView } from './views.ts';
import type { ChatDeps } from './visitor.service.ts';

export interface Outbound<F> {
  send(frame: F): void;
  close(code: number, reason: string): void;
}

export interface VisitorConnection extends Outbound<TVisitorServerFrame> {
  conversationId: string;
  tokenHash: string;
  /** The last conversation view sent, so that receipts can be sent without reading the database. */
  view: TVisitorConversation | null;
  /** Until the welcome frame is sent, live messages wait here so none is lost or sent twice. */
  pending: TVisitorServerFrame[] | null;
}

export interface StaffConnection extends Outbound<TStaffServerFrame> {
  actor: ChatActor;
  subscriptions: Set<string>;
  /** Conversations this person holds (kept current from change events). */
  holding: Set<string>;
  pending: Map<string, TStaffServerFrame[]>;
}

const BOARD_THROTTLE_MS = 300;

const DELIVERY_FLUSH_MS = 200;

/**
 * A message as the visitor may see it: no red flags, no staff client ids, and for a staff author only their
 * alias (`authorAlias`, null for a neutral label), whatever name the message carried for staff.
 */
export function visitorView(message: TChatMessage, authorAlias: string | null): TChatMessage {
  const { redFlags: _staffOnly, ...rest } = message;
  const authorName = rest.author === 'counsellor' ? authorAlias : null;
  return rest.author === 'visitor' ? { ...rest, authorName } : { ...rest, authorName, clientId: null };
}

export class ChatHub {
  readonly visitors = new Map<string, Set<VisitorConnection>>();
  readonly staff = new Set<StaffConnection>();
  /** Staff connections by the conversations they follow, so a message reaches them without a scan. */
  readonly #followers = new Map<string, Set<StaffConnection>>();

  follow(connection: StaffConnection, conversationId: string): void {
    connection.subscriptions.add(conversationId);
    let set = this.#followers.get(conversationId);
    if (!set) {
      set = new Set();
      this.#followers.set(conversationId, set);
    }
    set.add(connection);
  }

  unfollow(connection: StaffConnection, conversationId: string): void {
    connection.subscriptions.delete(conversationId);
    const set = this.#followers.get(conversationId);
    set?.delete(connection);
    if (set?.size === 0) this.#followers.delete(conversationId);
  }

  removeStaff(connection: StaffConnection): void {
    for (const conversationId of [...connection.subscriptions]) this.unfollow(connection, conversationId);
    this.staff.delete(connection);
  }
  #unsubscribe: (() => Promise<void>) | undefined;
  #boardTimer: NodeJS.Timeout | undefined;
  #queueTimer: NodeJS.Timeout | undefined;
  #deliveryTimer: NodeJS.Timeout | undefined;
  readonly #delivered = new Map<string, number>();

  /** This instance's group-commit writer for chat messages. */
  readonly writer: MessageWriter;

  constructor(private readonly deps: ChatDeps & { bus: Bus; clock: Clock; logger: Logger }) {
    this.writer = new MessageWriter(deps.db, deps.clock);
  }

  async start(): Promise<void> {
    this.#unsubscribe = await this.deps.bus.subscribe(CHAT_CHANNEL, (payload: unknown) => {
      this.handle(payload as ChatEvent).catch((error) =>
        this.deps.logger.error({ err: error }, 'chat event delivery failed'),
      );
    });
  }

  async stop(): Promise<void> {
    clearTimeout(this.#boardTimer);
    clearTimeout(this.#queueTimer);
    clearTimeout(this.#deliveryTimer);
    await this.#unsubscribe?.();
    for (const set of this.visitors.values())
      for (const connection of set) connection.close(1012, 'server restarting');
    for (const connection of this.staff) connection.close(1012, 'server restarting');
  }

  addVisitor(connection: VisitorConnection): void {
    let set = this.visitors.get(connection.conversationId);
    if (!set) {
      set = new Set();
      this.visitors.set(connection.conversationId, set);
    }
    set.add(connection);
  }

  /** Returns true when no other socket of this instance holds the conversation. */
  removeVisitor(connection: VisitorConnection): boolean {
    const set = this.visitors.get(connection.conversationId);
    set?.delete(connection);
    if (set && set.size === 0) this.visitors.delete(connection.conversationId);
    return !this.visitors.has(connection.conversationId);
  }

  static deliver(connection: VisitorConnection, frame: TVisitorServerFrame): void {
    if (frame.type === 'conversation') connection.view = frame.conversation;
    if (connection.pending) connection.pending.push(frame);
    else connection.send(frame);
  }

  private deliverToStaff(
    connection: StaffConnection,
    conversationId: string,
    frame: TStaffServerFrame,
  ): void {
    const pending = connection.pending.get(conversationId);
    if (pending) pending.push(frame);
    else connection.send(frame);
  }

  async handle(event: ChatEvent): Promise<void> {
    switch (event.kind) {
      case 'message': {
        if (event.visitorVisible) {
          for (const connection of this.visitors.get(event.conversationId) ?? []) {
            ChatHub.deliver(connection, {
              type: 'message',
              message: visitorView(event.message, event.visitorAuthorName ?? null),
            });
          }
        }
        let deliveredToCounsellor = false;
        for (const connection of this.#followers.get(event.conversationId) ?? []) {
          this.deliverToStaff(connection, event.conversationId, {
            type: 'message',
            conversationId: event.conversationId,
            message: event.message,
          });
          if (connection.holding.has(event.conversationId)) deliveredToCounsellor = true;
        }
        if (deliveredToCounsellor && event.message.author === 'visitor')
          this.noteDelivered(event.conversationId, event.message.seq);
        return;
      }
      case 'typing': {
        if (event.from === 'counsellor') {
          for (const connection of this.visitors.get(event.conversationId) ?? [])
            ChatHub.deliver(connection, { type: 'typing', typing: event.typing });
        } else {
          for (const connection of this.#followers.get(event.conversationId) ?? []) {
            connection.send({ type: 'typing', conversationId: event.conversationId, typing: event.typing });
          }
        }
        return;
      }
      case 'receipt': {
        for (const connection of this.visitors.get(event.conversationId) ?? []) {
          if (!connection.view) continue;
          ChatHub.deliver(connection, {
            type: 'conversation',
            conversation: { ...connection.view, deliveredSeq: event.deliveredSeq, readSeq: event.readSeq },
          });
        }
        return;
      }
      case 'alert': {
        for (const connection of this.staff) {
          const forSupervisors = event.userId === SUPERVISORS && isSupervisor(connection.actor);
          if (connection.actor.id === event.userId || forSupervisors) {
            connection.send({
              type: 'alert',
              conversationId: event.conversationId,
              code: event.code,
              message: event.message,
            });
          }
        }
        return;
      }
      case 'kick': {
        for (const connection of [...(this.visitors.get(event.conversationId) ?? [])]) {
          if (event.keepTokenHash && connection.tokenHash === event.keepTokenHash) continue;
          connection.send({
            type: 'error',
            code: event.reason === 'blocked' ? 'CHAT_BLOCKED' : 'CHAT_TOKEN_INVALID',
            message: event.reason,
          });
          connection.close(event.reason === 'blocked' ? 4403 : 4401, event.reason);
        }
        return;
      }
      case 'queue': {
        this.scheduleQueue();
        this.scheduleBoard();
        return;
      }
      case 'changed': {
        await this.conversationChanged(event.conversationId);
        this.scheduleBoard();
        return;
      }
    }
  }

  /**
   * Delivery receipts are written in batches: a busy chat produces one update per conversation every
   * DELIVERY_FLUSH_MS instead of one per message.
   */
  private noteDelivered(conversationId: string, seq: number): void {
    this.#delivered.set(conversationId, Math.max(seq, this.#delivered.get(conversationId) ?? 0));
    if (this.#deliveryTimer) return;
    this.#deliveryTimer = setTimeout(() => {
      this.#deliveryTimer = undefined;
      const batch = [...this.#delivered];
      this.#delivered.clear();
      markDelivered(this.deps, batch).catch((error) =>
        this.deps.logger.error({ err: error }, 'delivery receipts failed'),
      );
    }, DELIVERY_FLUSH_MS);
    this.#deliveryTimer.unref();
  }

  private async conversationChanged(conversationId: string): Promise<void> {
    const visitors = this.visitors.get(conversationId);
    if (!visitors?.size && this.staff.size === 0) return;
    const conversation = await repo.findConversation(this.deps.db, conversationId);
    if (!conversation) return;
    if (visitors?.size) {
      // The visitor's view reads the counsellor's alias itself: never the name staff see.
      const view = await loadVisitorView(this.deps.db, conversation, this.deps.clock.now());
      for (const connection of visitors)
        ChatHub.deliver(connection, { type: 'conversation', conversation: view });
    }
    if (this.staff.size)
      await this.sendStaffConversation(conversation, await counsellorNameOf(this.deps.db, conversation));
  }

  private async sendStaffConversation(
    conversation: ConversationRow,
    counsellorName: string | null,
  ): Promise<void> {
    const view = await loadStaffView(this.deps.db, conversation, this.deps.clock.now(), counsellorName);
    for (const connection of this.staff) {
      const wasHolding = connection.holding.has(conversation.id);
      if (conversation.counsellor_id === connection.actor.id && conversation.status === 'active')
        connection.holding.add(conversation.id);
      else connection.holding.delete(conversation.id);
      // Everyone sees the queue move; a conversation itself only reaches those who may see it, and the
      // counsellor who just lost it (so that it leaves their workspace).
      if (
        wasHolding ||
        connection.subscriptions.has(conversation.id) ||
        canViewConversation(connection.actor, conversation)
      ) {
        connection.send({ type: 'conversation', conversation: view });
      }
    }
  }

  private scheduleQueue(): void {
    if (this.#queueTimer || this.visitors.size === 0) return;
    this.#queueTimer = setTimeout(() => {
      this.#queueTimer = undefined;
      this.sendQueuePositions().catch((error) =>
        this.deps.logger.error({ err: error }, 'queue update failed'),
      );
    }, 100);
    this.#queueTimer.unref();
  }

  private async sendQueuePositions(): Promise<void> {
    const snapshot = await queueSnapshot(this.deps.db, this.deps.clock.now());
    for (const [conversationId, info] of snapshot) {
      const connections = this.visitors.get(conversationId);
      if (!connections?.size) continue;
      const view = presentVisitorConversation(info.conversation, null, info);
      for (const connection of connections)
        ChatHub.deliver(connection, { type: 'conversation', conversation: view });
    }
  }

  scheduleBoard(): void {
    if (this.#boardTimer || ![...this.staff].some((connection) => isSupervisor(connection.actor))) return;
    this.#boardTimer = setTimeout(() => {
      this.#boardTimer = undefined;
      this.sendBoard().catch((error) => this.deps.logger.error({ err: error }, 'board update failed'));
    }, BOARD_THROTTLE_MS);
    this.#boardTimer.unref();
  }

  async board() {
    const now = this.deps.clock.now();
    const [loads, waiting, settings] = await Promise.all([
      counsellorLoads(this.deps.db),
      repo.openConversations(this.deps.db, ['queued', 'left_message']),
      getSettings(this.deps.db),
    ]);
    return presentBoard(loads, waiting, settings.chat.assignmentMode, now);
  }

  private async sendBoard(): Promise<void> {
    const board = await this.board();
    for (const connection of this.staff)
      if (isSupervisor(connection.actor)) connection.send({ type: 'board', board });
  }
}
