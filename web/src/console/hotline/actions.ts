// Which actions the item page offers, from the item's status, kind and assessment. The server decides
// again (and refuses with a reason); this only spares analysts buttons that cannot work.
import type { THotlineItem } from '@abri/contracts';

export const ITEM_ACTIONS = [
  'pharos',
  'transfer',
  'notice',
  'close',
  'removed',
  'check',
  'feedback',
  'reopen',
] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/** Why an action is not offered, said once under the buttons. */
export type BlockedReason = 'finished' | 'assessFirst' | 'notIllegal' | 'noFeedback' | 'notAwaiting';

type ItemState = Pick<THotlineItem, 'status' | 'kind' | 'assessment' | 'reports'>;

export function actionState(item: ItemState): Record<ItemAction, BlockedReason | null> {
  const open = item.status === 'new' || item.status === 'in_review' || item.status === 'awaiting_removal';
  const finished = item.status === 'removed' || item.status === 'closed';
  const referable: BlockedReason | null = !open
    ? 'finished'
    : !item.assessment
      ? 'assessFirst'
      : item.assessment.classification === 'not_illegal'
        ? 'notIllegal'
        : item.assessment.offences.length === 0
          ? 'assessFirst'
          : null;
  const awaiting = item.status === 'awaiting_removal';
  return {
    pharos: referable,
    transfer: referable,
    notice: referable,
    close: open ? null : 'finished',
    // Seen gone by the analyst (content inside an app is never checked automatically).
    removed: awaiting || item.status === 'in_review' ? null : 'notAwaiting',
    check: awaiting && item.kind === 'url' ? null : 'notAwaiting',
    feedback: item.reports.some((report) => report.wantsFeedback) ? null : 'noFeedback',
    reopen: finished ? null : 'finished',
  };
}

/** The notice's language guessed from the hosting country (the provider's likely language). */
export function noticeLanguageFor(
  country: string | null | undefined,
): 'fr' | 'en' | 'de' | 'nl' | 'es' | 'it' {
  switch (country) {
    case 'FR':
    case 'LU':
    case 'MC':
      return 'fr';
    case 'DE':
    case 'AT':
    case 'CH':
    case 'LI':
      return 'de';
    case 'NL':
    case 'BE':
      return 'nl';
    case 'ES':
      return 'es';
    case 'IT':
    case 'SM':
      return 'it';
    default:
      return 'en';
  }
}
