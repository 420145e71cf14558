// The fold-out action forms of a conversation (transfer, end, whisper, block): one open at a time, a
// button per form that says whether it is open, and a notice when an action is done.
import { type ReactNode, useState } from 'react';
import { useChat } from './chat-provider.tsx';

export function useActionPanel<P extends string>() {
  const { actions } = useChat();
  const [panel, setPanel] = useState<P | null>(null);
  const toggle = (next: P) => setPanel((current) => (current === next ? null : next));
  const done = (message: string) => {
    setPanel(null);
    actions.notify(message);
  };
  return { panel, toggle, done };
}

export function PanelToggle<P extends string>(props: {
  name: P;
  panel: P | null;
  toggle: (name: P) => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="button button--secondary"
      aria-expanded={props.panel === props.name}
      onClick={() => props.toggle(props.name)}
    >
      {props.children}
    </button>
  );
}
