// The staff session as the server describes it (ZSessionInfo). Its `stage` decides which screen comes
// next; its abilities decide what the console shows (the server enforces them anyway).
import type { TAbility, TSessionInfo, TSessionStage } from '@abri/contracts';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Navigate } from 'react-router';
import { ApiError, api, rememberSession, setSessionLostHandler } from '../api/client.ts';
import { useTranslation } from '../i18n/index.ts';

type SessionContextValue = {
  /** undefined while the session is being looked up, null when there is none. */
  session: TSessionInfo | null | undefined;
  setSession: (session: TSessionInfo | null) => void;
  /** Set when the server ended the session (expired, logged out elsewhere). */
  sessionEnded: boolean;
  bootstrapError: unknown;
  refresh: () => Promise<TSessionInfo | null>;
};

const SessionContext = createContext<SessionContextValue | null>(null);

export function routeForStage(stage: TSessionStage): string {
  switch (stage) {
    case 'password_change':
      return '/console/password';
    case 'totp_enrol':
      return '/console/2fa/enrol';
    case 'totp_verify':
      return '/console/2fa';
    case 'active':
      return '/console';
  }
}

async function fetchSession(): Promise<TSessionInfo | null> {
  try {
    return await api.get<TSessionInfo>('/api/auth/session');
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.code === 'AUTH_REQUIRED')) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState<TSessionInfo | null | undefined>(undefined);
  const [sessionEnded, setSessionEnded] = useState(false);
  const [bootstrapError, setBootstrapError] = useState<unknown>(null);
  const hadSession = useRef(false);

  const setSession = useCallback((next: TSessionInfo | null) => {
    rememberSession(next);
    hadSession.current = next !== null;
    setSessionState(next);
    if (next) setSessionEnded(false);
  }, []);

  const refresh = useCallback(async () => {
    const current = await fetchSession();
    setSession(current);
    return current;
  }, [setSession]);

  useEffect(() => {
    let cancelled = false;
    fetchSession()
      .then((current) => {
        if (!cancelled) setSession(current);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setBootstrapError(error);
        setSession(null);
      });
    setSessionLostHandler(() => {
      rememberSession(null);
      if (hadSession.current) setSessionEnded(true);
      hadSession.current = false;
      setSessionState(null);
    });
    return () => {
      cancelled = true;
      setSessionLostHandler(null);
    };
  }, [setSession]);

  const value = useMemo(
    () => ({ session, setSession, sessionEnded, bootstrapError, refresh }),
    [session, setSession, sessionEnded, bootstrapError, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The active session; only for components rendered under <RequireStage stage="active">. */
export function useActiveSession(): TSessionInfo {
  const { session } = useSession();
  if (!session) throw new Error('no active session');
  return session;
}

export function hasAbility(session: TSessionInfo, ability: TAbility): boolean {
  return session.abilities.includes(ability);
}

/** Render children only at the given login stage; otherwise go where the session says. */
export function RequireStage({ stage, children }: { stage: TSessionStage; children: ReactNode }) {
  const { session } = useSession();
  if (session === undefined) return <ConsoleLoading />;
  if (session === null) return <Navigate to="/console/login" replace />;
  if (session.stage !== stage) return <Navigate to={routeForStage(session.stage)} replace />;
  return children;
}

export function ConsoleLoading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}
