// How the hash bank pages write a bank's counts, and what a page tells the next one through the router.
import type { TBank } from '@abri/contracts';
import { HASH_ALGORITHMS } from './constants.ts';
import type { BanksT } from './i18n.ts';

/** Router state: the bank just created (its page says so) or just deleted (the list says so). */
export type BanksPageState = { deleted?: string; created?: string };

/** "PDQ : 1 204", one line per algorithm. */
export function countsText(t: BanksT, bank: Pick<TBank, 'counts'>, language: string): string[] {
  const format = new Intl.NumberFormat(language);
  return HASH_ALGORITHMS.map((algorithm) =>
    t('list.count', { algorithm: t(`algorithm.${algorithm}`), count: format.format(bank.counts[algorithm]) }),
  );
}
