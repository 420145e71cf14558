// The analyst's daily exposure to images: a line at the top of the hotline pages ("you have seen N images
// today") that becomes a polite break suggestion when the server says so. Kept in one store for the whole
// console session, so that a reveal anywhere refreshes it and a dismissed suggestion stays dismissed until
// the next threshold.
import type { TExposure } from '@abri/contracts';
import { useEffect, useSyncExternalStore } from 'react';
import { hotlineApi } from './api.ts';
import { useHotlineT } from './i18n.ts';

type State = { exposure: TExposure | null; dismissedAt: number | null };

let state: State = { exposure: null, dismissedAt: null };
const listeners = new Set<() => void>();

function setState(next: Partial<State>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Read the count again (after a reveal). Failures are silent: the banner only informs. */
export async function refreshExposure(): Promise<void> {
  try {
    setState({ exposure: await hotlineApi.exposure() });
  } catch {
    // The count stays as it was.
  }
}

/** A suggestion dismissed at N images comes back once another `breakEvery` images have been seen. */
function suggestionShown({ exposure, dismissedAt }: State): boolean {
  if (!exposure?.breakSuggested) return false;
  if (dismissedAt === null) return true;
  return exposure.today >= dismissedAt + Math.max(1, exposure.breakEvery);
}

export function ExposureBanner() {
  const t = useHotlineT();
  const current = useSyncExternalStore(subscribe, () => state);
  useEffect(() => {
    void refreshExposure();
  }, []);
  const exposure = current.exposure;
  const suggest = suggestionShown(current);
  return (
    <div className="hotline-exposure" aria-live="polite" data-testid="hotline-exposure">
      {exposure && !suggest && (
        <p className="hotline-exposure__count">{t('exposure.today', { count: exposure.today })}</p>
      )}
      {exposure && suggest && (
        <div className="notice notice--info hotline-exposure__break">
          <p className="notice__text">
            <strong>{t('exposure.breakTitle')}</strong> {t('exposure.breakText', { count: exposure.today })}
          </p>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setState({ dismissedAt: exposure.today })}
          >
            {t('exposure.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
