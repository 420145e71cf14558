// The contact record of each chat in the workspace: read or created on the server (POST /api/contacts
// {conversationId} pre-fills it from the pre-chat answers and returns the same record when asked again),
// shared by the record form, the protocol panel's checklist and the red-flag banner's "Escalate" link.
//
// The panel's changes (checklist ticks, the protocol used) are shown at once and saved a moment later in
// one PATCH with the latest revision. While the record form holds edits of its own, they wait, so that
// the form's save is not refused for a revision the panel moved on; they go right after the form's save.
// A refused revision (someone else saved) is read again and the panel's fields applied over it.
import type { TContact, TProtocolStep, TProtocolTopic } from '@abri/contracts';
import { useSyncExternalStore } from 'react';
import { ApiError, api } from '../../api/client.ts';

/** What the protocol panel writes in the record. */
export type PanelFields = { checklist?: TProtocolStep[]; protocolTopic?: TProtocolTopic | null };

export type RecordEntry = {
  /** As the server last returned it (what the record form edits). */
  contact: TContact | null;
  /** The panel's changes not saved yet. */
  pending: PanelFields | null;
  /** The record form holds edits not saved yet: the panel's changes wait for its save. */
  formEdited: boolean;
  loading: boolean;
  saving: boolean;
  error: unknown;
};

const EMPTY: RecordEntry = {
  contact: null,
  pending: null,
  formEdited: false,
  loading: false,
  saving: false,
  error: null,
};
const SAVE_DELAY_MS = 800;

export class ChatRecords {
  #entries = new Map<string, RecordEntry>();
  #listeners = new Set<() => void>();
  #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #requests = new Map<string, Promise<TContact | null>>();

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  get(conversationId: string): RecordEntry {
    return this.#entries.get(conversationId) ?? EMPTY;
  }

  #set(conversationId: string, change: Partial<RecordEntry>): void {
    this.#entries.set(conversationId, { ...this.get(conversationId), ...change });
    for (const listener of [...this.#listeners]) listener();
  }

  /** The chat's record, created if there is none yet (once per conversation, however often asked). */
  ensure(conversationId: string): Promise<TContact | null> {
    const known = this.get(conversationId).contact;
    if (known) return Promise.resolve(known);
    const running = this.#requests.get(conversationId);
    if (running) return running;
    this.#set(conversationId, { loading: true, error: null });
    const request = api
      .post<TContact>('/api/contacts', { conversationId })
      .then(
        (contact) => {
          this.#set(conversationId, { contact, loading: false });
          return contact;
        },
        (error: unknown) => {
          this.#set(conversationId, { loading: false, error });
          return null;
        },
      )
      .finally(() => this.#requests.delete(conversationId));
    this.#requests.set(conversationId, request);
    return request;
  }

  /** The record form saved (or reloaded) the record: it is the newest; waiting panel changes follow it. */
  saved(conversationId: string, contact: TContact): void {
    const current = this.get(conversationId).contact;
    const newer = !current || contact.revision >= current.revision;
    this.#set(conversationId, { ...(newer ? { contact, error: null } : {}), formEdited: false });
    if (this.get(conversationId).pending) this.#schedule(conversationId, 0);
  }

  /** The record form has edits of its own (typed, not saved yet): panel saves wait for them. */
  formEdited(conversationId: string): void {
    if (!this.get(conversationId).formEdited) this.#set(conversationId, { formEdited: true });
  }

  /** A checklist tick or the protocol used: shown now, saved shortly. */
  change(conversationId: string, fields: PanelFields): void {
    const { pending } = this.get(conversationId);
    this.#set(conversationId, { pending: { ...pending, ...fields } });
    this.#schedule(conversationId, SAVE_DELAY_MS);
  }

  /** Save what waits now (leaving the conversation, closing the tab). */
  flush(conversationId: string): void {
    if (this.get(conversationId).pending) this.#schedule(conversationId, 0);
  }

  flushAll(): void {
    for (const [conversationId, entry] of this.#entries) if (entry.pending) void this.#save(conversationId);
  }

  #schedule(conversationId: string, delay: number): void {
    globalThis.clearTimeout(this.#timers.get(conversationId));
    this.#timers.set(
      conversationId,
      globalThis.setTimeout(() => void this.#save(conversationId), delay),
    );
  }

  async #save(conversationId: string, retried = false): Promise<void> {
    this.#timers.delete(conversationId);
    const entry = this.get(conversationId);
    if (!entry.pending || entry.saving || entry.formEdited) return;
    const contact = entry.contact ?? (await this.ensure(conversationId));
    if (!contact) return;
    const sent = entry.pending;
    this.#set(conversationId, { saving: true });
    try {
      const saved = await api.patch<TContact>(`/api/contacts/${contact.id}`, {
        revision: contact.revision,
        ...sent,
      });
      // Changes made while this save was under way stay pending (and are saved next).
      const now = this.get(conversationId).pending;
      const rest = now === sent ? null : without(now, sent);
      this.#set(conversationId, { contact: saved, pending: rest, saving: false, error: null });
      if (rest) this.#schedule(conversationId, SAVE_DELAY_MS);
    } catch (error) {
      this.#set(conversationId, { saving: false });
      if (error instanceof ApiError && error.code === 'RECORD_REVISION_CONFLICT' && !retried) {
        try {
          const fresh = await api.get<TContact>(`/api/contacts/${contact.id}`);
          this.#set(conversationId, { contact: fresh });
          await this.#save(conversationId, true);
          return;
        } catch (reloadError) {
          this.#set(conversationId, { error: reloadError });
          return;
        }
      }
      this.#set(conversationId, { error });
    }
  }
}

/** The fields of `now` that differ from what was just saved. */
function without(now: PanelFields | null, sent: PanelFields): PanelFields | null {
  if (!now) return null;
  const rest: PanelFields = {};
  if (now.checklist !== sent.checklist && now.checklist) rest.checklist = now.checklist;
  if (now.protocolTopic !== sent.protocolTopic && now.protocolTopic !== undefined)
    rest.protocolTopic = now.protocolTopic;
  return Object.keys(rest).length > 0 ? rest : null;
}

/** The record as the panel shows it: the server's, with the panel's changes not saved yet. */
export function shownRecord(entry: RecordEntry): TContact | null {
  if (!entry.contact) return null;
  return entry.pending ? { ...entry.contact, ...entry.pending } : entry.contact;
}

export function useChatRecord(records: ChatRecords, conversationId: string): RecordEntry {
  return useSyncExternalStore(
    records.subscribe,
    () => records.get(conversationId),
    () => EMPTY,
  );
}
