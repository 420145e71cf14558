// The chat area of the console (/console/chat/...): one live connection shared by its pages.
import './chat.css';
import { Outlet } from 'react-router';
import { ChatProvider } from './chat-provider.tsx';

export default function ChatArea() {
  return (
    <ChatProvider>
      <Outlet />
    </ChatProvider>
  );
}
