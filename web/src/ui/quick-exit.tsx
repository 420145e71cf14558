// Quick exit: leave Abri in one gesture, leaving as little behind as a browser allows.
//
// How it works, and why:
// - The button (on every public page) and three presses of Shift within 1.5 s both call quickExit().
//   Only the Shift key counts (not Escape, which people press by reflex to close things); a held key's
//   auto-repeat is ignored, and any other key in between starts the count again, so typing capital
//   letters never triggers it.
// - quickExit() clears sessionStorage (the language choice and anything a later step keeps there),
//   hides the page at once (the next site may take a moment to load), then calls
//   window.location.replace(url): the current history entry is *replaced* by the harmless site.
// - For that to erase every trace from the Back button, Abri must occupy a single history entry. So all
//   navigation between public pages uses replace (<PublicLink> and navigate() of ui/public-router.tsx), and
//   the skip link moves focus without changing the URL hash. Back from the harmless site then leads to
//   whatever was open before Abri, never to an Abri page.
// - The destination comes from the settings (quickExitUrl); until they are loaded, a weather site.
// - Before any of that, cleanups registered with onQuickExit() run (the live chat closes its WebSocket
//   there, sending nothing more), so no connection outlives the page and nothing is written afterwards.
import { useEffect } from 'react';
import { useTranslation } from '../i18n/index.ts';

export const FALLBACK_QUICK_EXIT_URL = 'https://www.meteofrance.com/';
const SHIFT_PRESSES = 3;
const WINDOW_MS = 1500;

let quickExitUrl = FALLBACK_QUICK_EXIT_URL;

/** Set the destination from the settings; only http(s) addresses are accepted. */
export function setQuickExitUrl(url: string | null | undefined): void {
  quickExitUrl = url && /^https?:\/\//i.test(url) ? url : FALLBACK_QUICK_EXIT_URL;
}

const cleanups = new Set<() => void>();

/** Run `cleanup` first when the visitor leaves quickly; returns a function that unregisters it. */
export function onQuickExit(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

export function quickExit(): void {
  for (const cleanup of [...cleanups]) {
    try {
      cleanup();
    } catch {
      // Leaving matters more than tidying up.
    }
  }
  cleanups.clear();
  try {
    window.sessionStorage.clear();
  } catch {
    // Storage blocked: nothing was stored either.
  }
  document.body.hidden = true;
  document.title = '';
  window.location.replace(quickExitUrl);
}

/** Listen for Shift pressed three times in a row within 1.5 s, anywhere on the page. */
export function useShiftTripleExit(): void {
  useEffect(() => {
    let presses: number[] = [];
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Shift') {
        presses = [];
        return;
      }
      if (event.repeat) return;
      const now = event.timeStamp || performance.now();
      presses = [...presses.filter((at) => now - at <= WINDOW_MS), now];
      if (presses.length >= SHIFT_PRESSES) {
        presses = [];
        quickExit();
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}

export function QuickExitButton() {
  const { t } = useTranslation();
  useShiftTripleExit();
  return (
    <button type="button" className="quick-exit" onClick={quickExit} title={t('quickExit.hint')}>
      <span aria-hidden="true" className="quick-exit__icon">
        ✕
      </span>
      {t('quickExit.label')}
    </button>
  );
}
