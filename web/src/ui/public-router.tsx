// The public site's router: a few lines over the history API instead of react-router, which only the
// staff console loads (in its own lazy chunk), so that visitors' phones download less JavaScript.
//
// Every navigation *replaces* the current history entry (see quick-exit.tsx): Abri keeps a single entry
// in the browser history. Addresses under /console are not public pages: going there loads the page
// afresh, and the console then brings its own router.
import { createContext, type ReactNode, startTransition, useContext, useLayoutEffect, useState } from 'react';

const listeners = new Set<() => void>();

/** Whether a path belongs to the staff console (matched without regard to case, as react-router does). */
export function isConsolePath(pathname: string): boolean {
  return /^\/console(\/|$)/i.test(pathname);
}

/** The form routes are matched on: lower case (matching ignores case) and no trailing slash. */
export function routePath(pathname: string): string {
  return pathname.toLowerCase().replace(/\/+$/, '') || '/';
}

/** Go to a public address, replacing the current history entry. */
export function navigate(to: string): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin || isConsolePath(url.pathname)) {
    window.location.replace(url.href);
    return;
  }
  window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  for (const listener of [...listeners]) listener();
}

const PathnameContext = createContext('/');

/**
 * Provides the current path to usePathname(). Like react-router's BrowserRouter, a change of page is
 * rendered in a transition: the current page stays on screen while the next page's chunk loads.
 */
export function PublicRouter({ children }: { children: ReactNode }) {
  const [pathname, setPathname] = useState(() => window.location.pathname);
  useLayoutEffect(() => {
    const update = () => startTransition(() => setPathname(window.location.pathname));
    listeners.add(update);
    window.addEventListener('popstate', update);
    // The address may have changed between the first render and now.
    update();
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return <PathnameContext.Provider value={pathname}>{children}</PathnameContext.Provider>;
}

/** The current path, as in the address bar. */
export function usePathname(): string {
  return useContext(PathnameContext);
}
