// /console/contacts/:id: one contact record with its form, the case it belongs to (or how to open or
// choose one), and its escalations.
import './records.css';
import type { TContact } from '@abri/contracts';
import { useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { useLoad } from '../../ui/use-load.ts';
import { ConsoleLoading } from '../session.tsx';
import { ContactCasePanel } from './contact-case-panel.tsx';
import { ContactForm } from './contact-form.tsx';
import { EscalationList } from './escalation-list.tsx';
import { useRecordsT } from './i18n.ts';
import { RecordError } from './record-error.tsx';

export default function ContactPage() {
  const t = useRecordsT();
  const { t: tt } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const fresh = (location.state as { fresh?: boolean } | null)?.fresh === true;
  const {
    data: contact,
    setData,
    error,
    reload,
  } = useLoad(() => api.get<TContact>(`/api/contacts/${id}`), [id]);
  usePageTitle(
    contact ? t('contact.pageTitle', { reference: contact.reference }) : t('contacts.title'),
    tt('console.brand'),
  );

  // A contact just created: straight to its call type (after the page's own move of focus to <main>).
  const loadedId = contact?.id;
  useEffect(() => {
    if (!fresh || !loadedId) return;
    const timer = window.setTimeout(() => {
      document
        .querySelector<HTMLInputElement>(
          '[data-field="callType"] input:checked, [data-field="callType"] input',
        )
        ?.focus();
    }, 50);
    return () => window.clearTimeout(timer);
  }, [fresh, loadedId]);

  if (error) return <RecordError error={error} onRetry={() => void reload()} />;
  if (!contact) return <ConsoleLoading />;

  return (
    <>
      <p className="records-breadcrumb">
        <Link to="/console/contacts">{t('contacts.back')}</Link>
      </p>
      <h1>{t('contact.pageTitle', { reference: contact.reference })}</h1>
      <p className="muted">
        {t('contact.meta', {
          channel: t(`channel.${contact.channel}`),
          counsellor: contact.counsellorName ?? '—',
        })}
      </p>
      <div className="records-layout">
        <section className="card records-layout__main" aria-label={t('contact.formLabel')}>
          <ContactForm key={contact.id} contact={contact} onSaved={setData} />
        </section>
        <aside className="records-layout__side" aria-label={t('contact.sideLabel')}>
          <ContactCasePanel contact={contact} onChanged={setData} />
          <section className="card" aria-labelledby="contact-escalations-title">
            <h2 id="contact-escalations-title">{t('escalations.title')}</h2>
            <EscalationList filter={{ contactId: contact.id }} compact />
            <p>
              <Link
                className="button button--secondary"
                to={`/console/escalations/new?contactId=${contact.id}`}
              >
                {t('escalation.escalate')}
              </Link>
            </p>
          </section>
        </aside>
      </div>
    </>
  );
}
