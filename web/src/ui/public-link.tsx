// Links between public pages always *replace* the history entry (see quick-exit.tsx): Abri keeps a
// single entry in the browser history, which the quick exit then replaces.
import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate, routePath, usePathname } from './public-router.tsx';

type PublicLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** A plain click is handled here; a click with a modifier (new tab, new window…) is left to the browser. */
function followLink(event: MouseEvent<HTMLAnchorElement>, to: string, target: string | undefined): void {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    (target && target !== '_self') ||
    event.metaKey ||
    event.altKey ||
    event.ctrlKey ||
    event.shiftKey
  ) {
    return;
  }
  event.preventDefault();
  navigate(to);
}

export function PublicLink({ to, onClick, ...props }: PublicLinkProps) {
  return (
    <a
      {...props}
      href={to}
      onClick={(event) => {
        onClick?.(event);
        followLink(event, to, props.target);
      }}
    />
  );
}

/** A navigation link, marked as the current page (aria-current, class `active`) when its path is open. */
export function PublicNavLink({ className, ...props }: PublicLinkProps) {
  const active = routePath(usePathname()) === routePath(props.to);
  return (
    <PublicLink
      {...props}
      className={active ? [className, 'active'].filter(Boolean).join(' ') : className}
      aria-current={active ? 'page' : undefined}
    />
  );
}

/** navigate() for public pages, which always replaces the history entry. */
export function usePublicNavigate(): (to: string) => void {
  return navigate;
}
