// One live connection for the whole chat area (workspace and board): the socket, the state it feeds,
// and the actions pages use. What is shown comes from the server: on load and after every
// reconnection the console asks again (GET /api/chat/me, /queue) and re-subscribes each open
// conversation from the highest seq it holds; unacknowledged messages are sent again.
import type { TBoard, TCannedResponse, TStaffConversation } from '@abri/contracts';
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
import { createFrameHandler, nextNoticeId } from './frame-handler.ts';
import { newClientId, StaffSocket } from './socket.ts';
import {
  type ChatState,
  chatReducer,
  highestSeq,
  initialState,
  myConversations,
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
  send: (conversationId: string, kind: OutgoingKind, text: string) => void;
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
      if (item.state !== 'sending') continue;
      const { conversationId, clientId, kind, text } = item;
      socket.send({ type: 'send', conversationId, clientId, kind, text });
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
        const clientId = newClientId();
        dispatch({
          type: 'outbox-add',
          item: { clientId, conversationId, kind, text, state: 'sending', error: null },
        });
        socketRef.current?.send({ type: 'send', conversationId, clientId, kind, text });
      },
      retry: (clientId) => {
        const item = stateRef.current.outbox.find((entry) => entry.clientId === clientId);
        if (!item) return;
        dispatch({ type: 'outbox-retry', clientId });
        const { conversationId, kind, text } = item;
        socketRef.current?.send({ type: 'send', conversationId, clientId, kind, text });
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
