// One live connection for the whole chat area (workspace and board): the socket, the state it feeds,
// and the actions pages use. What is shown comes from the server: on load and after every
// reconnection the console asks again (GET /api/chat/me, /queue) and re-subscribes each open
// conversation from the highest seq it holds; unacknowledged messages are sent again. The chats'
// contact records live here too (contact-record.ts), so that switching conversations keeps them.
import type { TBoard, TCannedResponse, TChatCard, TStaffConversation } from '@abri/contracts';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'react';
import { api } from '../../api/client.ts';
import { hasAbility, useActiveSession } from '../session.tsx';
import { cardText, sendFrame } from './advice-cards.ts';
import { ChatRecords } from './contact-record.ts';
import { createFrameHandler, nextNoticeId } from './frame-handler.ts';
import { newClientId, StaffSocket } from './socket.ts';
import {
  type ChatState,
  chatReducer,
  highestSeq,
  initialState,
  myConversations,
  type OutboxItem,
  type OutgoingKind,
  type Presence,
  unreadCount,
} from './state.ts';

type MeResponse = {
  presence: Presence;
  capacity: number;
  conversations: TStaffConversation[];
  assignmentMode?: 'auto' | 'manual';
};

export type ChatActions = {
  send: (conversationId: string, kind: Exclude<OutgoingKind, 'card'>, text: string) => void;
  /** An advice card to the visitor (the counsellor in charge only; the server checks). */
  sendCard: (conversationId: string, card: TChatCard) => void;
  /** The reply box of a conversation says how to put text in it (a suggested question); returns a cleanup. */
  registerReply: (conversationId: string, insert: (text: string) => void) => () => void;
  /** Puts text in the conversation's reply box and focuses it; false when no reply box is shown. */
  insertReply: (conversationId: string, text: string) => boolean;
  pick: (conversationId: string) => Promise<TStaffConversation>;
  retry: (clientId: string) => void;
  drop: (clientId: string) => void;
  typing: (conversationId: string, typing: boolean) => void;
  markRead: (conversationId: string, seq: number) => void;
  observe: (conversationId: string) => Promise<void>;
  unobserve: (conversationId: string) => void;
  dismiss: (conversationId: string) => void;
  upsert: (conversation: TStaffConversation) => void;
  setIdle: (conversationId: string, idle: boolean) => void;
  setPresence: (presence: Presence, capacity: number) => Promise<void>;
  refresh: () => Promise<void>;
  reconnect: () => void;
  dropNotice: (id: number) => void;
  notify: (text: string) => void;
  cannedResponses: () => Promise<TCannedResponse[]>;
};

type ChatContextValue = {
  state: ChatState;
  /** The contact record of each chat (form, protocol checklist, escalation link). */
  records: ChatRecords;
  myId: string;
  myName: string;
  canAnswer: boolean;
  canSupervise: boolean;
  assignmentMode: 'auto' | 'manual' | null;
  loadError: unknown;
  active: string | null;
  setActive: (id: string | null) => void;
  sound: boolean;
  setSound: (on: boolean) => void;
  announcement: string;
  totalUnread: number;
  actions: ChatActions;
};

const ChatContext = createContext<ChatContextValue | null>(null);

export function useChat(): ChatContextValue {
  const value = useContext(ChatContext);
  if (!value) throw new Error('useChat outside ChatProvider');
  return value;
}

export function ChatProvider({ children }: { children: ReactNode }) {
  const session = useActiveSession();
  const myId = session.user.id;
  const myName = session.user.displayName;
  const canAnswer = hasAbility(session, 'helpline.answer');
  const canSupervise = hasAbility(session, 'helpline.supervise');
  const [state, dispatch] = useReducer(chatReducer, initialState);
  const [active, setActive] = useState<string | null>(null);
  const [sound, setSound] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [meMode, setMeMode] = useState<'auto' | 'manual' | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  const stateRef = useRef(state);
  stateRef.current = state;
  const activeRef = useRef(active);
  activeRef.current = active;
  const soundRef = useRef(sound);
  soundRef.current = sound;
  const socketRef = useRef<StaffSocket | null>(null);
  const subscribed = useRef(new Set<string>());
  const picked = useRef(new Set<string>());
  const canned = useRef<Promise<TCannedResponse[]> | null>(null);
  const replyBoxes = useRef(new Map<string, (text: string) => void>());
  const [records] = useState(() => new ChatRecords());

  // Checklist ticks wait a moment before they are saved: leaving the page saves them now.
  useEffect(() => {
    const flush = () => records.flushAll();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [records]);

  const refresh = useCallback(async () => {
    try {
      if (canAnswer) {
        const [me, queue] = await Promise.all([
          api.get<MeResponse>('/api/chat/me'),
          api.get<{ conversations: TStaffConversation[] }>('/api/chat/queue'),
        ]);
        dispatch({ type: 'me', ...me, myId });
        dispatch({ type: 'queue', conversations: queue.conversations });
        if (me.assignmentMode) setMeMode(me.assignmentMode);
      }
      if (canSupervise) dispatch({ type: 'board', board: await api.get<TBoard>('/api/chat/board') });
      setLoadError(null);
    } catch (error) {
      setLoadError(error);
    }
  }, [canAnswer, canSupervise, myId]);

  const onFrame = useMemo(
    () =>
      createFrameHandler({
        dispatch,
        myId,
        myName,
        state: () => stateRef.current,
        active: () => activeRef.current,
        sound: () => soundRef.current,
        announce: setAnnouncement,
        pickedByMe: (id) => picked.current.delete(id),
      }),
    [myId, myName],
  );

  const resubscribeAll = useCallback(() => {
    const socket = socketRef.current;
    if (!socket) return;
    for (const id of subscribed.current) {
      socket.send({
        type: 'subscribe',
        conversationId: id,
        lastSeq: highestSeq(stateRef.current.messages[id]),
      });
    }
    for (const item of stateRef.current.outbox) {
      if (item.state === 'sending') socket.send(sendFrame(item));
    }
  }, []);

  useEffect(() => {
    // The staff socket is for people who answer (supervisors do too); others get the pages' refusal.
    if (!canAnswer) return;
    const socket = new StaffSocket({
      onFrame,
      onStatus: (status) => dispatch({ type: 'status', status }),
      onOpen: (reconnected) => {
        resubscribeAll();
        if (reconnected) void refresh();
      },
    });
    socketRef.current = socket;
    socket.start();
    void refresh();
    return () => {
      socket.stop();
      socketRef.current = null;
      subscribed.current = new Set();
    };
  }, [canAnswer, onFrame, refresh, resubscribeAll]);

  // Subscribe to every conversation of the workspace and every observed one; let go of the others.
  const mine = useMemo(() => myConversations(state, myId), [state, myId]);
  const wantedKey = [...mine.map((conversation) => conversation.id), ...state.observed].sort().join(',');
  useEffect(() => {
    const wanted = new Set(wantedKey === '' ? [] : wantedKey.split(','));
    const socket = socketRef.current;
    for (const id of wanted) {
      if (subscribed.current.has(id)) continue;
      subscribed.current.add(id);
      socket?.send({
        type: 'subscribe',
        conversationId: id,
        lastSeq: highestSeq(stateRef.current.messages[id]),
      });
    }
    for (const id of [...subscribed.current]) {
      if (wanted.has(id)) continue;
      subscribed.current.delete(id);
      socket?.send({ type: 'unsubscribe', conversationId: id });
    }
  }, [wantedKey]);

  const actions = useMemo<ChatActions>(
    () => ({
      send: (conversationId, kind, text) => {
        const item: OutboxItem = {
          clientId: newClientId(),
          conversationId,
          kind,
          text,
          state: 'sending',
          error: null,
        };
        dispatch({ type: 'outbox-add', item });
        socketRef.current?.send(sendFrame(item));
      },
      sendCard: (conversationId, card) => {
        const item: OutboxItem = {
          clientId: newClientId(),
          conversationId,
          kind: 'card',
          card,
          text: cardText(card),
          state: 'sending',
          error: null,
        };
        dispatch({ type: 'outbox-add', item });
        socketRef.current?.send(sendFrame(item));
      },
      retry: (clientId) => {
        const item = stateRef.current.outbox.find((entry) => entry.clientId === clientId);
        if (!item) return;
        dispatch({ type: 'outbox-retry', clientId });
        socketRef.current?.send(sendFrame(item));
      },
      registerReply: (conversationId, insert) => {
        replyBoxes.current.set(conversationId, insert);
        return () => {
          if (replyBoxes.current.get(conversationId) === insert) replyBoxes.current.delete(conversationId);
        };
      },
      insertReply: (conversationId, text) => {
        const insert = replyBoxes.current.get(conversationId);
        if (!insert) return false;
        insert(text);
        return true;
      },
      pick: async (conversationId) => {
        // The server's "assigned" alert for a conversation one picks oneself says nothing new.
        picked.current.add(conversationId);
        const conversation = await api.post<TStaffConversation>(
          `/api/chat/conversations/${conversationId}/pick`,
        );
        dispatch({ type: 'conversation', conversation });
        return conversation;
      },
      drop: (clientId) => dispatch({ type: 'outbox-drop', clientId }),
      typing: (conversationId, typing) => {
        socketRef.current?.send({ type: 'typing', conversationId, typing });
      },
      markRead: (conversationId, seq) => {
        if (socketRef.current?.send({ type: 'read', conversationId, seq })) {
          dispatch({ type: 'read', conversationId, seq });
        }
      },
      observe: async (conversationId) => {
        const { conversation, messages } = await api.get<{
          conversation: TStaffConversation;
          messages: ChatState['messages'][string];
        }>(`/api/chat/conversations/${conversationId}`);
        dispatch({ type: 'conversation', conversation });
        dispatch({ type: 'messages', conversationId, messages });
        dispatch({ type: 'observe', conversationId, on: true });
      },
      unobserve: (conversationId) => dispatch({ type: 'observe', conversationId, on: false }),
      dismiss: (conversationId) => dispatch({ type: 'dismiss', conversationId }),
      upsert: (conversation) => dispatch({ type: 'conversation', conversation }),
      setIdle: (conversationId, idle) => dispatch({ type: 'idle', conversationId, idle }),
      setPresence: async (presence, capacity) => {
        const me = await api.post<MeResponse>('/api/chat/presence', { presence, capacity });
        dispatch({ type: 'me', ...me, myId });
      },
      refresh,
      reconnect: () => socketRef.current?.reconnectNow(),
      dropNotice: (id) => dispatch({ type: 'notice-drop', id }),
      notify: (text) =>
        dispatch({
          type: 'notice',
          notice: { id: nextNoticeId(), conversationId: null, code: 'info', text },
        }),
      cannedResponses: () => {
        canned.current ??= api
          .get<{ responses: TCannedResponse[] }>('/api/chat/canned-responses')
          .then((answer) => answer.responses)
          .catch((error: unknown) => {
            canned.current = null;
            throw error;
          });
        return canned.current;
      },
    }),
    [myId, refresh],
  );

  const totalUnread = mine.reduce((sum, conversation) => sum + unreadCount(state, conversation), 0);
  const assignmentMode = state.board?.assignmentMode ?? meMode;
  const value: ChatContextValue = {
    state,
    records,
    myId,
    myName,
    canAnswer,
    canSupervise,
    assignmentMode,
    loadError,
    active,
    setActive,
    sound,
    setSound,
    announcement,
    totalUnread,
    actions,
  };
  return <ChatContext.Provider value={value}>{children}</ChatContext.Provider>;
}
