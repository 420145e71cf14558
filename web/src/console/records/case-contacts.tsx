// The contacts grouped in a case, and linking one more from the reader's contacts not yet in a case.
import type { TCase, TContactSummary } from '@abri/contracts';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { useLoad } from '../../ui/use-load.ts';
import { formatDateTime } from '../format.ts';
import { useRecordsT } from './i18n.ts';
import { RecordError } from './record-error.tsx';
import { codeLabels, useTaxonomies } from './taxonomies.ts';

export function CaseContacts({ record, onChanged }: { record: TCase; onChanged: (saved: TCase) => void }) {
  const t = useRecordsT();
  const { i18n } = useTranslation();
  const { taxonomies } = useTaxonomies();
  const [linking, setLinking] = useState(false);
  return (
    <section className="card" aria-labelledby="case-contacts-title">
      <h2 id="case-contacts-title">{t('case.contactsTitle')}</h2>
      {record.contacts.length === 0 && <p className="muted">{t('case.noContacts')}</p>}
      {record.contacts.length > 0 && (
        <ul className="plain-list records-results">
          {record.contacts.map((contact) => (
            <li key={contact.id}>
              <span>
                <Link to={`/console/contacts/${contact.id}`}>{contact.reference}</Link> —{' '}
                {formatDateTime(contact.contactAt, i18n.language)} · {t(`channel.${contact.channel}`)}
                {contact.topics.length > 0 &&
                  ` · ${codeLabels(taxonomies?.topics, contact.topics, i18n.language).join(', ')}`}
              </span>
              <span className={`records-status records-status--${contact.status}`}>
                {t(`contactStatus.${contact.status}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {record.status !== 'closed' && (
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={linking}
          onClick={() => setLinking((open) => !open)}
        >
          {t('case.linkContact')}
        </button>
      )}
      {linking && (
        <LinkContactForm
          record={record}
          onLinked={(saved) => {
            setLinking(false);
            onChanged(saved);
          }}
        />
      )}
    </section>
  );
}

function LinkContactForm({ record, onLinked }: { record: TCase; onLinked: (saved: TCase) => void }) {
  const t = useRecordsT();
  const { i18n } = useTranslation();
  const id = useId();
  const list = useLoad(
    () => api.get<{ contacts: TContactSummary[] }>('/api/contacts?unlinked=true&limit=50'),
    [],
  );
  const contacts = list.data?.contacts ?? null;
  const [picked, setChosen] = useState('');
  const chosen = picked || contacts?.[0]?.id || '';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      onLinked(await api.post<TCase>(`/api/cases/${record.id}/contacts`, { contactId: chosen }));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form className="form form--inline-card records-subform" onSubmit={(event) => void submit(event)}>
      {contacts && contacts.length === 0 && <p>{t('case.noUnlinked')}</p>}
      {contacts && contacts.length > 0 && (
        <div className="records-inline-form">
          <div className="field">
            <label htmlFor={`${id}-contact`} className="field__label">
              {t('case.contactToLink')}
            </label>
            <select
              id={`${id}-contact`}
              className="field__input"
              value={chosen}
              onChange={(event) => setChosen(event.target.value)}
            >
              {contacts.map((contact) => (
                <option key={contact.id} value={contact.id}>
                  {`${contact.reference} — ${formatDateTime(contact.contactAt, i18n.language)} · ${t(`callType.${contact.callType}`)}`}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy}
            aria-busy={busy || undefined}
          >
            {t('case.link')}
          </button>
        </div>
      )}
      <RecordError error={list.error ?? error} />
    </form>
  );
}
