// What the chat keeps in the browser: only sessionStorage (gone with the tab and with the quick exit),
// never a cookie nor localStorage. Messages themselves stay in memory; the server sends them again.
import type { TVisitorCredentials } from '@abri/contracts';

const KEYS = {
  device: 'abri.chat.device',
  credentials: 'abri.chat.credentials',
  leftMessage: 'abri.chat.leftMessage',
  outbox: 'abri.chat.outbox',
  lastSeq: 'abri.chat.lastSeq',
} as const;

export type OutboxEntry = { clientId: string; text: string };

function read(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, value);
  } catch {
    // Storage blocked or full: the chat still works, it just will not survive a reload.
  }
}

function readJson(key: string): unknown {
  const raw = read(key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

/** A random base64url string (16 bytes give 22 characters). */
export function randomId(bytes = 16): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  let binary = '';
  for (const value of values) binary += String.fromCharCode(value);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** This tab's device token, created on first use (not on a mere visit). */
export function deviceToken(): string {
  const stored = read(KEYS.device);
  if (stored && /^[A-Za-z0-9_-]{16,64}$/.test(stored)) return stored;
  const created = randomId(24);
  write(KEYS.device, created);
  return created;
}

function isCredentials(value: unknown): value is TVisitorCredentials {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.conversationId === 'string' &&
    typeof record.visitorToken === 'string' &&
    typeof record.resumeCode === 'string'
  );
}

export function loadCredentials(): TVisitorCredentials | null {
  const value = readJson(KEYS.credentials);
  return isCredentials(value) ? value : null;
}

export function saveCredentials(credentials: TVisitorCredentials): void {
  write(KEYS.credentials, JSON.stringify(credentials));
}

/** The code of a message left while closed, kept so a reload still shows it. */
export function loadLeftMessage(): TVisitorCredentials | null {
  const value = readJson(KEYS.leftMessage);
  return isCredentials(value) ? value : null;
}

export function saveLeftMessage(credentials: TVisitorCredentials): void {
  write(KEYS.leftMessage, JSON.stringify(credentials));
}

export function loadOutbox(): OutboxEntry[] {
  const value = readJson(KEYS.outbox);
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is OutboxEntry =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof entry.clientId === 'string' &&
      typeof entry.text === 'string',
  );
}

export function saveOutbox(entries: readonly OutboxEntry[]): void {
  write(KEYS.outbox, entries.length > 0 ? JSON.stringify(entries) : null);
}

export function saveLastSeq(seq: number): void {
  write(KEYS.lastSeq, String(seq));
}

/** Forget the conversation (the device token stays for this tab). */
export function clearChat(): void {
  write(KEYS.credentials, null);
  write(KEYS.leftMessage, null);
  write(KEYS.outbox, null);
  write(KEYS.lastSeq, null);
}
