// The public settings (name, numbers, hours, quick-exit address, confidentiality) loaded once for all
// public pages. When the API fails, pages still render their static content and say what is missing.
import type { TPublicSettings } from '@abri/contracts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { setQuickExitUrl } from '../ui/quick-exit.tsx';

type PublicSettingsState = {
  settings: TPublicSettings | null;
  error: unknown;
  loading: boolean;
  retry: () => void;
};

const PublicSettingsContext = createContext<PublicSettingsState>({
  settings: null,
  error: null,
  loading: true,
  retry: () => {},
});

export function PublicSettingsProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<TPublicSettings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(null);
    // `attempt` is read so that retry() runs this effect again.
    void attempt;
    api
      .get<TPublicSettings>('/api/public/settings')
      .then((loaded) => {
        if (cancelled) return;
        setSettings(loaded);
        setQuickExitUrl(loaded.quickExitUrl);
      })
      .catch((caught: unknown) => {
        if (!cancelled) setError(caught);
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  return (
    <PublicSettingsContext.Provider value={{ settings, error, loading, retry }}>
      {children}
    </PublicSettingsContext.Provider>
  );
}

export function usePublicSettings(): PublicSettingsState {
  return useContext(PublicSettingsContext);
}

/** The service's name: from the settings, else the software's name. */
export function useHelplineName(fallback: string): string {
  const { settings } = usePublicSettings();
  return settings?.helplineName || fallback;
}
