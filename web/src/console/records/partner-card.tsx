// How to reach a partner, shown beside the escalation form and on the escalation's page.
import type { TPartner } from '@abri/contracts';
import { useRecordsT } from './i18n.ts';

export function PartnerCard({ partner }: { partner: TPartner }) {
  const t = useRecordsT();
  return (
    <div className="card card--info records-partner">
      <p>
        <strong>{partner.name}</strong> — {t(`partnerKind.${partner.kind}`)}
        {!partner.active && <span className="records-tag">{t('escalation.partnerInactive')}</span>}
      </p>
      <ul className="plain-list">
        {partner.email && <li>{t('escalation.partnerEmail', { email: partner.email })}</li>}
        {partner.phone && <li>{t('escalation.partnerPhone', { phone: partner.phone })}</li>}
        {partner.url && (
          <li>
            {t('escalation.partnerUrl')}{' '}
            <a href={partner.url} target="_blank" rel="noopener noreferrer">
              {partner.url}
            </a>
          </li>
        )}
        {partner.regions.length > 0 && (
          <li>{t('escalation.partnerRegions', { regions: partner.regions.join(', ') })}</li>
        )}
        {!partner.email && <li className="muted">{t('escalation.partnerNoEmail')}</li>}
      </ul>
      {partner.notes && <p className="preserve-lines muted">{partner.notes}</p>}
    </div>
  );
}
