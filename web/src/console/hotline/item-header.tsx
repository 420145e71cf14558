// The top of an item: what was reported (the address as text, never a link that opens it by accident: a
// copy button, and an explicit new-tab link under a warning), its status and priority, who has it, and
// taking it or letting it go.
import type { THotlineItem } from '@abri/contracts';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n/index.ts';
import { CopyButton } from '../../ui/copy-button.tsx';
import { formatDateTime } from '../format.ts';
import { useActiveSession } from '../session.tsx';
import { hotlineApi } from './api.ts';
import { itemTitle, openableUrl } from './display.ts';
import { HotlineError } from './hotline-error.tsx';
import { useHotlineT } from './i18n.ts';
import { KnownMaterialTag, OverdueTag, PriorityTag, StatusTag } from './tags.tsx';

type Props = { item: THotlineItem; onChanged: (item: THotlineItem, message: string) => void };

export function ItemHeader({ item, onChanged }: Props) {
  const t = useHotlineT();
  const { i18n } = useTranslation();
  const session = useActiveSession();
  const warningId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const mine = item.assignedToId === session.user.id;
  const openable = item.kind === 'url' ? openableUrl(item.url) : null;
  const finished = item.status === 'removed' || item.status === 'closed';

  const run = async (action: 'claim' | 'release') => {
    setBusy(true);
    setError(null);
    try {
      const updated =
        action === 'claim' ? await hotlineApi.claim(item.id) : await hotlineApi.release(item.id);
      onChanged(updated, action === 'claim' ? t('item.claimed') : t('item.released'));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <header className="card hotline-item-header">
      <p className="hotline-item-header__kind">
        {item.kind === 'url' ? t('item.kindUrl') : t('item.kindAccount')}
      </p>
      <p className="hotline-address" data-testid="hotline-item-url">
        <code>{itemTitle(item)}</code>
      </p>
      <div className="row-actions hotline-item-header__open">
        <CopyButton
          text={item.kind === 'url' && item.url ? item.url : itemTitle(item)}
          label={item.kind === 'url' ? t('item.copyAddress') : t('item.copyAccount')}
        />
      </div>
      {openable && (
        <div className="hotline-open">
          <p id={warningId} className="hotline-open__warning">
            {t('item.openWarning')}
          </p>
          <a href={openable} target="_blank" rel="noreferrer noopener" aria-describedby={warningId}>
            {t('item.openNewTab')}
          </a>
        </div>
      )}

      <dl className="hotline-facts">
        <div>
          <dt>{t('item.status')}</dt>
          <dd>
            <StatusTag status={item.status} /> {item.overdue && <OverdueTag />}
            {item.closedReason && <span className="muted"> — {t(`closeReason.${item.closedReason}`)}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('item.priority')}</dt>
          <dd>
            <PriorityTag priority={item.priority} />
            {item.knownMaterial && <KnownMaterialTag />}
          </dd>
        </div>
        <div>
          <dt>{t('item.category')}</dt>
          <dd>{t(`category.${item.category}`)}</dd>
        </div>
        <div>
          <dt>{t('item.host')}</dt>
          <dd className="hotline-break">{item.host}</dd>
        </div>
        <div>
          <dt>{t('item.counts')}</dt>
          <dd>
            {t('item.reportCount', { count: item.reportCount })} ·{' '}
            {t('item.fileCount', { count: item.fileCount })}
          </dd>
        </div>
        <div>
          <dt>{t('item.reported')}</dt>
          <dd>
            {item.firstReportedAt === item.lastReportedAt
              ? t('item.reportedOnce', { when: formatDateTime(item.firstReportedAt, i18n.language) })
              : t('item.reportedRange', {
                  first: formatDateTime(item.firstReportedAt, i18n.language),
                  last: formatDateTime(item.lastReportedAt, i18n.language),
                })}
          </dd>
        </div>
        <div>
          <dt>{t('item.assigned')}</dt>
          <dd data-testid="hotline-assigned">
            {mine ? t('item.assignedMe') : (item.assignedToName ?? t('queue.unassigned'))}
          </dd>
        </div>
        {item.sameHostOpen > 0 && (
          <div>
            <dt>{t('item.sameHost')}</dt>
            <dd>
              <Link to={`/console/hotline?${new URLSearchParams({ host: item.host }).toString()}`}>
                {t('item.sameHostLink', { count: item.sameHostOpen, host: item.host })}
              </Link>
            </dd>
          </div>
        )}
      </dl>

      {!finished && (
        <div className="row-actions">
          {!mine && (
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void run('claim')}
              data-testid="hotline-claim"
            >
              {item.assignedToId ? t('item.takeOver', { name: item.assignedToName ?? '' }) : t('item.claim')}
            </button>
          )}
          {mine && (
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => void run('release')}
              data-testid="hotline-release"
            >
              {t('item.release')}
            </button>
          )}
        </div>
      )}
      <HotlineError error={error} />
    </header>
  );
}
