// /console/hotline: the triage queue. Figures at the top, filters and the view ("list" or "by host") in
// the address so that back and a shared link keep them; the items come most urgent first, then oldest.
import './hotline.css';
import { useTranslation } from '../../i18n/index.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { useLoad } from '../../ui/use-load.ts';
import { hotlineApi } from './api.ts';
import { HOSTS_LIMIT, PAGE_SIZE } from './constants.ts';
import { ExportForm } from './export-form.tsx';
import { ExposureBanner } from './exposure.tsx';
import { HotlineError } from './hotline-error.tsx';
import { useHotlineT } from './i18n.ts';
import { Pager, usePage, useQueueParams } from './pager.tsx';
import { filtersOf, QUEUE_FILTERS, QueueFiltersForm } from './queue-filters.tsx';
import { HostsTable, ItemsTable } from './queue-tables.tsx';
import { StatsStrip } from './stats-strip.tsx';

export default function QueuePage() {
  const t = useHotlineT();
  const { t: tt } = useTranslation();
  usePageTitle(t('queue.title'), tt('console.brand'));
  const [params, update] = useQueueParams();
  const applied = filtersOf(params);
  const hostsView = params.get('view') === 'hosts';
  const { offset } = usePage();

  const query = new URLSearchParams();
  if (hostsView) {
    query.set('status', applied.status || 'open');
    query.set('limit', String(HOSTS_LIMIT));
  } else {
    for (const key of QUEUE_FILTERS) if (applied[key]) query.set(key, applied[key]);
    query.set('limit', String(PAGE_SIZE));
    query.set('offset', String(offset));
  }
  const queryString = query.toString();
  const items = useLoad(
    () => (hostsView ? Promise.resolve(null) : hotlineApi.queue(queryString)),
    [queryString, hostsView],
  );
  const hosts = useLoad(
    () => (hostsView ? hotlineApi.hosts(queryString) : Promise.resolve(null)),
    [queryString, hostsView],
  );
  const loading = hostsView ? hosts.loading : items.loading;

  return (
    <div className="hotline">
      <h1>{t('queue.title')}</h1>
      <ExposureBanner />
      <StatsStrip />
      <fieldset className="hotline-view-switch">
        <legend className="visually-hidden">{t('queue.viewLabel')}</legend>
        <button
          type="button"
          className="button button--secondary"
          aria-pressed={!hostsView}
          onClick={() => update({ view: null })}
        >
          {t('queue.viewList')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          aria-pressed={hostsView}
          onClick={() => update({ view: 'hosts' })}
        >
          {t('queue.viewHosts')}
        </button>
      </fieldset>
      <QueueFiltersForm
        key={params.toString()}
        applied={applied}
        busy={loading}
        hostsView={hostsView}
        onApply={(filters) => update(filters)}
      />

      <div aria-live="polite" className="hotline-results">
        {!hostsView && items.data && items.data.items.length === 0 && <p>{t('queue.empty')}</p>}
        {hostsView && hosts.data && hosts.data.length === 0 && <p>{t('hosts.empty')}</p>}
      </div>
      {hostsView ? (
        <>
          <HotlineError error={hosts.error} onRetry={() => void hosts.reload()} />
          {hosts.data && hosts.data.length > 0 && (
            <HostsTable hosts={hosts.data} status={applied.status} busy={hosts.loading} />
          )}
        </>
      ) : (
        <>
          <HotlineError error={items.error} onRetry={() => void items.reload()} />
          {items.data && items.data.items.length > 0 && (
            <ItemsTable items={items.data.items} busy={items.loading} />
          )}
          {items.data && <Pager total={items.data.total} label={t('queue.pagerLabel')} />}
        </>
      )}
      <ExportForm />
    </div>
  );
}
