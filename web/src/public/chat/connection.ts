// The visitor's WebSocket, without React: connects, says hello, keeps an outbox of unacknowledged messages
// (memory + sessionStorage) and resends them in order after a reconnect, merges messages by seq, and
// reconnects with back-off until the conversation ends. Components read a state snapshot
// (useSyncExternalStore); frames are trusted to follow the contract (no zod in the public bundle).
import type {
  TChatMessage,
  TVisitorClientFrame,
  TVisitorConversation,
  TVisitorCredentials,
  TVisitorServerFrame,
} from '@abri/contracts';
import { backoffDelay, type ChatState, mergeMessages, type PendingMessage, socketUrl } from './chat-state.ts';
import { CLOSE_BLOCKED, CLOSE_TOKEN_INVALID } from './constants.ts';
import { loadOutbox, randomId, saveLastSeq, saveOutbox } from './storage.ts';
import { Timers } from './timers.ts';

const PING_MS = 25_000;
const PONG_TIMEOUT_MS = 60_000;
const WELCOME_TIMEOUT_MS = 15_000;
const TYPING_SAFETY_MS = 30_000;

export class VisitorConnection {
  private state: ChatState;
  private readonly listeners = new Set<() => void>();
  private socket: WebSocket | null = null;
  /** The server answered this socket's hello: frames may be sent. */
  private welcomed = false;
  private running = false;
  private attempt = 0;
  private lastSeq = 0;
  private lastPong = 0;
  private typingSent = false;
  private readSent = 0;
  private readWanted = 0;
  private leaveWanted = false;
  private sendPausedUntil = 0;
  private readonly timers = new Timers();

  constructor(
    private readonly credentials: TVisitorCredentials,
    private readonly url: () => string = socketUrl,
  ) {
    const pending = loadOutbox().map((entry) => ({ ...entry, failed: null }));
    this.state = {
      link: 'connecting',
      conversation: null,
      messages: [],
      pending,
      counsellorTyping: false,
      notice: null,
      fatal: null,
      incoming: { count: 0, message: null },
    };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): ChatState => this.state;

  start(): void {
    if (this.running || this.ended()) return;
    this.running = true;
    window.addEventListener('online', this.reconnectNow);
    this.connect();
  }

  /** Back online: no need to wait for the back-off. */
  private readonly reconnectNow = (): void => {
    if (!this.running || this.socket) return;
    this.timers.clear('reconnect');
    this.connect();
  };

  /** Close without reconnecting (unmount, end). */
  stop(): void {
    this.running = false;
    window.removeEventListener('online', this.reconnectNow);
    this.timers.clearAll();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.close(1000);
    }
    this.update({ link: 'stopped' });
  }

  /** The quick exit: close at once, send nothing, write nothing, tell nobody. */
  destroy(): void {
    this.listeners.clear();
    this.stop();
  }

  send(text: string): void {
    const message: PendingMessage = { clientId: randomId(), text, failed: null };
    // A "slow down" notice stays while the pause lasts; anything else is cleared by a new message.
    const paused = Date.now() < this.sendPausedUntil;
    this.update({ pending: [...this.state.pending, message], notice: paused ? this.state.notice : null });
    this.persistOutbox();
    this.setTyping(false);
    if (this.canSend()) this.transmit({ type: 'send', clientId: message.clientId, text });
  }

  setTyping(typing: boolean): void {
    if (typing === this.typingSent || !this.isOpen()) return;
    this.typingSent = typing;
    this.transmit({ type: 'typing', typing });
  }

  /** The visitor has seen counsellor messages up to `seq`. */
  markRead(seq: number): void {
    this.readWanted = Math.max(this.readWanted, seq);
    this.flushRead();
  }

  leave(): void {
    this.leaveWanted = true;
    if (this.isOpen()) this.transmit({ type: 'leave' });
  }

  // --- connection ---

  private connect(): void {
    if (!this.running) return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.welcomed = false;
    socket.onopen = () => {
      this.transmit({ type: 'hello', visitorToken: this.credentials.visitorToken, lastSeq: this.lastSeq });
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      try {
        this.receive(JSON.parse(event.data) as TVisitorServerFrame);
      } catch {
        // A frame that is not JSON: ignore it rather than break the conversation.
      }
    };
    socket.onclose = (event) => this.closed(event.code);
    // No welcome in time (a proxy holding a dead connection): start again.
    this.timers.set('welcome', WELCOME_TIMEOUT_MS, () => socket.close());
  }

  private closed(code: number): void {
    this.socket = null;
    this.welcomed = false;
    this.typingSent = false;
    this.timers.clear('welcome');
    this.timers.clear('ping');
    if (!this.running) return;
    if (code === CLOSE_TOKEN_INVALID || code === CLOSE_BLOCKED) {
      this.stop();
      this.update({ fatal: code === CLOSE_BLOCKED ? 'blocked' : 'token' });
      return;
    }
    if (this.ended()) {
      this.stop();
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.update({ link: 'reconnecting', counsellorTyping: false });
    const delay = backoffDelay(this.attempt);
    this.attempt += 1;
    this.timers.set('reconnect', delay, () => this.connect());
  }

  private receive(frame: TVisitorServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        this.welcomed = true;
        this.attempt = 0;
        this.lastPong = Date.now();
        this.timers.clear('welcome');
        this.addMessages(frame.messages, false);
        this.update({ link: 'open' });
        this.setConversation(frame.conversation);
        if (!this.running) return;
        this.pingLoop();
        this.flushOutbox();
        this.readSent = 0;
        this.flushRead();
        if (this.leaveWanted) this.transmit({ type: 'leave' });
        return;
      case 'ack':
        this.addMessages(
          this.state.pending
            .filter((pending) => pending.clientId === frame.clientId)
            .map((pending) => ({
              seq: frame.seq,
              author: 'visitor' as const,
              kind: 'text' as const,
              authorName: null,
              body: pending.text,
              event: null,
              clientId: pending.clientId,
              at: frame.at,
            })),
          false,
        );
        this.dropPending(frame.clientId);
        return;
      case 'message':
        this.addMessages([frame.message], true);
        return;
      case 'conversation':
        this.setConversation(frame.conversation);
        return;
      case 'typing':
        this.update({ counsellorTyping: frame.typing });
        if (frame.typing)
          this.timers.set('typing', TYPING_SAFETY_MS, () => this.update({ counsellorTyping: false }));
        return;
      case 'pong':
        this.lastPong = Date.now();
        return;
      case 'error':
        this.refused(frame.code, frame.clientId, frame.retryAfter);
        return;
    }
  }

  private refused(code: string, clientId?: string, retryAfter?: number): void {
    if (code === 'CHAT_RATE_LIMITED') {
      // Keep the messages: they go once the pause is over, in order.
      this.sendPausedUntil = Date.now() + Math.max(1, retryAfter ?? 10) * 1000;
      this.update({ notice: code });
      this.flushOutbox();
      return;
    }
    if (code === 'CHAT_TOKEN_INVALID' || code === 'CHAT_BLOCKED') return; // The close code follows.
    if (clientId) {
      this.update({
        pending: this.state.pending.map((pending) =>
          pending.clientId === clientId ? { ...pending, failed: code } : pending,
        ),
      });
      this.persistOutbox();
      return;
    }
    this.update({ notice: code });
  }

  private addMessages(messages: readonly TChatMessage[], live: boolean): void {
    if (messages.length === 0) return;
    const known = new Set(this.state.messages.map((message) => message.seq));
    const fresh = messages.filter((message) => !known.has(message.seq));
    this.update({ messages: mergeMessages(this.state.messages, messages) });
    for (const message of messages) {
      this.lastSeq = Math.max(this.lastSeq, message.seq);
      // Stored already (seen in history or from another tab): no need to send it again.
      if (message.author === 'visitor' && message.clientId) this.dropPending(message.clientId);
    }
    if (this.running) saveLastSeq(this.lastSeq);
    const spoken = fresh.filter((message) => message.author !== 'visitor');
    const last = spoken[spoken.length - 1];
    if (spoken.some((message) => message.author === 'counsellor')) this.update({ counsellorTyping: false });
    if (live && last) this.update({ incoming: { count: this.state.incoming.count + 1, message: last } });
  }

  private setConversation(conversation: TVisitorConversation): void {
    this.update({ conversation });
    if (conversation.status === 'ended') {
      this.update({ pending: [], counsellorTyping: false, notice: null });
      this.persistOutbox();
      this.stop();
    }
  }

  private dropPending(clientId: string): void {
    if (!this.state.pending.some((pending) => pending.clientId === clientId)) return;
    this.update({ pending: this.state.pending.filter((pending) => pending.clientId !== clientId) });
    this.persistOutbox();
  }

  private flushOutbox(): void {
    const wait = this.sendPausedUntil - Date.now();
    if (wait > 0) {
      this.timers.set('resume-sending', wait, () => {
        this.update({ notice: null });
        this.flushOutbox();
      });
      return;
    }
    if (!this.isOpen()) return;
    for (const pending of this.state.pending) {
      if (!pending.failed) this.transmit({ type: 'send', clientId: pending.clientId, text: pending.text });
    }
  }

  private flushRead(): void {
    if (this.readWanted <= this.readSent || !this.isOpen()) return;
    this.readSent = this.readWanted;
    this.transmit({ type: 'read', seq: this.readWanted });
  }

  private pingLoop(): void {
    this.timers.set('ping', PING_MS, () => {
      if (Date.now() - this.lastPong > PONG_TIMEOUT_MS) {
        this.socket?.close(); // Silent for too long: reconnect.
        return;
      }
      this.transmit({ type: 'ping' });
      this.pingLoop();
    });
  }

  // --- helpers ---

  private ended(): boolean {
    return this.state.conversation?.status === 'ended' || this.state.fatal !== null;
  }

  private isOpen(): boolean {
    return this.welcomed && this.socket?.readyState === WebSocket.OPEN;
  }

  private canSend(): boolean {
    return this.isOpen() && Date.now() >= this.sendPausedUntil;
  }

  private transmit(frame: TVisitorClientFrame): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private persistOutbox(): void {
    if (!this.running && this.listeners.size === 0) return; // After the quick exit: write nothing.
    saveOutbox(
      this.state.pending
        .filter((pending) => !pending.failed)
        .map(({ clientId, text }) => ({ clientId, text })),
    );
  }

  private update(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
