// Strings of contact records, cases and escalations, under `consoleRecords` (see i18n/console-area.ts).
import { type AreaKey, type AreaT, type Complete, consoleArea } from '../../i18n/console-area.ts';
import en from './i18n/en.json';
import fr from './i18n/fr.json';

export type RecordsKey = AreaKey<(typeof fr)['consoleRecords']>;
export type RecordsT = AreaT<RecordsKey>;

const englishComplete: Complete<typeof en, typeof fr> = true;
void englishComplete;

const area = consoleArea<RecordsKey>('consoleRecords', { fr, en });
export const useRecordsT = area.useT;
export const recordsT = area.t;
export const hasRecordsKey = area.has;
