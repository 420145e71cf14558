// The case of a contact: a link to it, or the two ways to give it one (open a new case with it, or add it
// to an existing case found by reference or words of the title).
import type { TCase, TCaseSummary, TContact } from '@abri/contracts';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { TextField } from '../../ui/fields.tsx';
import { useRecordsT } from './i18n.ts';
import { RecordError } from './record-error.tsx';

export function ContactCasePanel({
  contact,
  onChanged,
}: {
  contact: TContact;
  onChanged: (contact: TContact) => void;
}) {
  const t = useRecordsT();
  const [searching, setSearching] = useState(false);
  const id = useId();

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('contact.caseTitle')}</h2>
      {contact.caseId ? (
        <p>
          {t('contact.inCase')} <Link to={`/console/cases/${contact.caseId}`}>{contact.caseReference}</Link>
        </p>
      ) : (
        <>
          <p className="muted">{t('contact.noCase')}</p>
          <div className="row-actions">
            <Link className="button button--secondary" to={`/console/cases/new?contactId=${contact.id}`}>
              {t('contact.openCase')}
            </Link>
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={searching}
              onClick={() => setSearching((open) => !open)}
            >
              {t('contact.addToCase')}
            </button>
          </div>
          {searching && <CaseSearch contact={contact} onLinked={onChanged} />}
        </>
      )}
    </section>
  );
}

function CaseSearch({ contact, onLinked }: { contact: TContact; onLinked: (contact: TContact) => void }) {
  const t = useRecordsT();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<TCaseSummary[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const params = new URLSearchParams({ limit: '10' });
      if (query.trim()) params.set('q', query.trim());
      setResults((await api.get<{ cases: TCaseSummary[] }>(`/api/cases?${params}`)).cases);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const link = async (target: TCaseSummary) => {
    setBusy(true);
    setError(null);
    try {
      await api.post<TCase>(`/api/cases/${target.id}/contacts`, { contactId: contact.id });
      onLinked(await api.get<TContact>(`/api/contacts/${contact.id}`));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <div className="form--inline-card records-subform">
      <form className="records-inline-form" onSubmit={(event) => void search(event)}>
        <TextField
          label={t('contact.caseSearch')}
          hint={t('contact.caseSearchHint')}
          type="search"
          maxLength={100}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="submit" className="button button--secondary" disabled={busy}>
          {t('list.search')}
        </button>
      </form>
      <RecordError error={error} />
      <div aria-live="polite">
        {results && results.length === 0 && <p>{t('cases.noMatch')}</p>}
        {results && results.length > 0 && (
          <ul className="plain-list records-results">
            {results.map((found) => (
              <li key={found.id}>
                <span>
                  <strong>{found.reference}</strong> — {found.title} ({t(`caseStatus.${found.status}`)})
                </span>
                <button
                  type="button"
                  className="button button--small"
                  disabled={busy}
                  onClick={() => void link(found)}
                  aria-label={t('contact.addToThisCaseNamed', { reference: found.reference })}
                >
                  {t('contact.addToThisCase')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
