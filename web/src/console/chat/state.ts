// The chat area's state, as a pure reducer: conversations by id, their messages merged by seq (never
// twice), the outbox of messages waiting for the server's ack, and what the live frames say.
import type { TBoard, TChatCard, TChatMessage, TPresence, TStaffConversation } from '@abri/contracts';
import type { SocketStatus } from './socket.ts';

export type Presence = TPresence;
export type OutgoingKind = 'text' | 'note' | 'whisper' | 'card';

export type OutboxItem = {
  clientId: string;
  conversationId: string;
  /** The text; for a card, its plain-text rendering. */
  text: string;
  state: 'sending' | 'failed';
  error: string | null;
} & ({ kind: Exclude<OutgoingKind, 'card'> } | { kind: 'card'; card: TChatCard });

export type Notice = {
  id: number;
  conversationId: string | null;
  code: string;
  text: string | null;
  /** For a red_flag alert: the urgent flags found. */
  flags?: string[];
};

export type ChatState = {
  status: SocketStatus;
  presence: Presence | null;
  capacity: number | null;
  conversations: Record<string, TStaffConversation>;
  messages: Record<string, TChatMessage[]>;
  outbox: OutboxItem[];
  typing: Record<string, boolean>;
  idle: Record<string, boolean>;
  /** Highest visitor seq this console has marked read, per conversation. */
  readSent: Record<string, number>;
  observed: string[];
  /** Ended conversations the counsellor has closed in the workspace. */
  dismissed: string[];
  board: TBoard | null;
  notices: Notice[];
};

export const initialState: ChatState = {
  status: 'connecting',
  presence: null,
  capacity: null,
  conversations: {},
  messages: {},
  outbox: [],
  typing: {},
  idle: {},
  readSent: {},
  observed: [],
  dismissed: [],
  board: null,
  notices: [],
};

export type Action =
  | { type: 'status'; status: SocketStatus }
  | { type: 'me'; presence: Presence; capacity: number; conversations: TStaffConversation[]; myId: string }
  | { type: 'queue'; conversations: TStaffConversation[] }
  | { type: 'conversation'; conversation: TStaffConversation }
  | { type: 'messages'; conversationId: string; messages: TChatMessage[] }
  | { type: 'outbox-add'; item: OutboxItem }
  | { type: 'ack'; conversationId: string; clientId: string; seq: number; at: string; myName: string }
  | { type: 'outbox-failed'; clientId: string; error: string }
  | { type: 'outbox-retry'; clientId: string }
  | { type: 'outbox-drop'; clientId: string }
  | { type: 'typing'; conversationId: string; typing: boolean }
  | { type: 'idle'; conversationId: string; idle: boolean }
  | { type: 'read'; conversationId: string; seq: number }
  | { type: 'observe'; conversationId: string; on: boolean }
  | { type: 'dismiss'; conversationId: string }
  | { type: 'board'; board: TBoard }
  | { type: 'notice'; notice: Notice }
  | { type: 'notice-drop'; id: number };

const WAITING = new Set(['queued', 'left_message']);

export function isWaiting(conversation: TStaffConversation): boolean {
  return WAITING.has(conversation.status);
}

/** Merge by seq: a message seen again replaces the earlier copy; the result is sorted. */
export function mergeMessages(existing: TChatMessage[], incoming: TChatMessage[]): TChatMessage[] {
  if (incoming.length === 0) return existing;
  const bySeq = new Map<number, TChatMessage>();
  for (const message of existing) bySeq.set(message.seq, message);
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export function highestSeq(messages: TChatMessage[] | undefined): number {
  return messages && messages.length > 0 ? (messages[messages.length - 1]?.seq ?? 0) : 0;
}

export function isVisitorText(message: TChatMessage): boolean {
  return message.author === 'visitor' && message.kind === 'text';
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

export function chatReducer(state: ChatState, action: Action): ChatState {
  switch (action.type) {
    case 'status':
      return { ...state, status: action.status };
    case 'me': {
      const conversations = { ...state.conversations };
      const listed = new Set(action.conversations.map((conversation) => conversation.id));
      // A conversation we held that the server no longer lists has gone elsewhere while we were away.
      for (const conversation of Object.values(conversations)) {
        const mine = conversation.counsellorId === action.myId && conversation.status !== 'ended';
        if (
          mine &&
          !isWaiting(conversation) &&
          !listed.has(conversation.id) &&
          !state.observed.includes(conversation.id)
        ) {
          delete conversations[conversation.id];
        }
      }
      for (const conversation of action.conversations) conversations[conversation.id] = conversation;
      return { ...state, presence: action.presence, capacity: action.capacity, conversations };
    }
    case 'queue': {
      const conversations = { ...state.conversations };
      for (const conversation of Object.values(conversations)) {
        if (isWaiting(conversation)) delete conversations[conversation.id];
      }
      for (const conversation of action.conversations) conversations[conversation.id] = conversation;
      return { ...state, conversations };
    }
    case 'conversation': {
      const { conversation } = action;
      const typing = conversation.status === 'ended' ? without(state.typing, conversation.id) : state.typing;
      return { ...state, typing, conversations: { ...state.conversations, [conversation.id]: conversation } };
    }
    case 'messages': {
      const current = state.messages[action.conversationId] ?? [];
      const merged = mergeMessages(current, action.messages);
      const ids = new Set(action.messages.map((message) => message.clientId).filter(Boolean));
      const outbox = ids.size > 0 ? state.outbox.filter((item) => !ids.has(item.clientId)) : state.outbox;
      const newest = action.messages[action.messages.length - 1];
      const idle = newest && merged !== current ? without(state.idle, action.conversationId) : state.idle;
      const visitorSpoke = action.messages.some(isVisitorText);
      const typing = visitorSpoke ? without(state.typing, action.conversationId) : state.typing;
      return {
        ...state,
        outbox,
        idle,
        typing,
        messages: { ...state.messages, [action.conversationId]: merged },
      };
    }
    case 'outbox-add':
      return { ...state, outbox: [...state.outbox, action.item] };
    case 'ack': {
      const item = state.outbox.find((entry) => entry.clientId === action.clientId);
      const outbox = state.outbox.filter((entry) => entry.clientId !== action.clientId);
      const current = state.messages[action.conversationId] ?? [];
      if (!item || current.some((message) => message.seq === action.seq)) return { ...state, outbox };
      const message: TChatMessage = {
        seq: action.seq,
        author: 'counsellor',
        kind: item.kind,
        authorName: action.myName,
        body: item.text,
        ...(item.kind === 'card' ? { card: item.card } : {}),
        event: null,
        clientId: item.clientId,
        at: action.at,
      };
      const merged = mergeMessages(current, [message]);
      return { ...state, outbox, messages: { ...state.messages, [action.conversationId]: merged } };
    }
    case 'outbox-failed':
      return {
        ...state,
        outbox: state.outbox.map((item) =>
          item.clientId === action.clientId ? { ...item, state: 'failed', error: action.error } : item,
        ),
      };
    case 'outbox-retry':
      return {
        ...state,
        outbox: state.outbox.map((item) =>
          item.clientId === action.clientId ? { ...item, state: 'sending', error: null } : item,
        ),
      };
    case 'outbox-drop':
      return { ...state, outbox: state.outbox.filter((item) => item.clientId !== action.clientId) };
    case 'typing':
      return { ...state, typing: { ...state.typing, [action.conversationId]: action.typing } };
    case 'idle':
      return { ...state, idle: { ...state.idle, [action.conversationId]: action.idle } };
    case 'read':
      return { ...state, readSent: { ...state.readSent, [action.conversationId]: action.seq } };
    case 'observe': {
      const others = state.observed.filter((id) => id !== action.conversationId);
      return { ...state, observed: action.on ? [...others, action.conversationId] : others };
    }
    case 'dismiss':
      return { ...state, dismissed: [...state.dismissed, action.conversationId] };
    case 'board':
      return { ...state, board: action.board };
    case 'notice': {
      const { notice } = action;
      if (notice.code !== 'red_flag') {
        // The oldest ordinary notices give way; red_flag alerts stay until dismissed.
        const ordinary = state.notices.filter((entry) => entry.code !== 'red_flag');
        const dropped = new Set(ordinary.slice(0, -4));
        return { ...state, notices: [...state.notices.filter((entry) => !dropped.has(entry)), notice] };
      }
      // One red_flag alert per conversation, with every urgent flag reported so far.
      const earlier = state.notices.filter(
        (entry) => entry.code === 'red_flag' && entry.conversationId === notice.conversationId,
      );
      const flags = [...new Set([...earlier.flatMap((entry) => entry.flags ?? []), ...(notice.flags ?? [])])];
      return {
        ...state,
        notices: [...state.notices.filter((entry) => !earlier.includes(entry)), { ...notice, flags }],
      };
    }
    case 'notice-drop':
      return { ...state, notices: state.notices.filter((notice) => notice.id !== action.id) };
  }
}

/** The conversations of the counsellor's workspace, in the order they arrived. */
export function myConversations(state: ChatState, myId: string): TStaffConversation[] {
  return Object.values(state.conversations)
    .filter(
      (conversation) =>
        conversation.counsellorId === myId &&
        !isWaiting(conversation) &&
        !state.dismissed.includes(conversation.id),
    )
    .sort((a, b) => (a.assignedAt ?? a.createdAt).localeCompare(b.assignedAt ?? b.createdAt));
}

export function waitingConversations(state: ChatState): TStaffConversation[] {
  return Object.values(state.conversations)
    .filter(isWaiting)
    .sort((a, b) => (a.queuedAt ?? a.createdAt).localeCompare(b.queuedAt ?? b.createdAt));
}

/** Unread visitor messages: counted here once this console has sent a read mark, else the server's count. */
export function unreadCount(state: ChatState, conversation: TStaffConversation): number {
  const read = state.readSent[conversation.id];
  if (read === undefined) return conversation.unread;
  return (state.messages[conversation.id] ?? []).filter(
    (message) => isVisitorText(message) && message.seq > read,
  ).length;
}
