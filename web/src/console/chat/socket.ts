// The staff WebSocket: one per console chat area. It reconnects on its own with a growing delay
// (0.5 s, 1 s, 2 s... at most 10 s), pings every 25 s, and hands every frame to its owner.
// Closing codes 4401 / 4403 mean the server refuses this session: no more automatic attempts.
import type { TStaffClientFrame, TStaffServerFrame } from '@abri/contracts';

export type SocketStatus = 'connecting' | 'open' | 'closed' | 'fatal';

type Handlers = {
  onFrame: (frame: TStaffServerFrame) => void;
  onStatus: (status: SocketStatus) => void;
  /** After each successful connection (the first and every reconnection). */
  onOpen: (reconnected: boolean) => void;
};

const PING_MS = 25_000;
const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;

export function staffSocketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/chat/staff/socket`;
}

export class StaffSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private opened = false;
  private stopped = true;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private readonly handlers: Handlers;

  constructor(handlers: Handlers) {
    this.handlers = handlers;
  }

  start(): void {
    this.stopped = false;
    window.addEventListener('online', this.reconnectNow);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.reconnectNow);
    window.clearTimeout(this.retryTimer);
    window.clearInterval(this.pingTimer);
    const ws = this.ws;
    this.ws = null;
    ws?.close(1000);
  }

  /** Sends now if connected; false otherwise (the caller keeps what must be sent later). */
  send(frame: TStaffClientFrame): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  readonly reconnectNow = (): void => {
    if (this.stopped) return;
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) return;
    window.clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.connect();
  };

  private connect(): void {
    if (this.stopped) return;
    this.handlers.onStatus('connecting');
    let ws: WebSocket;
    try {
      ws = new WebSocket(staffSocketUrl());
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.attempt = 0;
      const reconnected = this.opened;
      this.opened = true;
      this.handlers.onStatus('open');
      window.clearInterval(this.pingTimer);
      this.pingTimer = window.setInterval(() => this.send({ type: 'ping' }), PING_MS);
      this.handlers.onOpen(reconnected);
    };
    ws.onmessage = (event) => {
      if (this.ws !== ws || typeof event.data !== 'string') return;
      let frame: unknown;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (
        typeof frame === 'object' &&
        frame !== null &&
        typeof (frame as { type?: unknown }).type === 'string'
      ) {
        this.handlers.onFrame(frame as TStaffServerFrame);
      }
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.ws = null;
      window.clearInterval(this.pingTimer);
      if (event.code === 4401 || event.code === 4403) {
        this.handlers.onStatus('fatal');
        return;
      }
      this.scheduleRetry();
    };
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.handlers.onStatus('closed');
    const base = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** this.attempt);
    this.attempt += 1;
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    this.retryTimer = window.setTimeout(() => this.connect(), Math.min(delay, MAX_DELAY_MS));
  }
}

/** A random id for an outgoing message (the server acknowledges it and ignores a resend of it). */
export function newClientId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
