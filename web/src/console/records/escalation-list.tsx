// Escalations as a table (the escalations page) or a short list (beside a contact or a case).
import type { TEscalationSummary } from '@abri/contracts';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { formatDateTime } from '../format.ts';
import { useRecordsT } from './i18n.ts';
import { RecordError } from './record-error.tsx';

export type EscalationListResponse = { escalations: TEscalationSummary[]; total: number };

export function EscalationStatus({ escalation }: { escalation: Pick<TEscalationSummary, 'status'> }) {
  const t = useRecordsT();
  return (
    <span className={`records-status records-status--${escalation.status}`}>
      {t(`escalationStatus.${escalation.status}`)}
    </span>
  );
}

/** The escalations of a contact or a case, loaded here. */
export function EscalationList({
  filter,
  compact = false,
}: {
  filter: { contactId?: string; caseId?: string };
  compact?: boolean;
}) {
  const t = useRecordsT();
  const query = new URLSearchParams({ ...filter, limit: '50' }).toString();
  const { data, error, reload } = useLoad(
    () => api.get<EscalationListResponse>(`/api/escalations?${query}`),
    [query],
  );
  if (error) return <RecordError error={error} onRetry={() => void reload()} />;
  if (!data) return null;
  if (data.escalations.length === 0) return <p className="muted">{t('escalations.none')}</p>;
  return <EscalationTable escalations={data.escalations} compact={compact} />;
}

export function EscalationTable({
  escalations,
  compact = false,
  caption,
}: {
  escalations: TEscalationSummary[];
  compact?: boolean;
  caption?: string;
}) {
  const t = useRecordsT();
  const { i18n } = useTranslation();
  if (compact) {
    return (
      <ul className="plain-list records-results">
        {escalations.map((escalation) => (
          <li key={escalation.id}>
            <span>
              <Link to={`/console/escalations/${escalation.id}`}>{escalation.reference}</Link> —{' '}
              {escalation.partnerName}
            </span>
            <EscalationStatus escalation={escalation} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <TableWrap label={caption ?? t('escalations.title')}>
      <table className="table table--dense">
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">{t('escalations.colReference')}</th>
            <th scope="col">{t('escalations.colPartner')}</th>
            <th scope="col">{t('escalations.colStatus')}</th>
            <th scope="col">{t('escalations.colUrgency')}</th>
            <th scope="col">{t('escalations.colFrom')}</th>
            <th scope="col">{t('escalations.colBy')}</th>
            <th scope="col">{t('escalations.colUpdated')}</th>
          </tr>
        </thead>
        <tbody>
          {escalations.map((escalation) => (
            <tr key={escalation.id}>
              <td>
                <Link to={`/console/escalations/${escalation.id}`}>{escalation.reference}</Link>
              </td>
              <td>
                {escalation.partnerName}
                <br />
                <span className="muted">{t(`partnerKind.${escalation.kind}`)}</span>
              </td>
              <td>
                <EscalationStatus escalation={escalation} />
              </td>
              <td>
                <span className={`records-urgency records-urgency--${escalation.urgency}`}>
                  {t(`urgency.${escalation.urgency}`)}
                </span>
              </td>
              <td>
                {escalation.caseId && (
                  <Link to={`/console/cases/${escalation.caseId}`}>{escalation.caseReference}</Link>
                )}
                {escalation.caseId && escalation.contactId && ' · '}
                {escalation.contactId && (
                  <Link to={`/console/contacts/${escalation.contactId}`}>{escalation.contactReference}</Link>
                )}
              </td>
              <td>{escalation.createdByName ?? '—'}</td>
              <td>{formatDateTime(escalation.updatedAt, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
