// New-message alerts: a short beep made with the Web Audio API (no audio file), and the count of
// unread messages in the document title, e.g. "(3) Écoute — Console Abri".
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';

let audio: AudioContext | null = null;

/** Browsers only let sound start after a gesture: call this from the click that turns sound on. */
export function unlockSound(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    audio = null;
  }
}

export function beep(): void {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.setValueAtTime(880, now);
    gain.gain.setValueAtTime(0.0001, now);
    gain.gain.exponentialRampToValueAtTime(0.15, now + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.25);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(now);
    oscillator.stop(now + 0.3);
  } catch {
    // No sound available: the badge and the title still say there is something new.
  }
}

/** Like usePageTitle, with the number of unread messages in front when there are some. */
export function useChatTitle(page: string, name: string, unread: number): void {
  const { t } = useTranslation();
  const base = t('pageTitle', { page, name });
  const title = unread > 0 ? `(${unread}) ${base}` : base;
  useEffect(() => {
    document.title = title;
  }, [title]);
}

/** The current time, refreshed every `everyMs` (for waiting times). */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
