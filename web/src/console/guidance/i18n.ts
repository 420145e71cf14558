// Strings of the guidance area (protocols, platform how-tos, lists, partners, outbox, records settings),
// under `consoleGuidance` (see i18n/console-area.ts).
import { type AreaKey, type AreaT, type Complete, consoleArea } from '../../i18n/console-area.ts';
import en from './i18n/en.json';
import fr from './i18n/fr.json';

export type GuidanceKey = AreaKey<(typeof fr)['consoleGuidance']>;
export type GuidanceT = AreaT<GuidanceKey>;

const englishComplete: Complete<typeof en, typeof fr> = true;
void englishComplete;

const area = consoleArea<GuidanceKey>('consoleGuidance', { fr, en });
export const useGuidanceT = area.useT;
export const guidanceT = area.t;
