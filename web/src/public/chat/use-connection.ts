// One VisitorConnection per conversation, started while the chat is on screen, closed first by the
// quick exit, and read through useSyncExternalStore.
import type { TVisitorCredentials } from '@abri/contracts';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { onQuickExit } from '../../ui/quick-exit.tsx';
import type { ChatState } from './chat-state.ts';
import { VisitorConnection } from './connection.ts';

export function useVisitorConnection(credentials: TVisitorCredentials): [VisitorConnection, ChatState] {
  const [connection] = useState(() => new VisitorConnection(credentials));
  useEffect(() => {
    connection.start();
    const forget = onQuickExit(() => connection.destroy());
    return () => {
      forget();
      connection.stop();
    };
  }, [connection]);
  return [connection, useSyncExternalStore(connection.subscribe, connection.getState)];
}
