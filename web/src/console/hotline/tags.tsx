// Priority, status and "overdue" as text first; the pips and colours only add to the words.
import type { THotlineItemStatus } from '@abri/contracts';
import { PRIORITIES } from './constants.ts';
import { type HotlineT, useHotlineT } from './i18n.ts';

export function priorityName(t: HotlineT, priority: number): string {
  const known = PRIORITIES.find((value) => value === priority);
  return known !== undefined ? t(`priority.${known}`) : String(priority);
}

export function PriorityTag({ priority }: { priority: number }) {
  const t = useHotlineT();
  const level = Math.min(4, Math.max(0, priority));
  return (
    <span className={`hotline-priority hotline-priority--${level}`}>
      <span className="hotline-priority__pips" aria-hidden="true">
        {PRIORITIES.map((pip) => (
          <span key={pip} className={pip <= 4 - level ? 'is-on' : undefined} />
        ))}
      </span>
      {t('priority.short', { priority })} · {priorityName(t, priority)}
    </span>
  );
}

export function StatusTag({ status }: { status: THotlineItemStatus }) {
  const t = useHotlineT();
  return <span className={`hotline-status hotline-status--${status}`}>{t(`status.${status}`)}</span>;
}

/** A picture of the item matched a bank of known abuse material: its pictures are never shown. */
export function KnownMaterialTag() {
  const t = useHotlineT();
  return <span className="hotline-known-tag">{t('queue.knownMaterial')}</span>;
}

export function OverdueTag() {
  const t = useHotlineT();
  return <span className="hotline-overdue">{t('queue.overdueBadge')}</span>;
}
