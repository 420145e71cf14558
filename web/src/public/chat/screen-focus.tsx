// Focus management between the chat's screens: when the screen changes (form sent, chat ended...), focus
// moves to the new screen's heading so that keyboard and screen-reader users follow. The first screen
// shown does not take focus (the page's own focus handling applies).
import { createContext, type ReactNode, useContext, useEffect, useRef } from 'react';

const Armed = createContext<{ current: boolean }>({ current: false });

export function ScreenFocusProvider({ children }: { children: ReactNode }) {
  const armed = useRef(false);
  return <Armed.Provider value={armed}>{children}</Armed.Provider>;
}

/**
 * Call with a key naming the current screen: a new key makes the next ScreenHeading take focus. `null`
 * means "not known yet" (still connecting): the first known screen after it does not take focus.
 */
export function useScreenChange(screen: string | null): void {
  const armed = useContext(Armed);
  const last = useRef(screen);
  // Set during render, before the new screen's heading mounts (it may be lazy-loaded later).
  if (last.current !== screen) {
    if (last.current !== null && screen !== null) armed.current = true;
    last.current = screen;
  }
}

export function ScreenHeading({
  children,
  id,
  level = 2,
}: {
  children: ReactNode;
  id?: string;
  level?: 2 | 3;
}) {
  const armed = useContext(Armed);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!armed.current) return;
    armed.current = false;
    ref.current?.focus();
    ref.current?.scrollIntoView({ block: 'start' });
  }, [armed]);
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <Heading ref={ref} id={id} tabIndex={-1} className="chat-heading">
      {children}
    </Heading>
  );
}
