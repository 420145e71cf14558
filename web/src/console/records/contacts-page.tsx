// /console/contacts: my contact records (every one, for supervisors), drafts on demand, and the button
// that logs a call or another contact made outside the chat.
import './records.css';
import type { TContact, TContactChannel, TContactSummary } from '@abri/contracts';
import { type FormEvent, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { CheckboxField } from '../../ui/fields.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { formatDateTime } from '../format.ts';
import { hasAbility, useActiveSession } from '../session.tsx';
import { CONTACT_CHANNELS, PAGE_SIZE } from './constants.ts';
import { useRecordsT } from './i18n.ts';
import { Pager, useFilterParams, usePage } from './pager.tsx';
import { RecordError } from './record-error.tsx';
import { codeLabels, useTaxonomies } from './taxonomies.ts';

type List = { contacts: TContactSummary[]; total: number };

export default function ContactsPage() {
  const t = useRecordsT();
  const { t: tt, i18n } = useTranslation();
  usePageTitle(t('contacts.title'), tt('console.brand'));
  const session = useActiveSession();
  const supervisor = hasAbility(session, 'helpline.supervise');
  const [params, setFilters] = useFilterParams();
  const { offset } = usePage();
  const drafts = params.get('drafts') === '1';
  const { taxonomies } = useTaxonomies();
  const { data, error, loading, reload } = useLoad(
    () =>
      api.get<List>(
        `/api/contacts?${new URLSearchParams({
          ...(drafts ? { status: 'draft' } : {}),
          limit: String(PAGE_SIZE),
          offset: String(offset),
        })}`,
      ),
    [drafts, offset],
  );

  return (
    <>
      <h1>{t('contacts.title')}</h1>
      <p className="muted">{supervisor ? t('contacts.introAll') : t('contacts.introMine')}</p>
      <NewContact />
      <section className="card" aria-labelledby="contacts-list-title">
        <h2 id="contacts-list-title">{t('contacts.listTitle')}</h2>
        <CheckboxField
          label={t('contacts.draftsOnly')}
          checked={drafts}
          onChange={(event) => setFilters({ drafts: event.target.checked ? '1' : null })}
        />
        <RecordError error={error} onRetry={() => void reload()} />
        {data && data.contacts.length === 0 && <p>{drafts ? t('contacts.noDrafts') : t('contacts.empty')}</p>}
        {data && data.contacts.length > 0 && (
          <TableWrap label={t('contacts.tableLabel')}>
            <table className="table table--dense" aria-busy={loading || undefined}>
              <thead>
                <tr>
                  <th scope="col">{t('contacts.colReference')}</th>
                  <th scope="col">{t('contacts.colDate')}</th>
                  <th scope="col">{t('contacts.colType')}</th>
                  <th scope="col">{t('contacts.colCaller')}</th>
                  <th scope="col">{t('contacts.colTopics')}</th>
                  <th scope="col">{t('contacts.colStatus')}</th>
                  <th scope="col">{t('contacts.colCase')}</th>
                  {supervisor && <th scope="col">{t('contacts.colCounsellor')}</th>}
                </tr>
              </thead>
              <tbody>
                {data.contacts.map((contact) => (
                  <tr key={contact.id}>
                    <td>
                      <Link to={`/console/contacts/${contact.id}`}>{contact.reference}</Link>
                    </td>
                    <td>{formatDateTime(contact.contactAt, i18n.language)}</td>
                    <td>
                      {t(`channel.${contact.channel}`)} · {t(`callType.${contact.callType}`)}
                    </td>
                    <td>{contact.caller ? t(`caller.${contact.caller}`) : '—'}</td>
                    <td>{codeLabels(taxonomies?.topics, contact.topics, i18n.language).join(', ') || '—'}</td>
                    <td>
                      <span className={`records-status records-status--${contact.status}`}>
                        {t(`contactStatus.${contact.status}`)}
                      </span>
                    </td>
                    <td>
                      {contact.caseId ? (
                        <Link to={`/console/cases/${contact.caseId}`}>{contact.caseReference}</Link>
                      ) : (
                        '—'
                      )}
                    </td>
                    {supervisor && <td>{contact.counsellorName ?? '—'}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {data && <Pager total={data.total} label={t('contacts.pagerLabel')} />}
      </section>
    </>
  );
}

/** Channel (phone by default) and one button: the new record opens at once. */
function NewContact() {
  const t = useRecordsT();
  const navigate = useNavigate();
  const [channel, setChannel] = useState<TContactChannel>('phone');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<TContact>('/api/contacts', { channel });
      void navigate(`/console/contacts/${created.id}`, { state: { fresh: true } });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('contacts.newTitle')}</h2>
      <form
        className="records-inline-form"
        onSubmit={(event) => void submit(event)}
        aria-labelledby={`${id}-title`}
      >
        <div className="field">
          <label htmlFor={`${id}-channel`} className="field__label">
            {t('contact.channel')}
          </label>
          <select
            id={`${id}-channel`}
            className="field__input"
            value={channel}
            onChange={(event) => setChannel(event.target.value as TContactChannel)}
          >
            {CONTACT_CHANNELS.filter((value) => value !== 'chat').map((value) => (
              <option key={value} value={value}>
                {t(`channel.${value}`)}
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
          {t('contacts.new')}
        </button>
      </form>
      <RecordError error={error} />
    </section>
  );
}
