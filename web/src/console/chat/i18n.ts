// Strings of the staff chat, under `consoleChat` (see i18n/console-area.ts).
import { type AreaKey, type AreaT, type Complete, consoleArea } from '../../i18n/console-area.ts';
import en from './i18n/en.json';
import fr from './i18n/fr.json';

export type ChatKey = AreaKey<(typeof fr)['consoleChat']>;
export type ChatT = AreaT<ChatKey>;

const englishComplete: Complete<typeof en, typeof fr> = true;
void englishComplete;

const area = consoleArea<ChatKey>('consoleChat', { fr, en });
/** t() for the chat strings: `ct('queue.pick')` reads consoleChat.queue.pick. */
export const useChatT = area.useT;
/** The same outside React (for notifications built in event handlers). */
export const chatT = area.t;
