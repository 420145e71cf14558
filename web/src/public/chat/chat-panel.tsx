// The live chat on /parler, loaded only there (React.lazy): before (questions, or the closed screen with a
// message to leave, and "I have a code"), during, and after a conversation. What survives a reload lives
// in sessionStorage (see storage.ts); a reload mid-chat reconnects to the same conversation.
import type { TVisitorCredentials } from '@abri/contracts';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import './chat.css';
import type { Opened } from './prechat-form.tsx';
import { ScreenFocusProvider, useScreenChange } from './screen-focus.tsx';
import { clearChat, loadCredentials, loadLeftMessage, saveCredentials, saveLeftMessage } from './storage.ts';

// Two chunks: the questions before a chat, and the chat itself (fetched once a conversation exists).
const StartScreen = lazy(() => import('./start-screen.tsx'));
const ChatScreen = lazy(() => import('./chat-screen.tsx'));
const LeftMessageScreen = lazy(() => import('./left-message-screen.tsx'));

type Stage =
  | { kind: 'start' }
  | { kind: 'chat'; credentials: TVisitorCredentials }
  | { kind: 'left'; credentials: TVisitorCredentials };

function initialStage(): Stage {
  const credentials = loadCredentials();
  if (credentials) return { kind: 'chat', credentials };
  const left = loadLeftMessage();
  return left ? { kind: 'left', credentials: left } : { kind: 'start' };
}

export default function ChatPanel() {
  const { t } = useTranslation();
  return (
    <ScreenFocusProvider>
      <Suspense
        fallback={
          <p className="loading" role="status">
            {t('chat.loading')}
          </p>
        }
      >
        <ChatStages />
      </Suspense>
    </ScreenFocusProvider>
  );
}

function ChatStages() {
  const [stage, setStage] = useState<Stage>(initialStage);
  useScreenChange(stage.kind === 'chat' ? `chat:${stage.credentials.visitorToken}` : stage.kind);

  const restart = () => {
    clearChat();
    setStage({ kind: 'start' });
  };
  const opened = ({ credentials }: Opened) => {
    clearChat();
    saveCredentials(credentials);
    setStage({ kind: 'chat', credentials });
  };
  const left = ({ credentials }: Opened) => {
    clearChat();
    saveLeftMessage(credentials);
    setStage({ kind: 'left', credentials });
  };

  switch (stage.kind) {
    case 'chat':
      return (
        <ChatScreen
          key={stage.credentials.visitorToken}
          credentials={stage.credentials}
          onRestart={restart}
        />
      );
    case 'left':
      return <LeftMessageScreen credentials={stage.credentials} onDone={restart} />;
    case 'start':
      return <StartScreen onOpened={opened} onLeft={left} />;
  }
}
