// Strings of the hash bank pages, under `consoleBanks` (see i18n/console-area.ts).
import { type AreaKey, type AreaT, type Complete, consoleArea } from '../../i18n/console-area.ts';
import en from './i18n/en.json';
import fr from './i18n/fr.json';

export type BanksKey = AreaKey<(typeof fr)['consoleBanks']>;
export type BanksT = AreaT<BanksKey>;

const englishComplete: Complete<typeof en, typeof fr> = true;
void englishComplete;

const area = consoleArea<BanksKey>('consoleBanks', { fr, en });
export const useBanksT = area.useT;
export const banksT = area.t;
export const hasBanksKey = area.has;
