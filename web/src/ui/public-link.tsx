// Links between public pages always *replace* the history entry (see quick-exit.tsx): Abri keeps a
// single entry in the browser history, which the quick exit then replaces.
import { type ComponentProps, useCallback } from 'react';
import { Link, type NavigateOptions, NavLink, type To, useNavigate } from 'react-router';

export function PublicLink(props: Omit<ComponentProps<typeof Link>, 'replace'>) {
  return <Link {...props} replace />;
}

export function PublicNavLink(props: Omit<ComponentProps<typeof NavLink>, 'replace'>) {
  return <NavLink {...props} replace />;
}

export function usePublicNavigate(): (to: To, options?: Omit<NavigateOptions, 'replace'>) => void {
  const navigate = useNavigate();
  return useCallback((to, options) => void navigate(to, { ...options, replace: true }), [navigate]);
}
