// Following the removal: when the host was told, when the content went, the notice-and-takedown time, the
// next automatic check and reminder, and every check made (outcome in words, HTTP status).
import type { THotlineItem } from '@abri/contracts';
import { useTranslation } from '../../i18n/index.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { formatDateTime } from '../format.ts';
import { formatHours } from './display.ts';
import { useHotlineT } from './i18n.ts';

export function RemovalTracking({ item }: { item: THotlineItem }) {
  const t = useHotlineT();
  const { i18n } = useTranslation();
  const date = (iso: string | null) => formatDateTime(iso, i18n.language);
  const removed = item.status === 'removed';
  return (
    <section className="card" aria-labelledby="hotline-removal-title" data-testid="hotline-removal">
      <h2 id="hotline-removal-title">{t('removal.title')}</h2>
      <p className="hotline-removal__state" data-testid="hotline-removal-state">
        {removed ? (
          <span className="hotline-status hotline-status--removed">{t('removal.removed')}</span>
        ) : item.notifiedAt ? (
          <span className="hotline-status hotline-status--awaiting_removal">{t('removal.online')}</span>
        ) : (
          <span className="muted">{t('removal.notNotified')}</span>
        )}
      </p>
      <dl className="hotline-facts hotline-facts--compact">
        <div>
          <dt>{t('removal.notifiedAt')}</dt>
          <dd>{date(item.notifiedAt)}</dd>
        </div>
        <div>
          <dt>{t('removal.removedAt')}</dt>
          <dd>{date(item.removedAt)}</dd>
        </div>
        <div>
          <dt>{t('removal.takedown')}</dt>
          <dd data-testid="hotline-takedown-hours">{formatHours(t, item.takedownHours, i18n.language)}</dd>
        </div>
        {!removed && (
          <>
            <div>
              <dt>{t('removal.nextCheck')}</dt>
              <dd>{date(item.nextCheckAt)}</dd>
            </div>
            <div>
              <dt>{t('removal.reminderDue')}</dt>
              <dd>
                {date(item.reminderDueAt)}
                {item.overdue && <span className="hotline-overdue"> {t('queue.overdueBadge')}</span>}
              </dd>
            </div>
          </>
        )}
      </dl>
      {item.checks.length === 0 ? (
        <p className="muted">{t('removal.noChecks')}</p>
      ) : (
        <TableWrap label={t('removal.checksTitle')}>
          <table className="table table--dense">
            <caption>{t('removal.checksTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('removal.colAt')}</th>
                <th scope="col">{t('removal.colOutcome')}</th>
                <th scope="col">{t('removal.colHttp')}</th>
                <th scope="col">{t('removal.colDetail')}</th>
              </tr>
            </thead>
            <tbody>
              {item.checks.map((check) => (
                <tr key={`${check.at}-${check.outcome}`}>
                  <td className="hotline-nowrap">{date(check.at)}</td>
                  <td>
                    <span className={`hotline-outcome hotline-outcome--${check.outcome}`}>
                      {t(`outcome.${check.outcome}`)}
                    </span>
                  </td>
                  <td>{check.httpStatus ?? '—'}</td>
                  <td className="hotline-checks__detail">{check.detail ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
