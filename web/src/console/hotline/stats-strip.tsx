// The queue's figures: what waits at each step, what is overdue, and the notice-and-takedown time over the
// last 30 days (median and 90th percentile).
import { useTranslation } from '../../i18n/index.ts';
import { useLoad } from '../../ui/use-load.ts';
import { hotlineApi } from './api.ts';
import { HOTLINE_ITEM_STATUSES } from './constants.ts';
import { formatHours } from './display.ts';
import { HotlineError } from './hotline-error.tsx';
import { useHotlineT } from './i18n.ts';

/** Removed and closed items do not wait: they are left out of the strip. */
const WAITING = HOTLINE_ITEM_STATUSES.filter((status) => status !== 'removed' && status !== 'closed');

export function StatsStrip() {
  const t = useHotlineT();
  const { i18n } = useTranslation();
  const { data, error, reload } = useLoad(() => hotlineApi.stats(), []);
  if (error) return <HotlineError error={error} onRetry={() => void reload()} />;
  if (!data) return null;
  const figures: { key: string; label: string; value: string; alert?: boolean }[] = [
    ...WAITING.map((status) => ({
      key: status,
      label: t(`stats.${status}`),
      value: String(data.byStatus[status] ?? 0),
    })),
    { key: 'overdue', label: t('stats.overdue'), value: String(data.overdue), alert: data.overdue > 0 },
    { key: 'removed', label: t('stats.removedLast30Days'), value: String(data.removedLast30Days) },
    {
      key: 'median',
      label: t('stats.takedownMedian'),
      value: formatHours(t, data.takedownMedianHours, i18n.language),
    },
    {
      key: 'p90',
      label: t('stats.takedownP90'),
      value: formatHours(t, data.takedownP90Hours, i18n.language),
    },
  ];
  return (
    <section className="hotline-stats" aria-labelledby="hotline-stats-title" data-testid="hotline-stats">
      <h2 id="hotline-stats-title" className="visually-hidden">
        {t('stats.title')}
      </h2>
      <dl className="hotline-stats__list">
        {figures.map((figure) => (
          <div
            key={figure.key}
            className={`hotline-stats__figure${figure.alert ? ' hotline-stats__figure--alert' : ''}`}
          >
            <dt>{figure.label}</dt>
            <dd>{figure.value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted hotline-stats__note">{t('stats.note')}</p>
    </section>
  );
}
