// Strings of the hotline analysts' pages, under `consoleHotline` (see i18n/console-area.ts).
import { type AreaKey, type AreaT, type Complete, consoleArea } from '../../i18n/console-area.ts';
import en from './i18n/en.json';
import fr from './i18n/fr.json';

export type HotlineKey = AreaKey<(typeof fr)['consoleHotline']>;
export type HotlineT = AreaT<HotlineKey>;

const englishComplete: Complete<typeof en, typeof fr> = true;
void englishComplete;

const area = consoleArea<HotlineKey>('consoleHotline', { fr, en });
export const useHotlineT = area.useT;
export const hotlineT = area.t;
export const hasHotlineKey = area.has;
