// The queue as a table of items, or grouped by host; every row's first link is reachable with Tab. The
// content's address is shown as text and links to the item page, never to the content itself.
import type { THotlineItemSummary } from '@abri/contracts';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n/index.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { formatDateTime } from '../format.ts';
import type { HostGroup } from './api.ts';
import { formatAge, itemTitle } from './display.ts';
import { useHotlineT } from './i18n.ts';
import { KnownMaterialTag, OverdueTag, PriorityTag, StatusTag } from './tags.tsx';

export function ItemsTable({ items, busy }: { items: THotlineItemSummary[]; busy: boolean }) {
  const t = useHotlineT();
  const { i18n } = useTranslation();
  const now = Date.now();
  return (
    <TableWrap label={t('queue.listTitle')}>
      <table className="table table--dense hotline-queue" aria-busy={busy || undefined}>
        <caption>{t('queue.listTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('queue.colPriority')}</th>
            <th scope="col">{t('queue.colContent')}</th>
            <th scope="col">{t('queue.colCategory')}</th>
            <th scope="col">{t('queue.colHost')}</th>
            <th scope="col">{t('queue.colReports')}</th>
            <th scope="col">{t('queue.colFiles')}</th>
            <th scope="col">{t('queue.colAge')}</th>
            <th scope="col">{t('queue.colAssigned')}</th>
            <th scope="col">{t('queue.colStatus')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} data-testid="hotline-queue-row">
              <td>
                <PriorityTag priority={item.priority} />
              </td>
              <td className="hotline-queue__content">
                <Link to={`/console/hotline/items/${item.id}`} data-testid="hotline-item-link">
                  {itemTitle(item)}
                </Link>
                {item.kind === 'account' && <span className="muted"> {t('queue.inApp')}</span>}
                {item.knownMaterial && <KnownMaterialTag />}
              </td>
              <td>{t(`category.${item.category}`)}</td>
              <td className="hotline-queue__host">{item.host}</td>
              <td>{item.reportCount}</td>
              <td>{item.fileCount}</td>
              <td>
                <time
                  dateTime={item.firstReportedAt}
                  title={formatDateTime(item.firstReportedAt, i18n.language)}
                >
                  {formatAge(t, item.firstReportedAt, now)}
                </time>
              </td>
              <td>{item.assignedToName ?? t('queue.unassigned')}</td>
              <td>
                <StatusTag status={item.status} /> {item.overdue && <OverdueTag />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function HostsTable({ hosts, status, busy }: { hosts: HostGroup[]; status: string; busy: boolean }) {
  const t = useHotlineT();
  const now = Date.now();
  const linkTo = (host: string) => {
    const query = new URLSearchParams({ host });
    if (status) query.set('status', status);
    return `/console/hotline?${query.toString()}`;
  };
  return (
    <TableWrap label={t('hosts.listTitle')}>
      <table className="table table--dense" aria-busy={busy || undefined}>
        <caption>{t('hosts.listTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('hosts.colHost')}</th>
            <th scope="col">{t('hosts.colItems')}</th>
            <th scope="col">{t('hosts.colReports')}</th>
            <th scope="col">{t('hosts.colPriority')}</th>
            <th scope="col">{t('hosts.colOldest')}</th>
          </tr>
        </thead>
        <tbody>
          {hosts.map((group) => (
            <tr key={group.host} data-testid="hotline-host-row">
              <td className="hotline-queue__host">
                <Link to={linkTo(group.host)} aria-label={t('hosts.showItems', { host: group.host })}>
                  {group.host}
                </Link>
              </td>
              <td>{group.items}</td>
              <td>{group.reports}</td>
              <td>
                <PriorityTag priority={group.topPriority} />
              </td>
              <td>{formatAge(t, group.oldest, now)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
