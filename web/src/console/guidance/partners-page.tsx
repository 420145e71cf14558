// Escalation partners (ability settings.manage): police, child protection, platforms, health services,
// listed by kind; create one, or edit one in place. Partners are never deleted (escalations refer to them):
// one no longer used is made inactive.
import type { TPartner } from '@abri/contracts';
import { Fragment, useCallback, useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { SuccessMessage } from '../../ui/error-message.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { guidanceApi } from './api.ts';
import { PARTNER_KINDS } from './constants.ts';
import { GuidanceError } from './errors.tsx';
import { useGuidanceT } from './i18n.ts';
import { partnerKindName } from './labels.ts';
import { PartnerForm } from './partner-form.tsx';

export default function PartnersPage() {
  const t = useGuidanceT();
  const { t: tt, i18n } = useTranslation();
  usePageTitle(t('partners.title'), tt('console.brand'));
  const [partners, setPartners] = useState<TPartner[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setPartners(await guidanceApi.partners());
    } catch (caught) {
      setLoadError(caught);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const replace = (saved: TPartner) =>
    setPartners((current) => {
      const list = current ?? [];
      return list.some((entry) => entry.id === saved.id)
        ? list.map((entry) => (entry.id === saved.id ? saved : entry))
        : [...list, saved];
    });

  const collator = new Intl.Collator(i18n.language);
  return (
    <>
      <h1>{t('partners.title')}</h1>
      <p>{t('partners.intro')}</p>
      <section className="card">
        <PartnerForm
          existing={null}
          onSaved={(saved) => {
            replace(saved);
            setMessage(t('partners.created', { name: saved.name }));
          }}
        />
      </section>
      <SuccessMessage>{message}</SuccessMessage>
      <GuidanceError error={loadError} onRetry={() => void load()} />
      {!partners && !loadError && (
        <p className="loading" role="status">
          {tt('common.loading')}
        </p>
      )}
      {partners && partners.length === 0 && <p>{t('partners.empty')}</p>}
      {partners &&
        PARTNER_KINDS.map((kind) => {
          const list = partners
            .filter((partner) => partner.kind === kind)
            .sort((a, b) => Number(b.active) - Number(a.active) || collator.compare(a.name, b.name));
          if (list.length === 0) return null;
          const heading = `partners-${kind}-title`;
          return (
            <section key={kind} className="card" aria-labelledby={heading}>
              <h2 id={heading}>
                {partnerKindName(t, kind)} <span className="muted">({list.length})</span>
              </h2>
              <TableWrap label={partnerKindName(t, kind)}>
                <table className="table guidance-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('partners.name')}</th>
                      <th scope="col">{t('partners.contact')}</th>
                      <th scope="col">{t('partners.regions')}</th>
                      <th scope="col">{t('partners.status')}</th>
                      <th scope="col">{t('partners.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((partner) => (
                      <Fragment key={partner.id}>
                        <tr>
                          <th scope="row">
                            {partner.name}
                            <br />
                            <code className="muted">{partner.code}</code>
                          </th>
                          <td>
                            <ul className="plain-list">
                              {partner.email && <li>{partner.email}</li>}
                              {partner.phone && <li>{partner.phone}</li>}
                              {partner.url && (
                                <li>
                                  <a href={partner.url} target="_blank" rel="noreferrer noopener">
                                    {partner.url}
                                    <span className="visually-hidden"> {t('partners.newTab')}</span>
                                  </a>
                                </li>
                              )}
                              {!partner.email && !partner.phone && !partner.url && (
                                <li className="muted">{t('partners.noContact')}</li>
                              )}
                            </ul>
                          </td>
                          <td>
                            {partner.regions.length > 0 ? partner.regions.join(', ') : t('partners.national')}
                          </td>
                          <td>{partner.active ? t('partners.isActive') : t('partners.isInactive')}</td>
                          <td>
                            <button
                              type="button"
                              className="button button--small"
                              aria-expanded={editing === partner.id}
                              onClick={() => setEditing(editing === partner.id ? null : partner.id)}
                            >
                              {t('partners.edit')}
                              <span className="visually-hidden"> {partner.name}</span>
                            </button>
                          </td>
                        </tr>
                        {editing === partner.id && (
                          <tr>
                            <td colSpan={5}>
                              <PartnerForm
                                existing={partner}
                                onCancel={() => setEditing(null)}
                                onSaved={(saved) => {
                                  replace(saved);
                                  setEditing(null);
                                  setMessage(t('partners.updated', { name: saved.name }));
                                }}
                              />
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </section>
          );
        })}
    </>
  );
}
