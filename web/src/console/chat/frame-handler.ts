// What each frame of the staff socket does to the chat state, plus its side effects: a beep for a new
// visitor message or an alert (when sound is on), and the announcement of a visitor message in the chat
// on screen.
import type { TStaffServerFrame } from '@abri/contracts';
import type { Dispatch } from 'react';
import { ApiError } from '../../api/client.ts';
import i18n from '../../i18n/index.ts';
import { errorText } from '../../ui/error-message.tsx';
import { beep } from './alerts.ts';
import { chatT } from './i18n.ts';
import type { Action, ChatState } from './state.ts';

type Deps = {
  dispatch: Dispatch<Action>;
  myId: string;
  myName: string;
  state: () => ChatState;
  active: () => string | null;
  sound: () => boolean;
  announce: (text: string) => void;
  /** True (once) for a conversation this console has just picked from the queue. */
  pickedByMe: (conversationId: string) => boolean;
};

const TYPING_TIMEOUT_MS = 10_000;
let noticeIds = 0;

export function nextNoticeId(): number {
  noticeIds += 1;
  return noticeIds;
}

export function createFrameHandler({
  dispatch,
  myId,
  myName,
  state,
  active,
  sound,
  announce,
  pickedByMe,
}: Deps) {
  const typingTimers = new Map<string, number>();
  return (frame: TStaffServerFrame): void => {
    switch (frame.type) {
      case 'message': {
        dispatch({ type: 'messages', conversationId: frame.conversationId, messages: [frame.message] });
        const conversation = state().conversations[frame.conversationId];
        const mine = conversation?.counsellorId === myId;
        if (frame.message.author === 'visitor' && frame.message.kind === 'text' && mine) {
          if (sound()) beep();
          if (active() === frame.conversationId) {
            const name = conversation?.nickname || chatT('workspace.anonymous');
            announce(chatT('workspace.newMessage', { name, text: frame.message.body }));
          }
        }
        return;
      }
      case 'history':
        dispatch({ type: 'messages', conversationId: frame.conversationId, messages: frame.messages });
        return;
      case 'ack':
        dispatch({
          type: 'ack',
          conversationId: frame.conversationId,
          clientId: frame.clientId,
          seq: frame.seq,
          at: frame.at,
          myName,
        });
        return;
      case 'conversation':
        dispatch({ type: 'conversation', conversation: frame.conversation });
        return;
      case 'typing': {
        const timers = typingTimers;
        window.clearTimeout(timers.get(frame.conversationId));
        dispatch({ type: 'typing', conversationId: frame.conversationId, typing: frame.typing });
        if (frame.typing) {
          const timer = window.setTimeout(
            () => dispatch({ type: 'typing', conversationId: frame.conversationId, typing: false }),
            TYPING_TIMEOUT_MS,
          );
          timers.set(frame.conversationId, timer);
        }
        return;
      }
      case 'board':
        dispatch({ type: 'board', board: frame.board });
        return;
      case 'alert':
        if (frame.code === 'idle_prompt') {
          dispatch({ type: 'idle', conversationId: frame.conversationId, idle: true });
          return;
        }
        if (frame.code === 'assigned' && pickedByMe(frame.conversationId)) return;
        if (sound()) beep();
        dispatch({
          type: 'notice',
          notice: {
            id: nextNoticeId(),
            conversationId: frame.conversationId,
            code: frame.code,
            text: null,
            // red_flag: the urgent flags of the conversation, comma-separated.
            ...(frame.code === 'red_flag' ? { flags: frame.message.split(',').filter(Boolean) } : {}),
          },
        });
        return;
      case 'error':
        if (frame.clientId) {
          dispatch({
            type: 'outbox-failed',
            clientId: frame.clientId,
            error: errorText(i18n.t.bind(i18n), new ApiError(0, frame.code, frame.message)),
          });
        } else {
          dispatch({
            type: 'notice',
            notice: {
              id: nextNoticeId(),
              conversationId: frame.conversationId ?? null,
              code: 'error',
              text: errorText(i18n.t.bind(i18n), new ApiError(0, frame.code, frame.message)),
            },
          });
        }
        return;
      case 'pong':
        return;
    }
  };
}
