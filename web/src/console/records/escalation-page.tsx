// /console/escalations/:id: where the escalation stands, what can be done next, its form (editable while
// a draft), its history and its PDF. While an e-mail is on its way the page asks again every few seconds.
import './records.css';
import type { TEscalation } from '@abri/contracts';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { SuccessMessage } from '../../ui/error-message.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useLoad } from '../../ui/use-load.ts';
import { formatDateTime } from '../format.ts';
import { ConsoleLoading, hasAbility, useActiveSession } from '../session.tsx';
import { EscalationActions } from './escalation-actions.tsx';
import { draftFromForm } from './escalation-draft.ts';
import { EscalationForm } from './escalation-form.tsx';
import { EscalationStatus } from './escalation-list.tsx';
import { EscalationStepper } from './escalation-stepper.tsx';
import { EscalationHistory, EscalationSummary } from './escalation-summary.tsx';
import { hasRecordsKey, type RecordsKey, useRecordsT } from './i18n.ts';
import { PartnerCard } from './partner-card.tsx';
import { usePartners } from './partners.ts';
import { RecordError } from './record-error.tsx';

/** Every few seconds while the e-mail waits for the mail server; slower once it is held or failed. */
const POLL_MS = 3000;
const POLL_STUCK_MS = 20_000;

export default function EscalationPage() {
  const t = useRecordsT();
  const { t: tt, i18n } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const session = useActiveSession();
  const supervisor = hasAbility(session, 'helpline.supervise');
  const {
    data: escalation,
    setData,
    error,
    reload,
  } = useLoad(() => api.get<TEscalation>(`/api/escalations/${id}`), [id]);
  const partners = usePartners();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const [message, setMessage] = useState<string | null>(created ? t('escalation.done.created') : null);
  usePageTitle(
    escalation ? t('escalation.pageTitle', { reference: escalation.reference }) : t('escalations.title'),
    tt('console.brand'),
  );

  const sending = escalation?.status === 'sending';
  const stuck = escalation?.mailStatus === 'held' || escalation?.mailStatus === 'failed';
  useEffect(() => {
    if (!sending) return;
    const timer = window.setInterval(
      () => {
        api.get<TEscalation>(`/api/escalations/${id}`).then(setData, () => {});
      },
      stuck ? POLL_STUCK_MS : POLL_MS,
    );
    return () => window.clearInterval(timer);
  }, [sending, stuck, id, setData]);

  if (error) return <RecordError error={error} onRetry={() => void reload()} />;
  if (!escalation) return <ConsoleLoading />;
  const partner = partners.data?.find((entry) => entry.id === escalation.partnerId);
  const mailKey = `mailStatus.${escalation.mailStatus}`;

  return (
    <>
      <p className="records-breadcrumb">
        <Link to="/console/escalations">{t('escalations.back')}</Link>
      </p>
      <h1>
        {t('escalation.pageTitle', { reference: escalation.reference })}{' '}
        <EscalationStatus escalation={escalation} />
      </h1>
      <p className="muted">
        {t('escalation.meta', {
          partner: escalation.partnerName,
          kind: t(`partnerKind.${escalation.kind}`),
          by: escalation.createdByName ?? '—',
          when: formatDateTime(escalation.createdAt, i18n.language),
        })}{' '}
        {escalation.contactId && (
          <Link to={`/console/contacts/${escalation.contactId}`}>{escalation.contactReference}</Link>
        )}
        {escalation.contactId && escalation.caseId && ' · '}
        {escalation.caseId && (
          <Link to={`/console/cases/${escalation.caseId}`}>{escalation.caseReference}</Link>
        )}
      </p>
      <EscalationStepper escalation={escalation} />
      <SuccessMessage>{message}</SuccessMessage>

      <div role="status" aria-live="polite">
        {escalation.sentVia === 'email' && escalation.mailStatus && (
          <p className={`notice ${escalation.mailStatus === 'failed' ? 'notice--error' : 'notice--info'}`}>
            {hasRecordsKey(mailKey)
              ? t(mailKey as RecordsKey, { to: escalation.sentTo ?? '' })
              : escalation.mailStatus}
          </p>
        )}
      </div>
      {escalation.sentVia && escalation.sentAt && (
        <p>
          {t(`escalation.sentVia.${escalation.sentVia}`, {
            when: formatDateTime(escalation.sentAt, i18n.language),
            to: escalation.sentTo ?? escalation.partnerName,
          })}
          {escalation.partnerReference &&
            ` · ${t('escalation.theirReference', { reference: escalation.partnerReference })}`}
        </p>
      )}
      {escalation.approvedByName && escalation.approvedAt && (
        <p className="muted">
          {t('escalation.approvedBy', {
            name: escalation.approvedByName,
            when: formatDateTime(escalation.approvedAt, i18n.language),
          })}
        </p>
      )}

      <div className="records-layout">
        <div className="records-layout__main">
          <EscalationActions
            escalation={escalation}
            partner={partner}
            supervisor={supervisor}
            onChanged={(updated, text) => {
              setData(updated);
              setMessage(text);
            }}
          />
          <section className="card" aria-labelledby="escalation-form-title">
            <h2 id="escalation-form-title">{t('escalation.formTitle')}</h2>
            {escalation.status === 'draft' ? (
              <EscalationForm
                key={escalation.id}
                initialPartnerId={escalation.partnerId}
                initial={draftFromForm(escalation.form)}
                submitLabel={t('escalation.saveChanges')}
                onSave={async (input) => {
                  setData(await api.patch<TEscalation>(`/api/escalations/${escalation.id}`, input));
                  setMessage(t('escalation.done.saved'));
                }}
              />
            ) : (
              <>
                {partner && <PartnerCard partner={partner} />}
                <EscalationSummary form={escalation.form} />
              </>
            )}
          </section>
        </div>
        <div className="records-layout__side">
          <section className="card" aria-labelledby="escalation-history-title">
            <h2 id="escalation-history-title">{t('escalation.historyTitle')}</h2>
            <EscalationHistory escalation={escalation} />
          </section>
          <p>
            <a
              className="button button--secondary"
              href={`/api/escalations/${escalation.id}/pdf`}
              target="_blank"
              rel="noopener"
            >
              {t('escalation.pdf')}
            </a>
          </p>
        </div>
      </div>
    </>
  );
}
